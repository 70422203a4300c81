// The outline: every node and edge of the graph as a list people and screen readers can walk.
// Networks come first, each with its containers and its paths to the host and the outside; containers
// without a network after them; the host and external nodes last. Each node and edge appears exactly once.
import type { EdgeDto, NodeDto, TopologyDto } from "./backend";
import { indexTopology } from "./topologyIndex";

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

export interface Outline {
  networks: OutlineNetworkGroup[];
  /** Containers with no endpoint on any network (e.g. `--network container:<id>`). */
  loose: NodeDto[];
  places: NodeDto[];
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

export function buildOutline(topology: TopologyDto): Outline {
  const index = indexTopology(topology);
  const networks = topology.nodes.filter((n) => n.kind === "network").sort(byLabel);
  const containers = topology.nodes.filter((n) => n.kind === "container");
  const homes = new Map<string, string | undefined>();
  for (const c of containers) {
    const joined = index
      .endpointsOfContainer(c.id)
      .map((e) => index.node(e.source))
      .filter((n): n is NodeDto => n !== undefined)
      .sort(byLabel);
    homes.set(c.id, homeNetworkOf(c, joined));
  }
  const groups = networks.map((network): OutlineNetworkGroup => {
    const endpoints = index
      .endpointsOfNetwork(network.id)
      .flatMap((edge): OutlineEndpointRow[] => {
        const container = index.node(edge.target);
        return container ? [{ edge, container, home: homes.get(container.id) === network.id }] : [];
      })
      .sort((a, b) => byLabel(a.container, b.container));
    const reaches = index.reachesOfNetwork(network.id).sort((a, b) => a.target.localeCompare(b.target));
    return { network, endpoints, reaches };
  });
  return {
    networks: groups,
    loose: containers.filter((c) => homes.get(c.id) === undefined).sort(byLabel),
    places: topology.nodes.filter((n) => n.kind === "host" || n.kind === "external").sort((a, b) => (a.kind === "host" ? -1 : b.kind === "host" ? 1 : 0)),
  };
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
  for (const p of outline.places) ids.push(p.id);
  return ids;
}
