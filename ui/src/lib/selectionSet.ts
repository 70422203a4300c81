// The multi-selection as pure values: an ordered list of distinct node or edge ids whose last entry is
// the primary selection (the one clicked last, whose details the panel would show alone), the click
// rules that change it, and the summary the details panel shows for more than one. No stores, no DOM.
import type { TopologyIndex } from "./topologyIndex";

/** Whether a click adds to the selection: Ctrl (Cmd on macOS) or Shift held, as file managers do. */
export interface ClickModifiers {
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
}

export function isToggleClick(m: ClickModifiers): boolean {
  return Boolean(m.ctrlKey || m.metaKey || m.shiftKey);
}

/** The primary selection: the last one added, or null when nothing is selected. */
export function primaryOf(ids: readonly string[]): string | null {
  return ids.length > 0 ? ids[ids.length - 1]! : null;
}

/** A plain click: just that one (null clears). */
export function only(id: string | null): string[] {
  return id === null ? [] : [id];
}

/**
 * A Ctrl/Shift click: takes `id` out when it is selected, else adds it as the new primary. Removing
 * the primary makes the one added before it primary again.
 */
export function toggle(ids: readonly string[], id: string): string[] {
  return ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];
}

/**
 * The set after the primary alone was changed from elsewhere (a details link, the context menu, the
 * test hook): a new primary that is not the current one stands alone; the same one keeps the set.
 */
export function followPrimary(ids: readonly string[], primary: string | null): string[] {
  if (primary === null) return [];
  return primaryOf(ids) === primary ? [...ids] : [primary];
}

export type SelectionKind = "network" | "container" | "place" | "endpoint" | "reach" | "gone";

export interface SelectionEntry {
  id: string;
  kind: SelectionKind;
  /** What a person calls it; a gone item keeps its id. */
  name: string;
  /** The engine's network ID, for networks only (what the remove dialog takes). */
  networkId: string | null;
}

export interface SelectionSummary {
  entries: SelectionEntry[];
  /** "3 selected: 2 networks, 1 container". */
  headline: string;
  /** Engine network IDs of the selected networks, in selection order. */
  networkIds: string[];
  /** How many selected items Delete leaves alone: those still there that are not networks. */
  notRemovable: number;
}

const NOUNS: Record<SelectionKind, [string, string]> = {
  network: ["network", "networks"],
  container: ["container", "containers"],
  place: ["place", "places"],
  endpoint: ["connection", "connections"],
  reach: ["path out", "paths out"],
  gone: ["gone item", "gone items"],
};

/** "network", "path out": what one item of that kind is called. */
export function kindNoun(kind: SelectionKind): string {
  return NOUNS[kind][0];
}

/** "1 network", "2 paths out". */
export function countNoun(n: number, kind: SelectionKind): string {
  const [one, many] = NOUNS[kind];
  return `${n} ${n === 1 ? one : many}`;
}

function entryOf(id: string, index: TopologyIndex | null): SelectionEntry {
  const edge = index?.edge(id);
  if (edge) {
    const from = index?.node(edge.source)?.label ?? edge.source;
    const to = index?.node(edge.target)?.label ?? edge.target;
    return edge.kind === "endpoint"
      ? { id, kind: "endpoint", name: `${to} on ${from}`, networkId: null }
      : { id, kind: "reach", name: `${from} → ${to}`, networkId: null };
  }
  const node = index?.node(id);
  if (!node) return { id, kind: "gone", name: id, networkId: null };
  if (node.kind === "network") return { id, kind: "network", name: node.label, networkId: node.network?.id ?? null };
  if (node.kind === "container") return { id, kind: "container", name: node.label, networkId: null };
  return { id, kind: "place", name: node.label, networkId: null };
}

export function summarize(ids: readonly string[], index: TopologyIndex | null): SelectionSummary {
  const entries = ids.map((id) => entryOf(id, index));
  const counts = new Map<SelectionKind, number>();
  for (const e of entries) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  // A fixed order reads better than click order: networks first, as Delete acts on them.
  const order: SelectionKind[] = ["network", "container", "place", "endpoint", "reach", "gone"];
  const parts = order.filter((k) => counts.has(k)).map((k) => countNoun(counts.get(k)!, k));
  const networkIds = entries.flatMap((e) => (e.networkId !== null ? [e.networkId] : []));
  return {
    entries,
    headline: `${ids.length} selected: ${parts.join(", ")}`,
    networkIds,
    // Gone items are counted in the headline; saying Delete "leaves them alone" would mislead.
    notRemovable: entries.filter((e) => e.kind !== "network" && e.kind !== "gone").length,
  };
}
