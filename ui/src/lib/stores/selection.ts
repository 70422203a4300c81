// What the user selected: a node id or an edge id (the id spaces do not overlap), and what that id
// resolves to in the current topology. An id that vanished resolves to `gone` so the panel can say so.
import { derived, writable, type Readable, type Writable } from "svelte/store";

import type { EdgeDto, NodeDto, TopologyDto } from "../backend";
import { indexTopology, type TopologyIndex } from "../topologyIndex";

export type Selected =
  | { kind: "node"; id: string; node: NodeDto; index: TopologyIndex }
  | { kind: "edge"; id: string; edge: EdgeDto; index: TopologyIndex }
  | { kind: "gone"; id: string };

export function isEdgeId(id: string): boolean {
  return id.startsWith("endpoint:") || id.startsWith("reach:");
}

export function resolveSelection(id: string | null, index: TopologyIndex | null): Selected | null {
  if (id === null) return null;
  if (!index) return { kind: "gone", id };
  if (isEdgeId(id)) {
    const edge = index.edge(id);
    return edge ? { kind: "edge", id, edge, index } : { kind: "gone", id };
  }
  const node = index.node(id);
  return node ? { kind: "node", id, node, index } : { kind: "gone", id };
}

export interface SelectionStores {
  selectedId: Writable<string | null>;
  selected: Readable<Selected | null>;
  index: Readable<TopologyIndex | null>;
}

export function createSelection(topology: Readable<TopologyDto | null>): SelectionStores {
  const selectedId = writable<string | null>(null);
  const index = derived(topology, (t) => (t ? indexTopology(t) : null));
  const selected = derived([selectedId, index], ([id, idx]) => resolveSelection(id, idx));
  return { selectedId, selected, index };
}
