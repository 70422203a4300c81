// Which Compose projects the person collapsed (view state, kept per project in localStorage so a
// collapsed project stays collapsed across restarts), and the topology the graph draws with them
// collapsed (collapse.ts). Only the graph gets that view: the outline, search, details and every
// operation keep working on the whole topology.
import { derived, writable, type Readable } from "svelte/store";

import type { TopologyDto } from "../backend";
import { collapseView } from "./collapse";

const KEY = "netlens.collapsedProjects";

export interface GroupsState {
  /** The projects collapsed now, by name. */
  collapsed: Readable<ReadonlySet<string>>;
  /** The topology as the graph draws it; the store's own object while nothing present is collapsed. */
  view: Readable<TopologyDto | null>;
  collapse(project: string): void;
  expand(project: string): void;
  isCollapsed(project: string): boolean;
}

/** A storage that may be missing (tests, a locked-down webview): reads give nothing, writes are dropped. */
type Store = Pick<Storage, "getItem" | "setItem"> | null;

function defaultStorage(): Store {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

function load(storage: Store): Set<string> {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? "[]");
    return new Set(Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === "string") : []);
  } catch {
    return new Set();
  }
}

export function createGroups(topology: Readable<TopologyDto | null>, storage: Store = defaultStorage()): GroupsState {
  let current: ReadonlySet<string> = load(storage);
  const collapsed = writable<ReadonlySet<string>>(current);
  const change = (project: string, on: boolean) => {
    if (current.has(project) === on) return;
    const next = new Set(current);
    if (on) next.add(project);
    else next.delete(project);
    current = next;
    try {
      storage?.setItem(KEY, JSON.stringify([...next].sort()));
    } catch {
      // Full or refused storage: the choice still holds until the window closes.
    }
    collapsed.set(next);
  };
  return {
    collapsed: { subscribe: collapsed.subscribe },
    view: derived([topology, collapsed], ([t, c]) => (t ? collapseView(t, c) : null)),
    collapse: (project) => change(project, true),
    expand: (project) => change(project, false),
    isCollapsed: (project) => current.has(project),
  };
}
