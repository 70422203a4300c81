// Lookups over one TopologyDto by id: which containers sit on a network, which networks a container
// joins, which networks reach the host or the outside. Built once per revision, from the previous
// revision's lookups when a live diff made it.
import type { EdgeDto, NodeDto, TopologyDto } from "./backend";
import { byId, recordedDiff } from "./topologyDiff";

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
/** The ids of the graph's two places, Host (the machine) and External (the outside world). */
export const PLACE_IDS = ["host", "external"] as const;

/** Whether `id` is one of the places (PLACE_IDS), not a network, container or service. */
export function isPlaceId(id: string): boolean {
  return (PLACE_IDS as readonly string[]).includes(id);
}

export function isEdgeId(id: string): boolean {
  return /^(endpoint|reach|stack|group|vip|task):/.test(id);
}

interface Lookups {
  nodes: Map<string, NodeDto>;
  edges: Map<string, EdgeDto>;
  /** Edges by the node they touch, each list in the topology's order. */
  touching: Map<string, EdgeDto[]>;
}

// The lookups of the last topology indexed, so the next one, made from it by a live diff, is indexed from
// its lookups and the diff (copies of three maps, a few lists) instead of from scratch: this runs for every
// live change, before the graph draws it. Only the latest is kept: an older index keeps its own lookups.
let last: { topology: TopologyDto; lookups: Lookups } | null = null;

export function indexTopology(topology: TopologyDto): TopologyIndex {
  const lookups = last?.topology === topology ? last.lookups : (fromLast(topology) ?? lookupsOf(topology));
  last = { topology, lookups };
  const { nodes, edges, touching } = lookups;
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

function lookupsOf(topology: TopologyDto): Lookups {
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
  return { nodes, edges, touching };
}

/** The lookups of `topology` from the last one's, when `topology` is the last one with a recorded diff
 *  applied (`applyBackendDiff`, whose result is sorted by id as the edge lists are). */
function fromLast(topology: TopologyDto): Lookups | null {
  const recorded = recordedDiff(topology);
  if (!last || !recorded || recorded.from !== last.topology || recorded.diff.base !== last.topology.revision) return null;
  const { diff } = recorded;
  const before = last.lookups;
  const nodes = new Map(before.nodes);
  for (const id of diff.nodes.removed) nodes.delete(id);
  for (const n of [...diff.nodes.added, ...diff.nodes.changed]) nodes.set(n.id, n);
  const edges = new Map(before.edges);
  const touching = new Map(before.touching);
  const fresh = [...diff.edges.added, ...diff.edges.changed];
  // Every node whose list loses, gains or swaps a line: its list is made again (the others are shared).
  const ends = new Set<string>();
  for (const id of [...diff.edges.removed, ...fresh.map((e) => e.id)]) {
    const old = before.edges.get(id);
    if (old) ends.add(old.source).add(old.target);
  }
  for (const id of diff.edges.removed) edges.delete(id);
  for (const e of fresh) {
    edges.set(e.id, e);
    ends.add(e.source).add(e.target);
  }
  for (const end of ends) {
    const list = (before.touching.get(end) ?? []).filter((e) => edges.get(e.id) === e);
    for (const e of fresh) if (e.source === end || e.target === end) list.push(e);
    list.sort(byId);
    if (list.length > 0) touching.set(end, list);
    else touching.delete(end);
  }
  return { nodes, edges, touching };
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
