// What changed between two topologies, keyed by node and edge id, and how to apply such a change to a
// topology. The backend sends a diff for a live change (TopologyDiffDto, applied by `applyBackendDiff`,
// which records it as a `TopologyDiff`) and the whole topology otherwise; between two whole topologies
// `diffTopology` works the change out here. Pure: plain data in, plain data out (plus a weak record of
// which diff produced which topology).
import type { EdgeDto, NodeDto, TopologyDiffDto, TopologyDto } from "./backend";

export interface ItemChanges<T> {
  added: T[];
  /** The item as it is now (same id, different content). */
  changed: T[];
  removed: string[];
}

export interface TopologyDiff {
  /** The revision this diff applies to: a topology at another revision needs a full resync. */
  base: number;
  revision: number;
  nodes: ItemChanges<NodeDto>;
  edges: ItemChanges<EdgeDto>;
}

/** Structural equality of plain JSON data (what crosses from Rust): objects, arrays, primitives. */
export function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!samePlain(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let count = 0;
  for (const key in ra) {
    if (!Object.hasOwn(ra, key)) continue;
    count++;
    if (!Object.hasOwn(rb, key) || !samePlain(ra[key], rb[key])) return false;
  }
  for (const key in rb) if (Object.hasOwn(rb, key)) count--;
  return count === 0;
}

function diffItems<T extends { id: string }>(prev: readonly T[], next: readonly T[]): ItemChanges<T> {
  const before = new Map<string, T>();
  for (const item of prev) before.set(item.id, item);
  const changes: ItemChanges<T> = { added: [], changed: [], removed: [] };
  const seen = new Set<string>();
  for (const item of next) {
    seen.add(item.id);
    const old = before.get(item.id);
    if (old === undefined) changes.added.push(item);
    else if (!samePlain(old, item)) changes.changed.push(item);
  }
  for (const item of prev) if (!seen.has(item.id)) changes.removed.push(item.id);
  return changes;
}

/**
 * What turns `prev` into `next`; from nothing (`prev` null) everything is added. Linear in the size of
 * both: this is the work the Rust side will take over, after which the UI's work is linear in the change.
 */
export function diffTopology(prev: TopologyDto | null, next: TopologyDto): TopologyDiff {
  return {
    base: prev?.revision ?? 0,
    revision: next.revision,
    nodes: diffItems(prev?.nodes ?? [], next.nodes),
    edges: diffItems(prev?.edges ?? [], next.edges),
  };
}

export function isEmptyDiff(diff: TopologyDiff): boolean {
  const { nodes, edges } = diff;
  return (
    nodes.added.length + nodes.changed.length + nodes.removed.length + edges.added.length + edges.changed.length + edges.removed.length === 0
  );
}

/** How many items a diff touches (for reports and tests). */
export function diffSize(diff: TopologyDiff): number {
  const { nodes, edges } = diff;
  return nodes.added.length + nodes.changed.length + nodes.removed.length + edges.added.length + edges.changed.length + edges.removed.length;
}

// The diff that produced a topology, when one is known (the store records it as it applies a diff
// from the backend), so the renderer and the outline need not work it out again. Weak: a topology
// nobody holds takes its diff with it.
// With the topology it was applied to, when known: a view of the same revision (a collapsed project,
// groups/collapse.ts) is another object, and the recorded diff does not turn that view into `topology`.
// Held weakly too: a strong `from` would keep every earlier topology of a live session alive, each
// through the next one's record.
const known = new WeakMap<TopologyDto, { diff: TopologyDiff; from: WeakRef<TopologyDto> | null }>();

export function rememberDiff(topology: TopologyDto, diff: TopologyDiff, from: TopologyDto | null = null): void {
  known.set(topology, { diff, from: from ? new WeakRef(from) : null });
}

/** The diff recorded for `to` and the topology it was applied to, while that is still held. */
export function recordedDiff(to: TopologyDto): { diff: TopologyDiff; from: TopologyDto } | null {
  const recorded = known.get(to);
  const from = recorded?.from?.deref();
  return recorded && from ? { diff: recorded.diff, from } : null;
}

/** The diff that turns `from` into `to`: the recorded one when it starts at `from`, else worked out. */
export function diffBetween(from: TopologyDto | null, to: TopologyDto): TopologyDiff {
  const recorded = known.get(to);
  if (recorded && from && recorded.diff.base === from.revision && (recorded.from === null || recorded.from.deref() === from)) return recorded.diff;
  return diffTopology(from, to);
}

/** The order of a topology's nodes and edges, as Rust sorts them and every view of a topology keeps them: by id. */
export const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Two lists sorted by id, as one. */
function mergeSorted<T extends { id: string }>(a: readonly T[], b: readonly T[]): T[] {
  if (b.length === 0) return a as T[];
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byId(b[j] as T, a[i] as T) < 0 ? (b[j++] as T) : (a[i++] as T));
  while (i < a.length) out.push(a[i++] as T);
  while (j < b.length) out.push(b[j++] as T);
  return out;
}

/**
 * `current` with a diff the backend sent applied: upserted items replace their namesakes, removed ones go,
 * untouched ones keep their identity (so the graph's own diff skips them at once), sorted by id as Rust
 * sorts. `null` when the diff is not based on `current`'s revision: the caller then asks for the whole
 * topology. The change is recorded against the result (`rememberDiff`), split into added and changed,
 * so the graph and the outline apply just it instead of comparing whole topologies.
 */
export function applyBackendDiff(current: TopologyDto, diff: TopologyDiffDto): TopologyDto | null {
  if (diff.baseRevision !== current.revision) return null;
  // One pass over the sorted items (no map of them all, no re-sort): a live change touches a few items
  // of thousands, and this runs before the graph gets the change.
  const merge = <T extends { id: string }>(items: readonly T[], upsert: readonly T[], remove: readonly string[], into: ItemChanges<T>): T[] => {
    const gone = new Set(remove);
    const fresh = new Map<string, T>();
    for (const item of upsert) fresh.set(item.id, item);
    const kept: T[] = [];
    for (const item of items) {
      if (gone.has(item.id)) {
        into.removed.push(item.id);
        continue;
      }
      const next = fresh.get(item.id);
      if (next === undefined) {
        kept.push(item);
        continue;
      }
      if (!samePlain(item, next)) into.changed.push(next);
      kept.push(next);
      fresh.delete(item.id);
    }
    const added = [...fresh.values()].sort(byId);
    into.added.push(...added);
    return mergeSorted(kept, added);
  };
  const change: TopologyDiff = {
    base: current.revision,
    revision: diff.revision,
    nodes: { added: [], changed: [], removed: [] },
    edges: { added: [], changed: [], removed: [] },
  };
  const next = {
    revision: diff.revision,
    nodes: merge(current.nodes, diff.upsertNodes, diff.removeNodes, change.nodes),
    edges: merge(current.edges, diff.upsertEdges, diff.removeEdges, change.edges),
  };
  rememberDiff(next, change, current);
  return next;
}
