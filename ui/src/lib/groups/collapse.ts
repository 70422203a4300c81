// Compose projects as the graph shows them: which project a node belongs to (read from the
// `composeProject` Rust sets on containers and networks, never from labels here), and the view of a
// topology with some projects collapsed, each into one node. Pure: a topology in, a topology out.
//
// Collapsing is a graph contraction and holds no Docker rule: every container and network of the project
// is replaced by one node (`project:<name>`, at the middle of its members), lines inside the project go,
// and lines between a member and anything outside are re-pointed to that node; several lines of one kind
// between the same two ends become one, labelled with how many it stands for.
import type { EdgeDto, NodeDto, TopologyDto } from "../backend";
import { byId } from "../topologyDiff";

const PREFIX = "project:";

export function projectNodeId(project: string): string {
  return PREFIX + project;
}

/** The project a collapsed node stands for, or null for any other id. */
export function projectOfId(id: string): string | null {
  return id.startsWith(PREFIX) ? id.slice(PREFIX.length) : null;
}

/** The Compose project a container or network belongs to, as Rust read it. */
export function projectOf(node: NodeDto): string | null {
  return node.container?.composeProject ?? node.network?.composeProject ?? null;
}

export interface ProjectMembers {
  containers: NodeDto[];
  networks: NodeDto[];
}

/** Every project in a topology with its members, by name. */
export function projectsIn(topology: TopologyDto): Map<string, ProjectMembers> {
  const out = new Map<string, ProjectMembers>();
  for (const node of topology.nodes) {
    const project = projectOf(node);
    if (project === null) continue;
    let members = out.get(project);
    if (!members) out.set(project, (members = { containers: [], networks: [] }));
    (node.kind === "network" ? members.networks : members.containers).push(node);
  }
  return out;
}

/**
 * `topology` with every project named in `collapsed` drawn as one node. With none of them present it is
 * `topology` itself (the same object), so a live change keeps the diff the store recorded for it.
 */
export function collapseView(topology: TopologyDto, collapsed: ReadonlySet<string>): TopologyDto {
  if (collapsed.size === 0) return topology;
  const into = new Map<string, string>();
  const members = new Map<string, NodeDto[]>();
  for (const node of topology.nodes) {
    const project = projectOf(node);
    if (project === null || !collapsed.has(project)) continue;
    into.set(node.id, projectNodeId(project));
    const list = members.get(project);
    if (list) list.push(node);
    else members.set(project, [node]);
  }
  if (members.size === 0) return topology;

  const nodes: NodeDto[] = topology.nodes.filter((n) => !into.has(n.id));
  for (const [project, list] of members) {
    const x = Math.round(list.reduce((sum, n) => sum + n.x, 0) / list.length);
    const y = Math.round(list.reduce((sum, n) => sum + n.y, 0) / list.length);
    // Built on a member so any further per-kind detail the contract gains starts out as the member's (null).
    const [first] = list;
    if (first) nodes.push({ ...first, id: projectNodeId(project), kind: "project", label: project, x, y, network: null, container: null });
  }

  const kept: EdgeDto[] = [];
  const bundles = new Map<string, EdgeDto[]>();
  for (const edge of topology.edges) {
    const source = into.get(edge.source) ?? edge.source;
    const target = into.get(edge.target) ?? edge.target;
    if (source === edge.source && target === edge.target) kept.push(edge);
    else if (source !== target) {
      const key = `group:${edge.kind}:${source}:${target}`;
      const bundle = bundles.get(key);
      if (bundle) bundle.push(edge);
      else bundles.set(key, [edge]);
    }
  }
  for (const [id, bundle] of bundles) {
    const first = bundle[0];
    if (!first) continue;
    const source = into.get(first.source) ?? first.source;
    const target = into.get(first.target) ?? first.target;
    const label = bundle.length === 1 ? first.label : `×${bundle.length}`;
    kept.push({ id, kind: first.kind, source, target, label, endpoint: null, reach: bundle.length === 1 ? first.reach : null });
  }
  return { revision: topology.revision, nodes: nodes.sort(byId), edges: kept.sort(byId) };
}
