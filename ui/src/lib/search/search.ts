// The search box's state: the query, its results over the current topology (kept fresh as the topology
// changes), which result the keyboard points at, whether the list is open, and requests to focus the box
// (Ctrl+F, `/`). The graph highlights `matchedIds` while a query is typed. No backend: the topology the
// store already holds is searched, without what the view filters hide.
import { derived, get, readable, writable, type Readable, type Writable } from "svelte/store";

import type { TopologyDto } from "../backend";
import { MAX_RESULTS, searchTopology, type SearchResult, type Skipped } from "./match";

export interface SearchState {
  query: Writable<string>;
  results: Readable<SearchResult[]>;
  /** The node ids of every result, for the graph to highlight. */
  matchedIds: Readable<string[]>;
  /** The result Enter picks (an index into `results`). */
  active: Writable<number>;
  /** Whether the result list shows (closed after a pick, open again on typing). */
  open: Writable<boolean>;
  /** Increases on every request to focus the box. */
  focusRequests: Readable<number>;
  requestFocus(): void;
  /** Moves the active result by `step`, wrapping around. */
  move(step: number): void;
  clear(): void;
}

/** What the view filters hide (lib/filters/): never offered as a result. */
type HiddenItems = Readable<{ items: Skipped }>;

export function createSearch(topology: Readable<TopologyDto | null>, hidden: HiddenItems = readable({ items: { has: () => false } })): SearchState {
  const query = writable("");
  const results = derived([topology, query, hidden], ([t, q, h]) => searchTopology(t, q, MAX_RESULTS, h.items));
  const matchedIds = derived(results, (r) => r.map((x) => x.id));
  const active = writable(0);
  const open = writable(false);
  const focusRequests = writable(0);
  // A new query starts from its best result.
  query.subscribe(() => active.set(0));
  return {
    query,
    results,
    matchedIds,
    active,
    open,
    focusRequests: { subscribe: focusRequests.subscribe },
    requestFocus: () => focusRequests.update((n) => n + 1),
    move(step) {
      const n = get(results).length;
      if (n > 0) active.update((i) => (((i + step) % n) + n) % n);
    },
    clear() {
      query.set("");
      open.set(false);
    },
  };
}

/** Ctrl+F (Cmd+F) anywhere, or `/` when not typing in a text field: focus the search box. */
export function isSearchKey(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">, typing: boolean): boolean {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "f") return true;
  return event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing;
}
