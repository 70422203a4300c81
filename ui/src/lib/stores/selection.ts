// What the user selected: a node id or an edge id (the id spaces do not overlap), and what that id
// resolves to in the current topology. An id that vanished resolves to `gone` so the panel can say so.
// Alongside, the multi-selection (`selectedIds`), whose last entry that single id always is.
import { derived, writable, type Readable, type Writable } from "svelte/store";

import type { EdgeDto, NodeDto, TopologyDto } from "../backend";
import { followPrimary, only, primaryOf, toggle } from "../selectionSet";
import { indexTopology, isEdgeId, type TopologyIndex } from "../topologyIndex";

export type Selected =
  | { kind: "node"; id: string; node: NodeDto; index: TopologyIndex }
  | { kind: "edge"; id: string; edge: EdgeDto; index: TopologyIndex }
  | { kind: "gone"; id: string };

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

/**
 * The multi-selection, layered over `selectedId` so that everything which sets or reads the single
 * selection keeps working: `selectedId` always holds the primary (the last entry of `ids`), and a
 * primary set from elsewhere (`select(id)`) collapses the set to that one item, or empties it on null.
 * Built next to the AppState rather than inside it, so AppState's shape does not change.
 */
export interface MultiSelection {
  /** The selected node and edge ids, in the order they were added; the last one is the primary. */
  selectedIds: Readable<string[]>;
  /** A plain click: that one alone (null clears). */
  only(id: string | null): void;
  /** A Ctrl/Shift click: in or out of the set. */
  toggle(id: string): void;
  /** The current ids (for key handlers and the test hook, which read once). */
  current(): string[];
}

export function createMultiSelection(selectedId: Writable<string | null>): MultiSelection {
  const ids = writable<string[]>([]);
  let now: string[] = [];
  const apply = (next: string[]) => {
    now = next;
    ids.set(next);
    // followPrimary below sees its own primary come back and leaves the set alone.
    selectedId.set(primaryOf(next));
  };
  selectedId.subscribe((primary) => {
    const next = followPrimary(now, primary);
    if (next.length !== now.length || next.some((id, i) => id !== now[i])) {
      now = next;
      ids.set(next);
    }
  });
  return {
    selectedIds: { subscribe: ids.subscribe },
    only: (id) => apply(only(id)),
    toggle: (id) => apply(toggle(now, id)),
    current: () => [...now],
  };
}
