// Finding an item in a menu by typing, the two ways a desktop menu offers: a long menu (a container's
// "Connect to ▸" lists every network: 300 on a busy host) gets a filter field that keeps the items whose
// label holds the typed text; any menu jumps to the next item whose label starts with what was typed in
// quick succession. Pure: labels in, indices out; the menu component owns focus and timing.

/** Menus with more items than this get a filter field. */
export const FILTER_FROM = 12;

/** The items whose label holds `query`, ignoring case and surrounding spaces; all of them for an empty query. */
export function filterItems<T extends { label: string }>(items: readonly T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  return q ? items.filter((i) => i.label.toLowerCase().includes(q)) : [...items];
}

/**
 * The index of the first label after `from` (wrapping round) that starts with `typed`, ignoring case; a
 * single character typed again steps to the next such item. -1 when none does.
 */
export function typeAhead(labels: readonly string[], from: number, typed: string): number {
  const t = typed.toLowerCase();
  if (!t || labels.length === 0) return -1;
  // The same letter pressed again cycles through the items starting with it, as native menus do.
  const prefix = [...t].every((c) => c === t[0]) ? t[0]! : t;
  const start = prefix === t && t.length > 1 ? from : from + 1;
  for (let k = 0; k < labels.length; k++) {
    const i = (((start + k) % labels.length) + labels.length) % labels.length;
    if (labels[i]!.toLowerCase().startsWith(prefix)) return i;
  }
  return -1;
}
