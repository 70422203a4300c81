// The window's filters and focus. Owns the ViewFilter a person chose (kept in localStorage), what it hides in
// the topology shown (computed once, then kept up to date from each live change through rule.ts, so a
// change on a busy engine costs the change), the status bar's words, the options the Filters popover offers,
// and the focus with the ids it keeps at full strength. The graph takes what changed as it comes
// (`takeChanges`); the outline and the search ask `hidden`. No backend: the rule runs here (see rule.ts).
import { derived, get, writable, type Readable } from "svelte/store";

import type { TopologyDto, ViewFilter } from "../backend";
import { diffBetween } from "../topologyDiff";
import type { TopologyIndex } from "../topologyIndex";
import { keptIds, neighbourhood, type Focus, type Hops } from "./focus";
import { computeHidden, HiddenSet, isActive, NO_FILTER, updateHidden, type Hidden } from "./rule";

export const STORAGE_KEY = "netlens.viewFilter";

/** What the filter hides now. `items` is changed in place; a new value (another `version`) says it changed. */
export interface FilterView {
  items: Hidden;
  version: number;
  active: boolean;
}

export interface FiltersState {
  filter: Readable<ViewFilter>;
  set(filter: ViewFilter): void;
  clear(): void;
  hidden: Readable<FilterView>;
  /** The ids whose hidden state may have changed since the last call; "all" after a new filter or topology. */
  takeChanges(): Iterable<string> | "all";
  focus: Readable<Focus | null>;
  focusOn(id: string, hops?: Hops): void;
  setHops(hops: Hops): void;
  leaveFocus(): void;
  /** The ids a focus keeps at full strength (the rest fades), or null without a focus. */
  kept: Readable<ReadonlySet<string> | null>;
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

/** A filter read back from storage; anything malformed falls back to showing everything. */
export function parseFilter(text: string | null): ViewFilter {
  if (!text) return NO_FILTER;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== "object" || v === null) return NO_FILTER;
    const o = v as Record<string, unknown>;
    return {
      hidePredefined: o.hidePredefined === true,
      hideStopped: o.hideStopped === true,
      onlyUsed: o.onlyUsed === true,
      drivers: isStringList(o.drivers) ? o.drivers : [],
      projects: isStringList(o.projects) ? o.projects : [],
    };
  } catch {
    return NO_FILTER;
  }
}

/** The status bar's words: how much is hidden, or null when no filter is on. */
export function filterSummary(view: FilterView): string | null {
  if (!view.active) return null;
  const { networks, containers } = view.items;
  const part = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  const parts = [...(networks ? [part(networks, "network")] : []), ...(containers ? [part(containers, "container")] : [])];
  return parts.length ? `Filters hide ${parts.join(" and ")}` : "Filters on: nothing hidden";
}

/** The drivers and compose projects the popover offers: those in the topology, and those already chosen. */
export function filterOptions(topology: TopologyDto | null, filter: ViewFilter): { drivers: string[]; projects: string[] } {
  const drivers = new Set(filter.drivers);
  const projects = new Set(filter.projects);
  for (const n of topology?.nodes ?? []) {
    if (n.network) {
      drivers.add(n.network.driver);
      const label = n.network.labels.find((l) => l.key === "com.docker.compose.project")?.value;
      if (label) projects.add(label);
    }
    if (n.container?.composeProject) projects.add(n.container.composeProject);
  }
  const sorted = (s: Set<string>) => [...s].filter((x) => x !== "").sort((a, b) => a.localeCompare(b));
  return { drivers: sorted(drivers), projects: sorted(projects) };
}

function load(storage: Storage | null): ViewFilter {
  try {
    return parseFilter(storage?.getItem(STORAGE_KEY) ?? null);
  } catch {
    return NO_FILTER;
  }
}

export function createFilters(index: Readable<TopologyIndex | null>, storage: Storage | null = globalThis.localStorage ?? null): FiltersState {
  const filter = writable<ViewFilter>(load(storage));
  let current = get(filter);
  let hiddenSet = new HiddenSet();
  let shown: TopologyIndex | null = null;
  let pending: Set<string> | "all" = "all";
  let version = 0;
  const hidden = writable<FilterView>({ items: hiddenSet, version, active: isActive(current) });
  const publish = () => hidden.set({ items: hiddenSet, version: ++version, active: isActive(current) });

  index.subscribe((next) => {
    if (!next) {
      shown = null;
      hiddenSet = new HiddenSet();
      pending = "all";
      publish();
      return;
    }
    if (next === shown) return;
    if (!shown) {
      hiddenSet = computeHidden(next, current);
      pending = "all";
      shown = next;
      publish();
      return;
    }
    // A live change: just its items and their neighbours.
    const changed = updateHidden(hiddenSet, shown, next, diffBetween(shown.topology, next.topology), current);
    shown = next;
    if (changed.length === 0) return;
    if (pending !== "all") for (const id of changed) pending.add(id);
    publish();
  });

  function set(f: ViewFilter) {
    current = { ...f, drivers: [...f.drivers], projects: [...f.projects] };
    filter.set(current);
    try {
      if (isActive(current)) storage?.setItem(STORAGE_KEY, JSON.stringify(current));
      else storage?.removeItem(STORAGE_KEY);
    } catch {
      // A full or forbidden storage only costs remembering the filter next time.
    }
    hiddenSet = shown ? computeHidden(shown, current) : new HiddenSet();
    pending = "all";
    publish();
  }

  const focus = writable<Focus | null>(null);
  const kept = derived([focus, hidden, index], ([f, h, idx]) => {
    if (!f || !idx) return null;
    const n = neighbourhood(idx, f.id, f.hops, h.items);
    return n ? keptIds(n) : null;
  });
  // A focused node that goes (removed, or hidden by a filter) ends the focus.
  kept.subscribe((k) => {
    if (k === null && get(focus) !== null) focus.set(null);
  });

  return {
    filter: { subscribe: filter.subscribe },
    set,
    clear: () => set(NO_FILTER),
    hidden: { subscribe: hidden.subscribe },
    takeChanges() {
      const out = pending;
      pending = new Set();
      return out;
    },
    focus: { subscribe: focus.subscribe },
    focusOn: (id, hops = 1) => focus.set({ id, hops }),
    setHops: (hops) => focus.update((f) => (f ? { ...f, hops } : f)),
    leaveFocus: () => focus.set(null),
    kept,
  };
}
