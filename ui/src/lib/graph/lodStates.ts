// Applies the level of detail (levelOfDetail.ts decides) to the renderer as item states: which labels,
// edge labels, paths out and hub marks are drawn. It decides again when the selection, the hovered item,
// the graph or the camera changes (the camera at most every LOD_INTERVAL ms; a person's pan or zoom once it
// stops) and touches only the items whose state differs from what it applied last. It owns the hovered
// item; it must not touch the graph.
import { boundsOf, type Bounds } from "./geometry";
import type { NetlensGraph } from "./graphModel";
import { decideLod, setChange, withEdgesChanged, withHovered, type LodDecision } from "./levelOfDetail";
import type { NetlensRenderer } from "./sigmaLook";

/** While the camera moves, the level of detail is decided again at most this often (ms). */
const LOD_INTERVAL = 120;

export interface LodStates {
  /** Decide again from scratch (graph, camera or selection changed); `fresh`: items added since. */
  refresh(fresh?: readonly string[]): void;
  /**
   * Edges came and went while every node stayed (a connect, a disconnect): place just those. False when
   * they touch the selection (what is in focus changes): call `refresh` then.
   */
  edgesChanged(added: readonly string[], removed: readonly string[]): boolean;
  /** The pointer is over `id` now (null: over nothing). */
  hover(id: string | null): void;
  /** Forget the hovered item if the graph no longer holds it. */
  dropHoverIfGone(): void;
  destroy(): void;
}

const none = (): LodDecision => ({
  tier: "overview",
  everyReach: true,
  labels: new Set(),
  reachShown: new Set(),
  reachHidden: new Set(),
  marks: new Set(),
  edgeLabels: new Set(),
});

export function createLodStates(renderer: NetlensRenderer, graph: () => NetlensGraph, selected: () => readonly string[]): LodStates {
  const camera = renderer.getCamera();
  let base: LodDecision = none();
  let applied: LodDecision = none();
  let hovered: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function viewBounds(): Bounds | null {
    const { width, height } = renderer.getDimensions();
    if (width <= 0 || height <= 0) return null;
    return boundsOf([renderer.viewportToGraph({ x: 0, y: 0 }), renderer.viewportToGraph({ x: width, y: height })]);
  }

  function apply(next: LodDecision, fresh: readonly string[] = []) {
    const g = graph();
    const nodes = (before: ReadonlySet<string>, after: ReadonlySet<string>, key: "lodLabel" | "lodMark") => {
      const { on, off } = setChange(before, after);
      if (on.length) renderer.setNodesState(on, { [key]: true });
      if (off.length) renderer.setNodesState(off, { [key]: false });
    };
    const edges = (before: ReadonlySet<string>, after: ReadonlySet<string>, key: "lodLabel" | "lodHidden") => {
      const { on, off } = setChange(before, after);
      if (on.length) renderer.setEdgesState(on, { [key]: true });
      if (off.length) renderer.setEdgesState(off, { [key]: false });
    };
    nodes(applied.labels, next.labels, "lodLabel");
    nodes(applied.marks, next.marks, "lodMark");
    edges(applied.edgeLabels, next.edgeLabels, "lodLabel");
    edges(applied.reachHidden, next.reachHidden, "lodHidden");
    // Items added since: their state is set whatever sigma remembered for the same id before.
    for (const id of fresh) {
      if (g.hasNode(id)) renderer.setNodeState(id, { lodLabel: next.labels.has(id), lodMark: next.marks.has(id) });
      else if (g.hasEdge(id)) renderer.setEdgeState(id, { lodLabel: next.edgeLabels.has(id), lodHidden: next.reachHidden.has(id) });
    }
    applied = next;
  }

  function withHover(): LodDecision {
    const g = graph();
    return hovered !== null && (g.hasNode(hovered) || g.hasEdge(hovered)) ? withHovered(g, base, hovered) : base;
  }

  function refresh(fresh: readonly string[] = []) {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    base = decideLod(graph(), { ratio: camera.getState().ratio, view: viewBounds(), selected: selected(), hovered: null, previousTier: base.tier });
    apply(withHover(), fresh);
  }

  // A moving camera re-decides at most every LOD_INTERVAL ms (a pan keeps every label's size and
  // spacing: only nodes coming into view need a decision, and that can wait a moment). While a person
  // pans or zooms it waits until they stop: a decision restyles hundreds of items, and mid-gesture those
  // were the slowest frames of the gesture. A camera moving by itself (fitting, centring) re-decides as
  // it goes.
  const whenStill = () => {
    if (!renderer.getGraphState().isIdle) {
      timer = setTimeout(whenStill, LOD_INTERVAL);
      return;
    }
    timer = null;
    refresh();
  };
  const onCamera = () => {
    if (timer !== null || graph().order === 0) return;
    timer = setTimeout(whenStill, LOD_INTERVAL);
  };
  camera.on("updated", onCamera);

  return {
    refresh,
    edgesChanged(added, removed) {
      const placed = withEdgesChanged(graph(), base, selected(), added, removed);
      if (!placed) return false;
      base = placed;
      apply(withHover(), added);
      return true;
    },
    hover(id) {
      hovered = id;
      apply(withHover());
    },
    dropHoverIfGone() {
      const g = graph();
      if (hovered !== null && !g.hasNode(hovered) && !g.hasEdge(hovered)) hovered = null;
    },
    destroy() {
      if (timer !== null) clearTimeout(timer);
      camera.off("updated", onCamera);
    },
  };
}
