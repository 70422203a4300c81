// Which nodes and edges a view filter hides: first over a whole topology (`computeHidden`), then kept up to
// date from each live change (`updateHidden`), touching only the change's items and their neighbours (a
// container's networks, a network's containers, Host and External), never the whole graph.
//
// The rule is Rust's (`netlens_core::filter`, whose module doc states it step by step; `netlens export`
// filters with it). This is a copy, kept on purpose: a live change must be filtered as it is drawn, in the
// same frame, with no round trip to Rust per change and no pass over thousands of items. It must never
// drift: `rule.test.ts` holds `computeHidden` to the answers Rust wrote for every step of the rule
// (`test/golden/rules/viewFilter.json`, `make golden`), and `updateHidden` to `computeHidden` after live
// changes. Pure: plain data in, the hidden set updated in place.
import type { NodeDto, ViewFilter } from "../backend";
import type { TopologyDiff } from "../topologyDiff";
import { isPlaceId, PLACE_IDS, type TopologyIndex } from "../topologyIndex";

/** Rust's `COMPOSE_PROJECT_LABEL`. */
const PROJECT_LABEL = "com.docker.compose.project";

export const NO_FILTER: ViewFilter = { hidePredefined: false, hideStopped: false, drivers: [], projects: [], onlyUsed: false };

/** Whether the filter can hide anything (Rust's `!ViewFilter::is_empty`). */
export function isActive(f: ViewFilter): boolean {
  return f.hidePredefined || f.hideStopped || f.onlyUsed || f.drivers.length > 0 || f.projects.length > 0;
}

/** What a filter hides in one topology: node and edge ids, and the networks and containers among them. */
export interface Hidden {
  has(id: string): boolean;
  readonly networks: number;
  readonly containers: number;
  /** Every hidden node and edge id (for tests and the golden comparison). */
  ids(): string[];
}

/** The hidden set, changed in place by `updateHidden` (copying thousands of ids per live change would cost a pass). */
export class HiddenSet implements Hidden {
  private items = new Set<string>();
  networks = 0;
  containers = 0;

  has(id: string): boolean {
    return this.items.has(id);
  }
  ids(): string[] {
    return [...this.items].sort();
  }
  /** Sets whether `id` is hidden; true when that changed it. */
  set(id: string, hidden: boolean): boolean {
    if (hidden === this.items.has(id)) return false;
    const step = hidden ? 1 : -1;
    if (hidden) this.items.add(id);
    else this.items.delete(id);
    if (id.startsWith("network:")) this.networks += step;
    else if (id.startsWith("container:")) this.containers += step;
    return true;
  }
}

const isLive = (state: string) => state === "running" || state === "paused" || state === "restarting";

function networkProject(node: NodeDto): string | null {
  const label = node.network?.labels.find((l) => l.key === PROJECT_LABEL)?.value;
  return label ? label : null;
}

/** Step 1: the network's own tests. */
function networkPasses(f: ViewFilter, node: NodeDto | undefined): boolean {
  const n = node?.network;
  if (!n) return false;
  return !(f.hidePredefined && n.predefined) && (f.drivers.length === 0 || f.drivers.includes(n.driver));
}

/** Step 2: the container's own tests. */
function containerPasses(f: ViewFilter, node: NodeDto): boolean {
  const c = node.container;
  if (!c) return false;
  const project = c.composeProject ? c.composeProject : null;
  return (!f.hideStopped || isLive(c.state)) && (f.projects.length === 0 || (project !== null && f.projects.includes(project)));
}

/** Step 3: passes its own tests, with a network that passes its own (or on no network at all). */
function containerVisible(f: ViewFilter, index: TopologyIndex, node: NodeDto): boolean {
  if (!containerPasses(f, node)) return false;
  const endpoints = index.endpointsOfContainer(node.id);
  return endpoints.length === 0 || endpoints.some((e) => networkPasses(f, index.node(e.source)));
}

/** Step 4, given which containers are visible. */
function networkVisible(f: ViewFilter, index: TopologyIndex, node: NodeDto, containerShown: (id: string) => boolean): boolean {
  if (!networkPasses(f, node)) return false;
  const used = () => index.endpointsOfNetwork(node.id).some((e) => containerShown(e.target));
  const project = networkProject(node);
  const projectOk = f.projects.length === 0 || (project !== null && f.projects.includes(project)) || used();
  return projectOk && (!f.onlyUsed || used());
}

/** Step 5: Host or External, reached by a visible network. */
function placeVisible(index: TopologyIndex, id: string, hidden: Hidden): boolean {
  return index.reachesInto(id).some((e) => !hidden.has(e.source));
}

/**
 * Step 6: a swarm service, visible when one of its networks or task containers here is (its VIP and task
 * lines), or when it has neither on this node (it follows no one's tests, like a container on no network).
 */
function serviceVisible(index: TopologyIndex, id: string, hidden: Hidden): boolean {
  const ties = index.edgesOf(id);
  return ties.length === 0 || ties.some((e) => !hidden.has(e.source === id ? e.target : e.source));
}

/** Step 7: an edge whose two ends are visible. */
function edgeVisible(index: TopologyIndex, id: string, hidden: Hidden): boolean {
  const e = index.edge(id);
  return e !== undefined && !hidden.has(e.source) && !hidden.has(e.target);
}

/** Everything `f` hides in the topology `index` holds. */
export function computeHidden(index: TopologyIndex, f: ViewFilter): HiddenSet {
  const hidden = new HiddenSet();
  if (!isActive(f)) return hidden;
  const { nodes, edges } = index.topology;
  for (const n of nodes) if (n.kind === "container") hidden.set(n.id, !containerVisible(f, index, n));
  for (const n of nodes) if (n.kind === "network") hidden.set(n.id, !networkVisible(f, index, n, (c) => !hidden.has(c)));
  for (const n of nodes) if (n.kind === "host" || n.kind === "external") hidden.set(n.id, !placeVisible(index, n.id, hidden));
  for (const n of nodes) if (n.kind === "service") hidden.set(n.id, !serviceVisible(index, n.id, hidden));
  for (const e of edges) hidden.set(e.id, !edgeVisible(index, e.id, hidden));
  return hidden;
}

/**
 * The nodes a removed edge tied, from its id: `endpoint:<net>:<ctr>`, `reach:<net>:…`, a service's
 * `vip:<svc>:<net>` and `task:<svc>:<ctr>`.
 */
function endsOfRemovedEdge(id: string): string[] {
  const m = /^(endpoint|reach|vip|task):([^:]+):(.+)$/.exec(id);
  if (!m) return [];
  switch (m[1]) {
    case "endpoint":
      return [`network:${m[2]}`, `container:${m[3]}`];
    case "vip":
      return [`service:${m[2]}`, `network:${m[3]}`];
    case "task":
      return [`service:${m[2]}`, `container:${m[3]}`];
    default:
      return [`network:${m[2]}`];
  }
}

/**
 * `hidden` (what `f` hid in `before`) brought to `index`'s topology, which `diff` turned `before` into.
 * Looks only at the diff's items and their neighbours. Returns every id whose state may have changed
 * (items that flipped, and new items), for the view to restyle.
 */
export function updateHidden(hidden: HiddenSet, before: TopologyIndex | null, index: TopologyIndex, diff: TopologyDiff, f: ViewFilter): string[] {
  if (!isActive(f)) return [];
  const changed: string[] = [];
  const containers = new Set<string>();
  const networks = new Set<string>();
  const edges = new Set<string>();
  const services = new Set<string>();
  let places = false;
  const note = (id: string) => {
    if (id.startsWith("container:")) containers.add(id);
    else if (id.startsWith("network:")) networks.add(id);
    else if (id.startsWith("service:")) services.add(id);
    else if (isPlaceId(id)) places = true;
  };
  // What went: forget it, and look again at what it touched.
  for (const id of diff.edges.removed) {
    hidden.set(id, false);
    const e = before?.edge(id);
    for (const end of e ? [e.source, e.target] : endsOfRemovedEdge(id)) note(end);
  }
  for (const id of diff.nodes.removed) {
    hidden.set(id, false);
    for (const e of before?.edgesOf(id) ?? []) {
      hidden.set(e.id, false);
      note(e.source);
      note(e.target);
    }
  }
  // A network's own tests (step 1) read its name and driver, which never change under one id: a network
  // that comes arrives with its endpoints (noted below), one that goes was handled above.
  for (const n of [...diff.nodes.added, ...diff.nodes.changed]) {
    note(n.id);
    changed.push(n.id);
  }
  for (const e of [...diff.edges.added, ...diff.edges.changed]) {
    note(e.source);
    note(e.target);
    edges.add(e.id);
    changed.push(e.id);
  }
  const flipped: string[] = [];
  const put = (id: string, hide: boolean) => {
    if (hidden.set(id, hide)) flipped.push(id);
  };
  for (const id of containers) {
    const node = index.node(id);
    if (!node) continue;
    put(id, !containerVisible(f, index, node));
    // Whether it is shown decides its networks' step 4.
    for (const e of index.endpointsOfContainer(id)) networks.add(e.source);
  }
  for (const id of networks) {
    const node = index.node(id);
    if (node) put(id, !networkVisible(f, index, node, (c) => !hidden.has(c)));
  }
  if (places || networks.size > 0) {
    for (const id of PLACE_IDS) if (index.node(id)) put(id, !placeVisible(index, id, hidden));
  }
  // A service follows its networks and tasks: those looked at above, and the services of any that flipped.
  for (const id of [...containers, ...networks]) {
    for (const e of index.edgesOf(id)) for (const end of [e.source, e.target]) if (end.startsWith("service:")) services.add(end);
  }
  for (const id of services) if (index.node(id)) put(id, !serviceVisible(index, id, hidden));
  for (const id of flipped) for (const e of index.edgesOf(id)) edges.add(e.id);
  for (const id of edges) if (index.edge(id)) put(id, !edgeVisible(index, id, hidden));
  for (const id of flipped) changed.push(id);
  return changed;
}
