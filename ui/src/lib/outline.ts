// The outline: every node and edge of the graph as a list people and screen readers can walk.
// Networks come first, each with its containers and its paths to the host and the outside; containers
// without a network after them; swarm services (with their virtual IPs and their tasks here) next; the host
// and external nodes last. Each node and edge appears exactly once.
// Built once (`buildOutline`), then kept up to date from what changed (`updateOutline`): networks the
// change does not touch keep their group object, so the view re-renders nothing for them.
import type { EdgeDto, NodeDto, TopologyDto } from "./backend";
import type { TopologyDiff } from "./topologyDiff";
import { indexTopology, type TopologyIndex } from "./topologyIndex";

export interface OutlineEndpointRow {
  edge: EdgeDto;
  container: NodeDto;
  /** The container's own entry lives here (its first network); elsewhere only the endpoint is listed. */
  home: boolean;
}

export interface OutlineNetworkGroup {
  network: NodeDto;
  endpoints: OutlineEndpointRow[];
  reaches: EdgeDto[];
}

/** A swarm service with its lines: its virtual IP on each network, then its tasks on this node. */
export interface OutlineServiceGroup {
  service: NodeDto;
  links: EdgeDto[];
}

export interface Outline {
  networks: OutlineNetworkGroup[];
  /** Containers with no endpoint on any network (e.g. `--network container:<id>`). */
  loose: NodeDto[];
  services: OutlineServiceGroup[];
  places: NodeDto[];
  /** Each container's networks (node ids), so an update knows which groups list it. */
  memberships: ReadonlyMap<string, readonly string[]>;
}

const byLabel = (a: NodeDto, b: NodeDto) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id);

/**
 * A multi-homed container lives under the network named by its network mode when it has one there,
 * else under its first network by name, so the outline does not jump around between revisions.
 */
function homeNetworkOf(container: NodeDto, networks: NodeDto[]): string | undefined {
  const mode = container.container?.networkMode;
  const byMode = networks.find((n) => n.network?.name === mode);
  return (byMode ?? networks[0])?.id;
}

/** The networks a container joins (sorted by name) and the one it is listed under. */
function membershipOf(container: NodeDto, index: TopologyIndex): { networks: string[]; home: string | undefined } {
  const joined = index
    .endpointsOfContainer(container.id)
    .map((e) => index.node(e.source))
    .filter((n): n is NodeDto => n !== undefined)
    .sort(byLabel);
  return { networks: joined.map((n) => n.id), home: homeNetworkOf(container, joined) };
}

function groupOf(network: NodeDto, index: TopologyIndex, homeOf: (containerId: string) => string | undefined): OutlineNetworkGroup {
  const endpoints = index
    .endpointsOfNetwork(network.id)
    .flatMap((edge): OutlineEndpointRow[] => {
      const container = index.node(edge.target);
      return container ? [{ edge, container, home: homeOf(container.id) === network.id }] : [];
    })
    .sort((a, b) => byLabel(a.container, b.container));
  const reaches = index.reachesOfNetwork(network.id).sort((a, b) => a.target.localeCompare(b.target));
  return { network, endpoints, reaches };
}

/** Every service with its lines, by name; the lines by kind (VIPs first), then by what they lead to. */
function servicesOf(topology: TopologyDto, index: TopologyIndex): OutlineServiceGroup[] {
  const label = (id: string) => index.node(id)?.label ?? id;
  return topology.nodes
    .filter((n) => n.kind === "service")
    .sort(byLabel)
    .map((service) => ({
      service,
      links: index
        .edgesOf(service.id)
        .filter((e) => e.source === service.id && (e.kind === "serviceNetwork" || e.kind === "task"))
        .sort((a, b) => (a.kind === b.kind ? label(a.target).localeCompare(label(b.target)) : a.kind === "serviceNetwork" ? -1 : 1)),
    }));
}

const placeOrder = (a: NodeDto, b: NodeDto) => (a.kind === "host" ? -1 : b.kind === "host" ? 1 : 0);

export function buildOutline(topology: TopologyDto, index: TopologyIndex = indexTopology(topology)): Outline {
  const networks = topology.nodes.filter((n) => n.kind === "network").sort(byLabel);
  const containers = topology.nodes.filter((n) => n.kind === "container");
  const homes = new Map<string, string | undefined>();
  const memberships = new Map<string, string[]>();
  for (const c of containers) {
    const m = membershipOf(c, index);
    homes.set(c.id, m.home);
    memberships.set(c.id, m.networks);
  }
  return {
    networks: networks.map((network) => groupOf(network, index, (id) => homes.get(id))),
    loose: containers.filter((c) => homes.get(c.id) === undefined).sort(byLabel),
    services: servicesOf(topology, index),
    places: topology.nodes.filter((n) => n.kind === "host" || n.kind === "external").sort(placeOrder),
    memberships,
  };
}

/** The network node a removed or changed edge belongs to: its source while it exists, else from its id. */
function networkOfEdgeId(id: string): string | null {
  const m = /^(?:endpoint|reach):([^:]+):/.exec(id);
  return m ? `network:${m[1]}` : null;
}

/**
 * `prev` (the outline of the topology `diff` starts from) brought to `next`. Only networks the diff
 * touches are rebuilt; every other group keeps its object. Linear in the change and in the number of
 * networks (to keep their order), not in the number of containers and endpoints.
 */
export function updateOutline(prev: Outline, next: TopologyDto, diff: TopologyDiff, index: TopologyIndex = indexTopology(next)): Outline {
  const touched = new Set<string>();
  const containers = new Set<string>();
  let networksChanged = false;
  let placesChanged = false;
  for (const list of [diff.nodes.added, diff.nodes.changed]) {
    for (const n of list) {
      if (n.kind === "network") {
        touched.add(n.id);
        networksChanged = true;
      } else if (n.kind === "container") containers.add(n.id);
      else placesChanged = true;
    }
  }
  for (const id of diff.nodes.removed) {
    if (id.startsWith("network:")) networksChanged = true;
    else if (id.startsWith("container:")) containers.add(id);
    else placesChanged = true;
  }
  for (const e of [...diff.edges.added, ...diff.edges.changed]) {
    touched.add(e.source);
    if (e.kind === "endpoint") containers.add(e.target);
  }
  for (const id of diff.edges.removed) {
    const net = networkOfEdgeId(id);
    if (net) touched.add(net);
    const ctr = /^endpoint:[^:]+:(.+)$/.exec(id)?.[1];
    if (ctr) containers.add(`container:${ctr}`);
  }

  const memberships = new Map(prev.memberships);
  const homes = new Map<string, string | undefined>();
  for (const id of containers) {
    // Every group that listed it, and every group that lists it now.
    for (const net of prev.memberships.get(id) ?? []) touched.add(net);
    const node = index.node(id);
    if (!node || node.kind !== "container") {
      memberships.delete(id);
      continue;
    }
    const m = membershipOf(node, index);
    memberships.set(id, m.networks);
    homes.set(id, m.home);
    for (const net of m.networks) touched.add(net);
  }
  const homeOf = (id: string): string | undefined => {
    if (homes.has(id)) return homes.get(id);
    const node = index.node(id);
    const m = node ? membershipOf(node, index) : undefined;
    homes.set(id, m?.home);
    return m?.home;
  };

  let groups: OutlineNetworkGroup[];
  if (networksChanged) {
    const kept = new Map(prev.networks.map((g) => [g.network.id, g]));
    groups = next.nodes
      .filter((n) => n.kind === "network")
      .sort(byLabel)
      .map((network) => (!touched.has(network.id) && kept.get(network.id)) || groupOf(network, index, homeOf));
  } else {
    groups = prev.networks.map((g) => {
      if (!touched.has(g.network.id)) return g;
      const network = index.node(g.network.id);
      return network ? groupOf(network, index, homeOf) : g;
    });
  }

  let loose = prev.loose;
  if (containers.size) {
    const stay = prev.loose.filter((c) => !containers.has(c.id));
    const join: NodeDto[] = [];
    for (const id of containers) {
      const node = index.node(id);
      if (node?.kind === "container" && (memberships.get(id) ?? []).length === 0) join.push(node);
    }
    loose = join.length || stay.length !== prev.loose.length ? [...stay, ...join].sort(byLabel) : prev.loose;
  }
  const places = placesChanged ? next.nodes.filter((n) => n.kind === "host" || n.kind === "external").sort(placeOrder) : prev.places;
  // Services are few: any change to one, or to its lines, lists them all again.
  const isSwarm = (id: string) => /^(service|vip|task):/.test(id);
  const swarmChanged =
    [...diff.nodes.added, ...diff.nodes.changed, ...diff.edges.added, ...diff.edges.changed].some((x) => isSwarm(x.id)) ||
    [...diff.nodes.removed, ...diff.edges.removed].some(isSwarm);
  const services = swarmChanged ? servicesOf(next, index) : prev.services;
  return { networks: groups, loose, services, places, memberships };
}

/** Ids in the order the outline lists them; tests use it to prove nothing is missing or doubled. */
export function outlineIds(outline: Outline): string[] {
  const ids: string[] = [];
  for (const g of outline.networks) {
    ids.push(g.network.id);
    for (const row of g.endpoints) {
      if (row.home) ids.push(row.container.id);
      ids.push(row.edge.id);
    }
    for (const r of g.reaches) ids.push(r.id);
  }
  for (const c of outline.loose) ids.push(c.id);
  for (const g of outline.services) ids.push(g.service.id, ...g.links.map((e) => e.id));
  for (const p of outline.places) ids.push(p.id);
  return ids;
}
