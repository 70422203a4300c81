// Focus: a node's neighbourhood, everything else faded. `neighbourhood` is the pure part: the nodes within
// `hops` steps of a node along lines that are drawn (a filter's hidden items are neither reached nor crossed;
// Host and External are reached but not crossed, unless focused on), and every line between two of them. Kept small on purpose: it is asked again for each live change while a
// focus is on, and its cost is the neighbourhood's, not the graph's.
import { isPlaceId, type TopologyIndex } from "../topologyIndex";

export type Hops = 1 | 2;

export interface Focus {
  /** The node focused on. */
  id: string;
  hops: Hops;
}

export interface Neighbourhood {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/** The nodes within `hops` of `id` and the lines between them; null when `id` is not drawn. */
export function neighbourhood(index: TopologyIndex, id: string, hops: Hops, hidden: { has(id: string): boolean }): Neighbourhood | null {
  if (!index.node(id) || hidden.has(id)) return null;
  const nodes = new Set([id]);
  let frontier = [id];
  for (let step = 0; step < hops; step++) {
    const next: string[] = [];
    for (const at of frontier) {
      // Host and External end a path: every network leading out meets there, and is not a neighbour for it.
      if (at !== id && isPlaceId(at)) continue;
      for (const e of index.edgesOf(at)) {
        if (hidden.has(e.id)) continue;
        const other = e.source === at ? e.target : e.source;
        if (nodes.has(other) || hidden.has(other)) continue;
        nodes.add(other);
        next.push(other);
      }
    }
    frontier = next;
  }
  const edges = new Set<string>();
  for (const at of nodes) {
    for (const e of index.edgesOf(at)) if (!hidden.has(e.id) && nodes.has(e.source) && nodes.has(e.target)) edges.add(e.id);
  }
  return { nodes, edges };
}

/** Every id a focus keeps at full strength. */
export function keptIds(n: Neighbourhood): Set<string> {
  return new Set([...n.nodes, ...n.edges]);
}
