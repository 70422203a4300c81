// The sigma.js 4 renderer behind the GraphView interface: the only module family that imports sigma.
// This module assembles the view: it shows a topology (a diff applied in place, drawn through
// sigmaIncremental.ts), marks the selection, search matches, drag decorations, filters and focus as item
// states, frames the camera, and answers where things are on screen and what is under a point. How items
// look is sigmaLook.ts; the level of detail's states, lodStates.ts; the pointer, sigmaPointer.ts; sigma
// workarounds, sigmaPatches.ts. Pure decisions (colours, sizes, coordinates, fitting, hit-testing, what
// to draw at which zoom) live in graphModel.ts, palette.ts, geometry.ts and levelOfDetail.ts.
import type { TopologyDto } from "../backend";
import { diffBetween } from "../topologyDiff";
import { isEdgeId } from "../topologyIndex";
import { boundsOf, centreOf, EDGE_GRAB_TOLERANCE, fitRatio, graphToLayout, hitEdge, hitNode, toViewport, type Point, type Segment } from "./geometry";
import { applyDiff, syncGraph, type NetlensGraph, type SyncReport } from "./graphModel";
import { hideEdgesWhileMoving, LABEL_FONT, setChange } from "./levelOfDetail";
import { createLodStates } from "./lodStates";
import { PALETTES, type Palette } from "./palette";
import { createHullLayer } from "../groups/hullLayer";
import { backgroundOf, composePng, sceneOf, sceneToSvg } from "./exportImage";
import { createRenderer, emptyGraph, FONT, type Look } from "./sigmaLook";
import { incrementalUpdates } from "./sigmaIncremental";
import { regionDrawing } from "./sigmaRegion";
import { misdrawnLines } from "./sigmaCheck";
import {
  adoptGraph,
  LABEL_RELAYOUT_MS,
  movingCameraHides,
  pickOnlyUnderAnIdlePointer,
  quietHoverWhileMoving,
  relayoutLabelsAtMostEvery,
  skipWhatAMovingCameraHides,
} from "./sigmaPatches";
import { bindPointer } from "./sigmaPointer";
import { noFrames, type DropMark, type GraphView, type GraphViewCallbacks, type Hit, type ItemLook } from "./view";

/** Pixels kept free around the graph when fitting: room for labels beside the outermost nodes. */
const FIT_MARGIN = 70;
/** Pixels around a node's disc that still count as on it; hubs take a wider margin as drop targets. */
const NODE_MARGIN = 3;
const HUB_MARGIN = 12;
/** How far the camera zooms in on a search result, unless it is already closer. */
const FOCUS_RATIO = 0.7;

export function createSigmaView(container: HTMLElement, callbacks: GraphViewCallbacks): GraphView {
  let graph: NetlensGraph = emptyGraph();
  let palette: Palette = PALETTES.light;
  /** The topology the graph shows (what the next one is diffed against). */
  let drawn: TopologyDto | null = null;
  /** The highlighted (selected) nodes and edges. */
  let selected: readonly string[] = [];

  const renderer = createRenderer(graph, container);
  /** A container dragged or a line pulled (setGesture): nothing is hovered or picked meanwhile. */
  let gesturing = false;
  quietHoverWhileMoving(renderer, () => gesturing);
  pickOnlyUnderAnIdlePointer(renderer, container, () => gesturing);
  relayoutLabelsAtMostEvery(renderer, LABEL_RELAYOUT_MS);
  skipWhatAMovingCameraHides(renderer);
  const region = regionDrawing(renderer);
  const incremental = incrementalUpdates(renderer, region);
  // Compose projects as tinted shapes behind their members (groups/hullLayer.ts); after each frame sigma
  // draws, the layer redraws itself only if its shapes, the camera or its size changed. While a moving
  // camera hides the lines on a big graph the shapes step aside too: a shown 2D canvas costs WebKit a
  // composite per frame (50 projects over the 300/2,000 topology: pan p95 17-18 -> 20-21 ms, 18-29 % of
  // frames late), and sigma draws once more when the camera stops.
  const hulls = createHullLayer(renderer.createCanvas("projects", { beforeLayer: "stage" }), (p) => renderer.graphToViewport(p), () => renderer.getDimensions());
  const moving = movingCameraHides(renderer);
  renderer.on("afterRender", () => hulls.draw(moving()));
  const camera = renderer.getCamera();
  const lod = createLodStates(renderer, () => graph, () => selected);

  // Keep the same graph point in the middle when the pane changes size (outline shown or hidden,
  // window resized): with autoRescale off, sigma would otherwise keep the framed point, which drifts.
  let centre: Point | null = null;
  const rememberCentre = () => {
    const { width, height } = renderer.getDimensions();
    if (width > 0 && height > 0) centre = renderer.viewportToGraph({ x: width / 2, y: height / 2 });
  };
  renderer.getCamera().on("updated", rememberCentre);
  // Sigma itself only notices window resizes, not a pane that grows when the outline is hidden. The
  // observer also reports the size it starts with: that is no change, and redrawing a big graph for it
  // would cost a whole pass over it right when the first topology arrives.
  let size = { width: container.clientWidth, height: container.clientHeight };
  const observer = new ResizeObserver(() => {
    if (container.clientWidth === size.width && container.clientHeight === size.height) return;
    size = { width: container.clientWidth, height: container.clientHeight };
    const keep = centre;
    renderer.resize();
    renderer.refresh();
    if (keep) {
      const framed = renderer.graphToFramedGraph(keep);
      renderer.getCamera().setState({ x: framed.x, y: framed.y });
    }
  });
  observer.observe(container);

  bindPointer(renderer, { callbacks, lod, origin, hitTest });

  /** Lines are hidden while the camera moves on a big graph (levelOfDetail.ts decides). */
  function chooseEdgesOnMove(edges: number) {
    const hide = hideEdgesWhileMoving(edges);
    if (renderer.getSetting("hideEdgesOnMove") !== hide) renderer.setSetting("hideEdgesOnMove", hide);
  }

  function origin(): Point {
    const rect = container.getBoundingClientRect();
    return { x: rect.left, y: rect.top };
  }

  /** A node's disc as drawn, in viewport pixels; null when a filter hides it. */
  function disc(id: string, margin: number): { id: string; centre: Point; radius: number } | null {
    const data = renderer.getNodeDisplayData(id);
    if (!data || hiddenBy.has(id)) return null;
    const centre = toViewport(renderer.framedGraphToViewport({ x: data.x, y: data.y }), origin());
    return { id, centre, radius: Math.max(6, renderer.scaleSize(data.size)) + margin };
  }

  function segmentOf(id: string): Segment | null {
    if (!graph.hasEdge(id)) return null;
    const a = disc(graph.source(id), 0);
    const b = disc(graph.target(id), 0);
    return a && b ? { a: a.centre, b: b.centre } : null;
  }

  function hitTest(at: Point): Hit | null {
    const discs = graph.mapNodes((id) => disc(id, NODE_MARGIN)).filter((d) => d !== null);
    const node = hitNode(at, discs);
    if (node) return { kind: "node", id: node.id };
    const lines = graph
      .filterEdges((_id, a) => a.kind === "endpoint")
      .map((id) => ({ id, segment: segmentOf(id) }))
      .filter((e): e is { id: string; segment: Segment } => e.segment !== null);
    const edge = hitEdge(at, lines, EDGE_GRAB_TOLERANCE);
    return edge ? { kind: "edge", id: edge.id } : null;
  }

  let dropMarked: string[] = [];
  let dropMarks: ReadonlyMap<string, DropMark> | null = null;
  let dropSource: string | null = null;
  let dropOver: string | null = null;
  let pulled: string | null = null;

  function applyDecor() {
    for (const id of dropMarked) if (graph.hasNode(id)) renderer.setNodeState(id, { drop: "none" });
    dropMarked = [];
    for (const [id, mark] of dropMarks ?? []) {
      if (!graph.hasNode(id)) continue;
      renderer.setNodeState(id, { drop: mark });
      dropMarked.push(id);
    }
    if (dropSource && graph.hasNode(dropSource)) {
      renderer.setNodeState(dropSource, { drop: "source" });
      dropMarked.push(dropSource);
    }
  }

  function highlight(id: string, on: boolean) {
    if (graph.hasNode(id)) renderer.setNodeState(id, { isHighlighted: on });
    else if (graph.hasEdge(id)) renderer.setEdgeState(id, { isHighlighted: on });
  }

  function markSelected(ids: readonly string[]) {
    for (const id of selected) highlight(id, false);
    selected = [...ids];
    for (const id of selected) highlight(id, true);
  }

  function select(ids: readonly string[]) {
    const same = ids.length === selected.length && ids.every((id, i) => id === selected[i]);
    if (same) return;
    markSelected(ids);
    lod.refresh();
  }

  /** The search matches marked now: only ids drawn when marked, so one drawn later is marked on the next call. */
  let matched: ReadonlySet<string> = new Set();
  function setMatched(ids: readonly string[]) {
    const next = new Set(ids.filter((id) => graph.hasNode(id)));
    const { on, off } = setChange(matched, next);
    const offDrawn = off.filter((id) => graph.hasNode(id));
    if (on.length) renderer.setNodesState(on, { matched: true });
    if (offDrawn.length) renderer.setNodesState(offDrawn, { matched: false });
    matched = next;
  }

  function focusNode(id: string) {
    if (!graph.hasNode(id) || hiddenBy.has(id)) return;
    const { x, y } = graph.getNodeAttributes(id);
    const at = renderer.graphToFramedGraph({ x, y });
    const ratio = Math.min(camera.getState().ratio, FOCUS_RATIO);
    void camera.animate({ x: at.x, y: at.y, ratio }, { duration: 300 });
  }

  // Filters and focus (lib/filters/ decides; this only applies): item states set only where they change.
  let hiddenBy: { has(id: string): boolean } = { has: () => false };
  let keep: ReadonlySet<string> | null = null;
  const lookOf = (id: string): Look => ({ filtered: hiddenBy.has(id), faded: keep !== null && !keep.has(id) });
  function applyLook(id: string, key?: keyof Look) {
    const want = lookOf(id);
    const isNode = graph.hasNode(id);
    if (!isNode && !graph.hasEdge(id)) return;
    const have = isNode ? renderer.getNodeState(id) : renderer.getEdgeState(id);
    const keys = key ? [key] : (["filtered", "faded"] as const);
    if (keys.every((k) => have[k] === want[k])) return;
    if (isNode) renderer.setNodeState(id, want);
    else renderer.setEdgeState(id, want);
  }
  const everyItem = (): string[] => [...graph.nodes(), ...graph.edges()];

  /** The camera that shows the drawn nodes among `ids` (null: none is), never closer than `closest`. */
  function cameraOn(ids: readonly string[], closest = 0) {
    const bounds = boundsOf(ids.filter((id) => graph.hasNode(id) && !hiddenBy.has(id)).map((id) => graph.getNodeAttributes(id)));
    if (!bounds) return null;
    const { width, height } = renderer.getDimensions();
    const centre = renderer.graphToFramedGraph(centreOf(bounds));
    return { x: centre.x, y: centre.y, ratio: Math.max(fitRatio(bounds, { width, height }, FIT_MARGIN), closest), angle: 0 };
  }

  /** Frames the drawn nodes among `ids`; a few close together are not blown up past FOCUS_RATIO. */
  function frame(ids: Iterable<string>) {
    const target = cameraOn([...ids], FOCUS_RATIO);
    if (target) void camera.animate(target, { duration: 300 });
  }

  function fit(animate: boolean) {
    const target = cameraOn(graph.nodes());
    if (!target) return;
    if (animate) void camera.animate(target, { duration: 300 });
    else {
      camera.setState(target);
      lod.refresh();
    }
  }

  /** The canvases as they are now, one PNG on the theme's background. */
  const shownPng = () => composePng([...container.querySelectorAll("canvas")], backgroundOf(container));

  return {
    update(topology: TopologyDto, next: Palette) {
      const themeChanged = next !== palette;
      palette = next;
      // A new theme rewrites every colour; otherwise only what changed since the last topology is
      // touched (the diff the store recorded, or one worked out here).
      const first = graph.order === 0;
      const before = drawn;
      // Until this topology is applied the graph matches no known topology: should a step below throw,
      // the next update compares whole topologies against the graph instead of trusting a stale base.
      drawn = null;
      let report: SyncReport;
      if (first) {
        // The first topology fills a graph sigma does not watch yet, then sigma takes it whole: one
        // pass instead of an event per node and edge (thousands on a busy engine).
        const filled = emptyGraph();
        report = syncGraph(filled, topology, palette);
        // Settled while sigma still holds the empty graph: setSetting re-indexes every item sigma holds.
        chooseEdgesOnMove(filled.size);
        graph = filled;
        adoptGraph(renderer, filled);
      } else {
        const base = before;
        report = incremental.apply(() => (themeChanged || !base ? syncGraph(graph, topology, palette) : applyDiff(graph, diffBetween(base, topology), palette)));
      }
      drawn = topology;
      // Nothing is re-added that stayed, but a removed selection must not linger highlighted.
      const kept = selected.filter((id) => graph.hasNode(id) || graph.hasEdge(id));
      const selectionLost = kept.length !== selected.length;
      if (selectionLost) markSelected(kept);
      lod.dropHoverIfGone();
      // A topology that arrives mid-drag keeps the drop marks on the hubs that are still there.
      if (dropMarked.length || dropMarks || dropSource) applyDecor();
      if (pulled !== null && graph.hasEdge(pulled)) renderer.setEdgeState(pulled, { pulled: true });
      // New items are filtered and faded as they arrive (sigma may remember a state from an earlier same id).
      for (const id of report.added) applyLook(id);
      // New or vanished items change what fits and which hubs have paths out; attribute changes do not.
      const changed = report.added.length > 0 || report.removed.length > 0;
      const edgesOnly = !first && !selectionLost && report.added.every((id) => graph.hasEdge(id)) && report.removed.every(isEdgeId);
      // A connect or disconnect away from the selection: place just those edges, no pass over the graph.
      const placed = changed && edgesOnly && lod.edgesChanged(report.added, report.removed);
      if (!placed && (changed || selectionLost)) lod.refresh(first ? [] : report.added);
      if (changed) chooseEdgesOnMove(graph.size);
      if (themeChanged || report.added.length || report.removed.length || report.updated.length) hulls.setGraph(graph, palette);
      if (themeChanged) renderer.refresh();
      return report;
    },
    setSelected: select,
    setHidden(hidden, changed) {
      hiddenBy = hidden;
      for (const id of changed === "all" ? everyItem() : changed) applyLook(id, "filtered");
    },
    setFocus(next) {
      if (next === keep) return;
      const before = keep;
      keep = next;
      // Entering or leaving a focus touches every item; moving it, only what joined or left it.
      const moved = before === null || next === null ? null : setChange(before, next);
      const ids = moved ? [...moved.on, ...moved.off] : everyItem();
      for (const id of ids) applyLook(id, "faded");
    },
    itemLook(id): ItemLook {
      if (!graph.hasNode(id) && !graph.hasEdge(id)) return "absent";
      const look = lookOf(id);
      return look.filtered ? "hidden" : look.faded ? "faded" : "drawn";
    },
    setMatched,
    focusNode,
    fit,
    frame,
    zoom(direction) {
      void (direction === "in" ? camera.zoomIn({ duration: 200 }) : camera.zoomOut({ duration: 200 }));
    },
    nodeViewportPosition: (id: string): Point | null => disc(id, 0)?.centre ?? null,
    edgeViewportSegment: segmentOf,
    hitTest,
    layoutPointAt(at: Point): Point | null {
      const o = origin();
      return graphToLayout(renderer.viewportToGraph({ x: at.x - o.x, y: at.y - o.y }));
    },
    networkAt(at: Point): string | null {
      const hubs = graph
        .filterNodes((_id, a) => a.kind === "network")
        .map((id) => disc(id, HUB_MARGIN))
        .filter((d) => d !== null);
      return hitNode(at, hubs)?.id ?? null;
    },
    setDropMarks(marks, source) {
      dropMarks = marks;
      dropSource = source;
      applyDecor();
    },
    setGesture(active) {
      gesturing = active;
    },
    setDropOver(id) {
      if (id === dropOver) return;
      if (dropOver !== null && graph.hasNode(dropOver)) renderer.setNodeState(dropOver, { dropOver: false });
      dropOver = id;
      if (id !== null && graph.hasNode(id)) renderer.setNodeState(id, { dropOver: true });
    },
    setPulledEdge(id) {
      if (pulled !== null && graph.hasEdge(pulled)) renderer.setEdgeState(pulled, { pulled: false });
      pulled = id;
      if (id !== null && graph.hasEdge(id)) renderer.setEdgeState(id, { pulled: true });
    },
    snapshotPng() {
      // Drawn whole now, in this task: the picture is a whole frame's, whichever part the last frame drew.
      renderer.refresh({ partialGraph: {}, skipIndexation: true });
      return shownPng();
    },
    shownPng,
    misdrawnLines() {
      renderer.refresh({ partialGraph: {}, skipIndexation: true });
      return misdrawnLines(renderer, graph);
    },
    frames: () => region?.frames() ?? noFrames(),
    snapshotSvg: () => sceneToSvg(sceneOf(renderer, graph, { background: backgroundOf(container), font: FONT, labelMargin: LABEL_FONT.margin })),
    destroy() {
      lod.destroy();
      observer.disconnect();
      renderer.kill();
    },
  };
}
