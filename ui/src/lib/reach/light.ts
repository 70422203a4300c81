// Lighting up what a selected container reaches: the container and its own networks, every target Rust
// says it reaches, the networks those ways go through, and the lines between them stay at full strength;
// the rest of the graph is dimmed, and each target it cannot reach keeps Rust's reason for a hover to
// show. Pure: Rust's `reachFrom` answer and the topology index in, ids out. It must not judge reachability
// itself.
import type { ReachItemDto } from "../backend";
import type { TopologyIndex } from "../topologyIndex";

export interface ReachLight {
  /** The container whose reach is lit (its graph node id). */
  from: string;
  /** Node ids drawn at full strength. */
  nodes: ReadonlySet<string>;
  /** Why each target it cannot reach is dimmed, in Rust's words, by node id. */
  reasons: ReadonlyMap<string, string>;
}

export function reachLight(fromId: string, answer: readonly ReachItemDto[]): ReachLight {
  const from = `container:${fromId}`;
  const nodes = new Set<string>([from]);
  const reasons = new Map<string, string>();
  for (const item of answer) {
    if (!item.reachable) {
      if (item.whyNot) reasons.set(item.nodeId, item.whyNot.text);
      continue;
    }
    nodes.add(item.nodeId);
    for (const way of item.ways) if (way.network) nodes.add(way.network.nodeId);
  }
  return { from, nodes, reasons };
}

/**
 * The ids a light keeps at full strength: its nodes and every line between two of them, and the container's
 * own lines and networks whatever it reaches: a stopped container reaches nothing, yet where it is attached
 * (and will be when it starts) is what a person selecting it looks for first.
 */
export function litIds(light: ReachLight, index: TopologyIndex): Set<string> {
  const kept = new Set<string>(light.nodes);
  for (const id of light.nodes) {
    for (const e of index.edgesOf(id)) if (light.nodes.has(e.source) && light.nodes.has(e.target)) kept.add(e.id);
  }
  for (const e of index.edgesOf(light.from)) {
    if (e.kind !== "endpoint") continue;
    kept.add(e.id);
    kept.add(e.source === light.from ? e.target : e.source);
  }
  return kept;
}
