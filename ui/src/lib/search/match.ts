// Search over the topology the store holds: a query in, the matching networks and containers out, best
// first, each saying what matched ("IPv4 10.214.10.2 on backend"). Pure: no stores, no DOM, no backend.
import type { EdgeDto, NodeDto, NodeKind, TopologyDto } from "../backend";

export interface SearchResult {
  /** The node id ("network:<id>", "container:<id>"). */
  id: string;
  kind: NodeKind;
  name: string;
  /** What matched, e.g. "IPv4 10.214.10.2 on backend". */
  what: string;
  /** Lower is better (see RANK). */
  rank: number;
}

/** How good each kind of match is; a node keeps its best. */
export const RANK = {
  exactName: 0,
  exactAddress: 1,
  namePrefix: 2,
  idPrefix: 3,
  alias: 3,
  compose: 4,
  addressPrefix: 5,
  image: 6,
  nameSubstring: 7,
} as const;

/** An ID prefix shorter than this matches too much to mean anything. */
export const MIN_ID_PREFIX = 3;
/** At most this many results are listed. */
export const MAX_RESULTS = 50;

type Candidate = { rank: number; what: string };

/** Strips the prefix length of an address ("10.0.0.2/24" → "10.0.0.2"). */
const bare = (address: string) => address.replace(/\/\d+$/, "");

function addressMatch(kindWord: string, value: string | null, q: string, on: string): Candidate | null {
  if (!value) return null;
  const v = bare(value).toLowerCase();
  if (v === q) return { rank: RANK.exactAddress, what: `${kindWord} ${bare(value)} on ${on}` };
  if (v.startsWith(q)) return { rank: RANK.addressPrefix, what: `${kindWord} ${bare(value)} on ${on}` };
  return null;
}

function nameMatch(name: string, q: string, kindWord: string): Candidate | null {
  const n = name.toLowerCase();
  if (n === q) return { rank: RANK.exactName, what: `${kindWord} name` };
  if (n.startsWith(q)) return { rank: RANK.namePrefix, what: `${kindWord} name` };
  if (n.includes(q)) return { rank: RANK.nameSubstring, what: `${kindWord} name` };
  return null;
}

function nodeCandidates(node: NodeDto, q: string): Candidate[] {
  const out: (Candidate | null)[] = [];
  const c = node.container;
  const net = node.network;
  if (c) {
    out.push(nameMatch(c.name, q, "Container"));
    if (q.length >= MIN_ID_PREFIX && c.id.toLowerCase().startsWith(q)) out.push({ rank: RANK.idPrefix, what: `ID ${c.id.slice(0, 12)}` });
    if (c.image.toLowerCase().includes(q)) out.push({ rank: RANK.image, what: `Image ${c.image}` });
    const project = c.composeProject?.toLowerCase();
    if (project && (project === q || project.startsWith(q))) out.push({ rank: RANK.compose, what: `Compose project ${c.composeProject}` });
  } else if (net) {
    out.push(nameMatch(net.name, q, "Network"));
    if (q.length >= MIN_ID_PREFIX && net.id.toLowerCase().startsWith(q)) out.push({ rank: RANK.idPrefix, what: `ID ${net.id.slice(0, 12)}` });
    for (const ipam of net.ipam) out.push(addressMatch("Subnet", ipam.subnet, q, net.name));
    const project = net.labels.find((l) => l.key === "com.docker.compose.project")?.value;
    if (project && project.toLowerCase().startsWith(q)) out.push({ rank: RANK.compose, what: `Compose project ${project}` });
  } else {
    out.push(nameMatch(node.label, q, "Place"));
  }
  return out.filter((x) => x !== null);
}

function endpointCandidates(edge: EdgeDto, q: string): Candidate[] {
  const ep = edge.endpoint;
  if (!ep) return [];
  const out: (Candidate | null)[] = [
    addressMatch("IPv4", ep.ipv4, q, ep.networkName),
    addressMatch("IPv6", ep.ipv6, q, ep.networkName),
    addressMatch("MAC", ep.mac, q, ep.networkName),
  ];
  for (const alias of ep.aliases) {
    const a = alias.toLowerCase();
    if (a === q || a.startsWith(q)) out.push({ rank: RANK.alias, what: `Alias ${alias} on ${ep.networkName}` });
  }
  return out.filter((x) => x !== null);
}

/** The networks and containers matching `query` (case-insensitive), best first, then by name. */
/** Ids the search never offers (what the view filters hide). They are left out before the list is cut to
 * `limit`, so hidden matches never take the places of shown ones. */
export interface Skipped {
  has(id: string): boolean;
}
const NOTHING_SKIPPED: Skipped = { has: () => false };

export function searchTopology(topology: TopologyDto | null, query: string, limit = MAX_RESULTS, skipped = NOTHING_SKIPPED): SearchResult[] {
  const q = query.trim().toLowerCase();
  if (!topology || q === "") return [];
  const best = new Map<string, Candidate>();
  const offer = (id: string, candidates: Candidate[]) => {
    for (const c of candidates) {
      const held = best.get(id);
      if (!held || c.rank < held.rank) best.set(id, c);
    }
  };
  for (const node of topology.nodes) offer(node.id, nodeCandidates(node, q));
  for (const edge of topology.edges) if (edge.kind === "endpoint") offer(edge.target, endpointCandidates(edge, q));
  const nodes = new Map(topology.nodes.map((n) => [n.id, n]));
  const results: SearchResult[] = [];
  for (const [id, c] of best) {
    const node = nodes.get(id);
    if (node && !skipped.has(id)) results.push({ id, kind: node.kind, name: node.label, what: c.what, rank: c.rank });
  }
  results.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return results.slice(0, limit);
}
