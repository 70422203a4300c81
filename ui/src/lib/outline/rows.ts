// The outline as the flat list of fixed-height rows the view draws (section titles, network headers,
// their container/endpoint and path-out rows, loose containers, Host and External), with per-network
// collapsing, and the arithmetic of a virtualized list: which rows are in view, where to scroll to show
// one, where the arrow keys go. Pure: no DOM; Outline.svelte draws and scrolls.
import type { EdgeDto, NodeDto } from "../backend";
import type { Outline, OutlineEndpointRow, OutlineNetworkGroup } from "../outline";

export type OutlineRow =
  | { kind: "section"; key: string; title: string }
  | { kind: "network"; key: string; group: OutlineNetworkGroup; collapsed: boolean; children: number }
  | { kind: "endpoint"; key: string; row: OutlineEndpointRow; network: NodeDto }
  | { kind: "reach"; key: string; edge: EdgeDto }
  | { kind: "loose"; key: string; node: NodeDto }
  | { kind: "place"; key: string; node: NodeDto }
  | { kind: "service"; key: string; node: NodeDto }
  | { kind: "link"; key: string; edge: EdgeDto };

/** Every row is this tall (px): a fixed height is what lets the list draw only what is in view. */
export const ROW_HEIGHT = 28;
/** Rows drawn beyond each edge of the view, so a fast scroll does not show blanks. */
export const OVERSCAN = 12;
/** Up to this many rows the list draws them all (small engines: the whole outline stays in the DOM). */
export const VIRTUALIZE_ABOVE = 300;

// Rows of a group that did not change are the same objects as before, so a keyed list re-renders nothing.
const childRows = new WeakMap<OutlineNetworkGroup, OutlineRow[]>();

function rowsOfGroup(group: OutlineNetworkGroup): OutlineRow[] {
  const cached = childRows.get(group);
  if (cached) return cached;
  const rows: OutlineRow[] = [];
  for (const row of group.endpoints) rows.push({ kind: "endpoint", key: row.edge.id, row, network: group.network });
  for (const edge of group.reaches) rows.push({ kind: "reach", key: edge.id, edge });
  childRows.set(group, rows);
  return rows;
}

/** What the view filters hide (lib/filters/): those items get no row. */
export interface HiddenItems {
  has(id: string): boolean;
}

/**
 * A group's rows without what is hidden. A shown container whose own row sits under a hidden network is
 * listed (with its line) under the first shown network it joins instead, so it keeps a row.
 */
function shownRowsOfGroup(group: OutlineNetworkGroup, hidden: HiddenItems, rehome: Set<string>): OutlineRow[] {
  const out: OutlineRow[] = [];
  for (const r of rowsOfGroup(group)) {
    if (hidden.has(r.key)) continue;
    if (r.kind === "endpoint" && !r.row.home && rehome.delete(r.row.container.id)) out.push({ ...r, row: { ...r.row, home: true } });
    else out.push(r);
  }
  return out;
}

export function outlineRows(outline: Outline, collapsed: ReadonlySet<string>, hidden: HiddenItems | null = null): OutlineRow[] {
  const shown = (id: string) => hidden === null || !hidden.has(id);
  const rehome = new Set<string>();
  if (hidden) {
    for (const g of outline.networks) {
      if (shown(g.network.id)) continue;
      for (const r of g.endpoints) if (r.home && shown(r.container.id)) rehome.add(r.container.id);
    }
  }
  const rows: OutlineRow[] = [{ kind: "section", key: "section:networks", title: "Networks" }];
  for (const group of outline.networks) {
    if (!shown(group.network.id)) continue;
    const children = hidden ? shownRowsOfGroup(group, hidden, rehome) : rowsOfGroup(group);
    const shut = collapsed.has(group.network.id);
    rows.push({ kind: "network", key: group.network.id, group, collapsed: shut, children: children.length });
    if (!shut) for (const r of children) rows.push(r);
  }
  const loose = outline.loose.filter((n) => shown(n.id));
  if (loose.length) {
    rows.push({ kind: "section", key: "section:loose", title: "Other containers" });
    for (const node of loose) rows.push({ kind: "loose", key: node.id, node });
  }
  const services = outline.services.filter((g) => shown(g.service.id));
  if (services.length) {
    rows.push({ kind: "section", key: "section:services", title: "Swarm services (this node's view)" });
    for (const g of services) {
      rows.push({ kind: "service", key: g.service.id, node: g.service });
      for (const edge of g.links) if (shown(edge.id)) rows.push({ kind: "link", key: edge.id, edge });
    }
  }
  rows.push({ kind: "section", key: "section:places", title: "Beyond the networks" });
  for (const node of outline.places) if (shown(node.id)) rows.push({ kind: "place", key: node.id, node });
  return rows;
}

/** The node and edge ids a row offers as buttons, in order (an endpoint row may also hold its container). */
export function rowItems(row: OutlineRow): string[] {
  switch (row.kind) {
    case "section":
      return [];
    case "network":
      return [row.group.network.id];
    case "endpoint":
      return row.row.home ? [row.row.container.id, row.row.edge.id] : [row.row.edge.id];
    case "reach":
      return [row.edge.id];
    case "loose":
    case "place":
    case "service":
      return [row.node.id];
    case "link":
      return [row.edge.id];
  }
}

export interface RowIndex {
  /** Every button's id, top to bottom. */
  items: string[];
  /** The row each item is on. */
  rowOf: Map<string, number>;
}

export function indexRows(rows: readonly OutlineRow[]): RowIndex {
  const items: string[] = [];
  const rowOf = new Map<string, number>();
  rows.forEach((row, i) => {
    for (const id of rowItems(row)) {
      items.push(id);
      rowOf.set(id, i);
    }
  });
  return { items, rowOf };
}

/**
 * The network whose group lists `id` (to open it when the selection lands inside a closed one): the
 * network itself for a hub, the home network for a container, the edge's network for an edge.
 */
export function groupListing(outline: Outline, id: string): string | null {
  for (const group of outline.networks) {
    if (group.network.id === id) return null;
    if (group.reaches.some((e) => e.id === id)) return group.network.id;
    if (group.endpoints.some((r) => r.edge.id === id || (r.home && r.container.id === id))) return group.network.id;
  }
  return null;
}

export interface RowRange {
  /** First row drawn. */
  start: number;
  /** One past the last row drawn. */
  end: number;
}

/** The rows to draw for a list scrolled to `scrollTop` in a view `height` px tall. */
export function visibleRange(count: number, scrollTop: number, height: number, rowHeight = ROW_HEIGHT, overscan = OVERSCAN): RowRange {
  if (count <= VIRTUALIZE_ABOVE) return { start: 0, end: count };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const shown = Math.ceil(Math.max(height, rowHeight) / rowHeight) + 1;
  return { start: Math.max(0, first - overscan), end: Math.min(count, first + shown + overscan) };
}

/**
 * Where to scroll so row `row` is fully in view; null when it already is. A row just past an edge is
 * brought in as little as possible (the arrow keys); one further away lands a third of the way down, with
 * what follows it (a network's containers) in view below it.
 */
export function scrollToShow(row: number, scrollTop: number, height: number, rowHeight = ROW_HEIGHT, padTop = 0): number | null {
  const top = padTop + row * rowHeight;
  const bottom = top + rowHeight;
  const view = Math.max(height, rowHeight);
  if (top >= scrollTop && bottom <= scrollTop + view) return null;
  const near = top < scrollTop ? scrollTop - top <= rowHeight * 2 : bottom - (scrollTop + view) <= rowHeight * 2;
  if (near) return top < scrollTop ? top : bottom - view;
  return Math.max(0, top - Math.floor(view / 3));
}

export type NavKey = "ArrowDown" | "ArrowUp" | "Home" | "End" | "PageDown" | "PageUp";

export function isNavKey(key: string): key is NavKey {
  return key === "ArrowDown" || key === "ArrowUp" || key === "Home" || key === "End" || key === "PageDown" || key === "PageUp";
}

/** The item the key moves focus to, from item `at` (-1: none focused) of `count`; `page` items per page. */
export function nextItem(key: NavKey, at: number, count: number, page: number): number {
  if (count === 0) return -1;
  const last = count - 1;
  switch (key) {
    case "ArrowDown":
      return Math.min(last, at + 1);
    case "ArrowUp":
      return Math.max(0, at < 0 ? 0 : at - 1);
    case "Home":
      return 0;
    case "End":
      return last;
    case "PageDown":
      return Math.min(last, Math.max(0, at) + Math.max(1, page));
    case "PageUp":
      return Math.max(0, at - Math.max(1, page));
  }
}
