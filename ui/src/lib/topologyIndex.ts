// Lookups over one TopologyDto by id: which containers sit on a network, which networks a container
// joins, which networks reach the host or the outside. Pure; built once per revision.
import type { EdgeDto, NodeDto, TopologyDto } from "./backend";

export interface TopologyIndex {
  readonly topology: TopologyDto;
  node(id: string): NodeDto | undefined;
  edge(id: string): EdgeDto | undefined;
  /** Edges touching a node, in the topology's order. */
  edgesOf(nodeId: string): EdgeDto[];
  /** Endpoint edges of a network node (network → container). */
  endpointsOfNetwork(networkNodeId: string): EdgeDto[];
  /** Endpoint edges of a container node. */
  endpointsOfContainer(containerNodeId: string): EdgeDto[];
  /** Reach edges leaving a network node. */
  reachesOfNetwork(networkNodeId: string): EdgeDto[];
  /** Reach edges arriving at the host or external node. */
  reachesInto(placeId: string): EdgeDto[];
}

/** Whether a graph id names an edge (Rust's id scheme, the test hook's too): an id that is gone can still be
 * told from a node's. `group:` lines exist only in the view of a collapsed Compose project. */
export function isEdgeId(id: string): boolean {
  return /^(endpoint|reach|stack|group|vip|task):/.test(id);
}

export function indexTopology(topology: TopologyDto): TopologyIndex {
  const nodes = new Map(topology.nodes.map((n) => [n.id, n]));
  const edges = new Map(topology.edges.map((e) => [e.id, e]));
  const touching = new Map<string, EdgeDto[]>();
  for (const e of topology.edges) {
    for (const end of [e.source, e.target]) {
      const list = touching.get(end);
      if (list) list.push(e);
      else touching.set(end, [e]);
    }
  }
  const edgesOf = (id: string) => touching.get(id) ?? [];
  return {
    topology,
    node: (id) => nodes.get(id),
    edge: (id) => edges.get(id),
    edgesOf,
    endpointsOfNetwork: (id) => edgesOf(id).filter((e) => e.kind === "endpoint" && e.source === id),
    endpointsOfContainer: (id) => edgesOf(id).filter((e) => e.kind === "endpoint" && e.target === id),
    reachesOfNetwork: (id) => edgesOf(id).filter((e) => e.kind === "reach" && e.source === id),
    reachesInto: (id) => edgesOf(id).filter((e) => e.kind === "reach" && e.target === id),
  };
}

/** "10.214.10.2/24" → "10.214.10.2". */
export function withoutPrefix(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const slash = ip.indexOf("/");
  return slash < 0 ? ip : ip.slice(0, slash);
}

/** Docker ids are 64 hex digits; people read the first 12. */
export function shortId(id: string): string {
  return /^[0-9a-f]{64}$/i.test(id) ? id.slice(0, 12) : id;
}
