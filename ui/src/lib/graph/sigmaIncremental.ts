// A live change drawn without sigma's whole-graph pass. Sigma 4.0.4 answers any edge added or dropped
// by reprocessing every node and edge on the next frame (`processData`: each program slot, the label
// grid, the picking ids; 15-35 ms over the 300/2,000 topology), and its edge-drop handler first
// re-indexes the whole graph synchronously (every node's and edge's style again: 60-100 ms inside the
// store's update on a loaded machine). A CLI connect or disconnect adds or drops one edge and moves one
// container. `apply` runs such graph changes with sigma's graph handlers doing their bookkeeping as
// usual, collects the refreshes they ask for, and then:
//   - nodes and edges already drawn are rewritten in their program slots (sigma's own in-place refresh,
//     `skipIndexation`): edges read node positions from sigma's node texture, so a moved container's
//     lines follow it;
//   - a dropped edge leaves its program slot (taken out of the drawn ranges, its picking id released);
//   - an added edge takes a free slot at the next render, with a picking id and a drawn range of its own.
// The edge program keeps spare slots (`withRoom`), so an added edge never reallocates it. Anything else
// (a node added or removed, no spare slot left, sigma's internals not of the expected shape, an error)
// falls back to sigma's own full pass, which is what happened before.
//
// Given a `RegionDrawing` (sigmaRegion.ts), it marks where the change is drawn before and after it, so the
// frame that shows it is drawn only there; a change it cannot describe asks for a whole frame.
//
// It touches sigma's private members, typed below as `SigmaInternals`; `incrementalUpdates` checks their
// shape first and does nothing (plain `apply`) when they differ, e.g. after a sigma upgrade.
import type { RegionDrawing } from "./sigmaRegion";

/** Spare edge slots: capacity is the count plus at least MIN_ROOM, rounded up to CHUNK. */
const MIN_ROOM = 64;
const CHUNK = 256;

export const withRoom = (count: number): number => (count <= 0 ? 0 : Math.ceil((count + MIN_ROOM) / CHUNK) * CHUNK);

/** A run of program slots drawn at one depth (sigma's depth ranges). */
export interface Range {
  offset: number;
  count: number;
}

/** Takes `position` out of whichever range holds it, splitting that range if needed. */
export function removeFromRanges(ranges: Record<string, Range[]>, position: number): void {
  for (const list of Object.values(ranges)) {
    const i = list.findIndex((r) => position >= r.offset && position < r.offset + r.count);
    if (i < 0) continue;
    const r = list[i] as Range;
    const tail = { offset: position + 1, count: r.offset + r.count - position - 1 };
    r.count = position - r.offset;
    list.splice(i, 1, ...[r, tail].filter((x) => x.count > 0));
    return;
  }
}

/** Adds `position` to the ranges drawn at `depth`, merging with a neighbour where it touches one. */
export function addToRanges(ranges: Record<string, Range[]>, depth: string, position: number): void {
  const list = (ranges[depth] ??= []);
  let i = list.findIndex((r) => position < r.offset);
  if (i < 0) i = list.length;
  const before = list[i - 1];
  const after = list[i];
  const joinsBefore = before !== undefined && before.offset + before.count === position;
  const joinsAfter = after !== undefined && position + 1 === after.offset;
  if (joinsBefore && joinsAfter) {
    before.count += 1 + after.count;
    list.splice(i, 1);
  } else if (joinsBefore) before.count++;
  else if (joinsAfter) {
    after.offset--;
    after.count++;
  } else list.splice(i, 0, { offset: position, count: 1 });
}

type RefreshOptions = { partialGraph?: { nodes?: string[]; edges?: string[] }; skipIndexation?: boolean; schedule?: boolean };

/** The members of a sigma 4.0.4 renderer this module reads or replaces (all private in its typings). */
export interface SigmaInternals {
  refresh(opts?: RefreshOptions): unknown;
  render(): unknown;
  scheduleRender(): unknown;
  removeEdge(key: string): void;
  removeNode(key: string): void;
  processEdges(): void;
  addEdgeToProgram(edge: string, position: number): void;
  bindGraphHandlers(): void;
  unbindGraphHandlers(): void;
  pendingProcess: "none" | "nodes" | "full";
  edgeProgramIndex: Record<string, number>;
  nodeProgramIndex: Record<string, number>;
  depthRanges: { edges: Record<string, Range[]> };
  pickingState: { lookup: ({ kind: string; key: string } | null)[]; idsByKind: { edge: Map<string, number> }; nextId: number };
  edgeProgram: { capacity: number; reallocate(capacity: number): void; invalidateBuffers(): void };
  labelRenderer: { labelsDirty: boolean };
  internals: {
    graph: {
      hasNode(id: string): boolean;
      hasEdge(id: string): boolean;
      on?(event: "edgeDropped", fn: (payload: { key: string; source: string; target: string }) => void): unknown;
      off?(event: "edgeDropped", fn: (payload: { key: string; source: string; target: string }) => void): unknown;
    };
    edgeDataCache: Record<string, { depth?: string } | undefined>;
    hoverResolver: { invalidate(): void };
  };
}

export interface IncrementalUpdates {
  /** Runs `mutate` (changes to the graph sigma shows) and hands sigma what changed, in place where it can. */
  apply<T>(mutate: () => T): T;
}

const isFn = (v: unknown) => typeof v === "function";

function hasExpectedShape(r: Partial<SigmaInternals>): r is SigmaInternals {
  const fns = ["refresh", "render", "scheduleRender", "removeEdge", "removeNode", "processEdges", "addEdgeToProgram", "bindGraphHandlers", "unbindGraphHandlers"] as const;
  return (
    fns.every((k) => isFn(r[k])) &&
    typeof r.pendingProcess === "string" &&
    typeof r.edgeProgramIndex === "object" &&
    typeof r.nodeProgramIndex === "object" &&
    typeof r.depthRanges?.edges === "object" &&
    r.pickingState?.idsByKind?.edge instanceof Map &&
    Array.isArray(r.pickingState.lookup) &&
    typeof r.edgeProgram?.capacity === "number" &&
    isFn(r.edgeProgram.reallocate) &&
    isFn(r.edgeProgram.invalidateBuffers) &&
    typeof r.labelRenderer?.labelsDirty === "boolean" &&
    typeof r.internals?.edgeDataCache === "object" &&
    isFn(r.internals.hoverResolver?.invalidate)
  );
}

interface Batch {
  nodes: Set<string>;
  edges: Set<string>;
  /** A node was removed: only sigma's full pass puts everything back in order. */
  structural: boolean;
  /** Sigma asked for a full refresh (it does after any drop). */
  dropped: boolean;
}

export function incrementalUpdates(renderer: object, region: RegionDrawing | null = null): IncrementalUpdates {
  const candidate = renderer as Partial<SigmaInternals>;
  if (!hasExpectedShape(candidate)) return { apply: (mutate) => mutate() };
  const r: SigmaInternals = candidate;
  const original = {
    refresh: r.refresh.bind(r),
    render: r.render.bind(r),
    removeEdge: r.removeEdge.bind(r),
    removeNode: r.removeNode.bind(r),
    processEdges: r.processEdges.bind(r),
    reallocate: r.edgeProgram.reallocate.bind(r.edgeProgram),
  };
  let batch: Batch | null = null;
  /** Slots at or past `used` have never held an edge since the last full pass; `free` were given back. */
  let used = 0;
  let free: number[] = [];
  const added = new Set<string>();
  const removed = new Map<string, number>();

  r.edgeProgram.reallocate = (capacity) => original.reallocate(withRoom(capacity));
  r.processEdges = () => {
    original.processEdges();
    used = Math.max(0, ...Object.values(r.depthRanges.edges).flatMap((list) => list.map((x) => x.offset + x.count)));
    free = [];
    added.clear();
    removed.clear();
  };
  r.removeEdge = (key) => {
    const position = r.edgeProgramIndex[key];
    if (position !== undefined && !added.has(key)) removed.set(key, position);
    added.delete(key);
    region?.dropping(key);
    original.removeEdge(key);
  };
  r.removeNode = (key) => {
    if (batch) batch.structural = true;
    original.removeNode(key);
  };
  r.refresh = (opts) => {
    if (!batch) {
      // Whatever asked for it (a restyle, a picking frame, an export) was not marked: draw it whole.
      region?.wholeFrame();
      return original.refresh(opts);
    }
    if (!opts?.partialGraph) batch.dropped = true;
    else {
      for (const id of opts.partialGraph.nodes ?? []) batch.nodes.add(String(id));
      for (const id of opts.partialGraph.edges ?? []) batch.edges.add(String(id));
    }
    return r;
  };
  r.render = () => {
    flush();
    return region ? region.draw(original.render) : original.render();
  };
  // Sigma's graph handlers hold the methods they were bound with: bind them again to the ones above.
  r.unbindGraphHandlers();
  r.bindGraphHandlers();

  function giveUp() {
    added.clear();
    removed.clear();
    r.pendingProcess = "full";
  }

  /** Before sigma draws: dropped edges leave their slots, added ones take one. */
  function flush() {
    if (added.size === 0 && removed.size === 0) return;
    if (r.pendingProcess === "full") {
      added.clear();
      removed.clear();
      return;
    }
    try {
      const ranges = r.depthRanges.edges;
      const picking = r.pickingState;
      for (const [key, position] of removed) {
        removeFromRanges(ranges, position);
        free.push(position);
        const id = picking.idsByKind.edge.get(key);
        if (id !== undefined) {
          picking.lookup[id] = null;
          picking.idsByKind.edge.delete(key);
        }
      }
      removed.clear();
      for (const key of added) {
        const depth = r.internals.edgeDataCache[key]?.depth;
        if (!r.internals.graph.hasEdge(key) || depth === undefined) continue;
        const position = free.pop() ?? used++;
        if (position >= r.edgeProgram.capacity) return giveUp();
        const id = picking.nextId++;
        picking.idsByKind.edge.set(key, id);
        picking.lookup[id] = { kind: "edge", key };
        addToRanges(ranges, depth, position);
        r.addEdgeToProgram(key, position);
      }
      added.clear();
      r.edgeProgram.invalidateBuffers();
      r.labelRenderer.labelsDirty = true;
      r.internals.hoverResolver.invalidate();
    } catch {
      giveUp();
    }
  }

  return {
    apply(mutate) {
      if (batch) return mutate();
      const b: Batch = { nodes: new Set(), edges: new Set(), structural: false, dropped: false };
      batch = b;
      const graph = r.internals.graph;
      // The lines dropped, by their ends: where they were drawn is part of what the change redraws.
      const ends: [string, string, string][] = [];
      const onDropped = ({ key, source, target }: { key: string; source: string; target: string }) => void ends.push([source, target, key]);
      graph.on?.("edgeDropped", onDropped);
      let result;
      try {
        result = mutate();
      } finally {
        batch = null;
        graph.off?.("edgeDropped", onDropped);
      }
      const nodes = [...b.nodes].filter((id) => graph.hasNode(id));
      if (b.structural || nodes.some((id) => r.nodeProgramIndex[id] === undefined)) {
        region?.wholeFrame();
        original.refresh({ schedule: true });
        return result;
      }
      const inPlace: string[] = [];
      for (const id of b.edges) {
        if (!graph.hasEdge(id)) continue;
        if (r.edgeProgramIndex[id] === undefined) added.add(id);
        else inPlace.push(id);
      }
      // Sigma has not taken the change in yet: this marks where things were drawn, the second where they go.
      const touched = { nodes, edges: b.edges, ends };
      if (b.dropped && !graph.on) region?.wholeFrame();
      region?.mark(touched);
      if (nodes.length > 0 || inPlace.length > 0) original.refresh({ partialGraph: { nodes, edges: inPlace }, skipIndexation: true, schedule: true });
      else if (b.dropped || added.size > 0) r.scheduleRender();
      region?.mark(touched);
      return result;
    },
  };
}
