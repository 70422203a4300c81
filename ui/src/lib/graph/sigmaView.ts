// The sigma.js 4 renderer behind the GraphView interface: the only module that imports sigma. It owns
// the WebGL canvas, the styles that turn graph attributes and item states into pixels, clicks, hover,
// the camera, and the hook that lets the UI own a pointer gesture (a drag) without sigma panning the
// camera. Pure decisions (colours, sizes, coordinates, fitting, hit-testing, what to draw at which
// zoom) live in graphModel.ts, palette.ts, geometry.ts and levelOfDetail.ts; what a gesture means
// lives in interaction/dragMachine.ts.
import Graph from "graphology";
import Sigma from "sigma";
import type { MouseCoords } from "sigma/types";
import { layerDashed, layerFill, layerPlain, sdfCircle, sdfDiamond, sdfSquare, sdfTriangle } from "sigma/rendering";

import type { TopologyDto } from "../backend";
import { diffBetween } from "../topologyDiff";
import { boundsOf, centreOf, EDGE_GRAB_TOLERANCE, fitRatio, graphToLayout, hitEdge, hitNode, toViewport, type Bounds, type Point, type Segment } from "./geometry";
import { applyDiff, syncGraph, type EdgeAttributes, type NetlensGraph, type NodeAttributes, type SyncReport } from "./graphModel";
import { decideLod, hideEdgesWhileMoving, LABEL_FONT, setChange, withEdgesChanged, withHovered, type LodDecision } from "./levelOfDetail";
import { PALETTES, type Palette } from "./palette";
import { createHullLayer } from "../groups/hullLayer";
import { backgroundOf, composePng, sceneOf, sceneToSvg } from "./exportImage";
import { isToggleClick } from "../selectionSet";
import type { DropMark, GraphView, GraphViewCallbacks, Hit, ItemLook } from "./view";

/**
 * Per-item state: the drag decorations, and what the level of detail (levelOfDetail.ts) decided. Sigma
 * keeps it across attribute updates. Every style below reads only attributes and item state (no
 * functions), so sigma restyles just the items whose state changed, never the whole graph on a hover or
 * when the camera starts or stops moving.
 */
type NodeState = { drop: DropMark | "source" | "none"; lodLabel: boolean; lodMark: boolean; matched: boolean } & Look;
type EdgeState = { pulled: boolean; lodHidden: boolean; lodLabel: boolean } & Look;
/** What the filters and the focus decided (lib/filters/): hidden by a filter, faded by a focus. */
type Look = { filtered: boolean; faded: boolean };

const FONT = "system-ui, 'Segoe UI', Cantarell, 'Noto Sans', 'DejaVu Sans', sans-serif";
/** Pixels kept free around the graph when fitting: room for labels beside the outermost nodes. */
const FIT_MARGIN = 70;
/** Edge ids (the same scheme as the test hook's): an id that is gone can still be told from a node's. */
const isEdgeId = (id: string) => /^(endpoint|reach|stack|group|vip|task):/.test(id);
/** Pixels around a node's disc that still count as on it; hubs take a wider margin as drop targets. */
const NODE_MARGIN = 3;
const HUB_MARGIN = 12;
/** The ring around a search match (amber reads on both themes). */
const MATCH_RING = "#f59e0b";
/** How far the camera zooms in on a search result, unless it is already closer. */
const FOCUS_RATIO = 0.7;
/** How strongly what a focus leaves out is still drawn. */
const FADED = 0.12;
/** While the camera moves, the level of detail is decided again at most this often (ms). */
const LOD_INTERVAL = 120;

/** The white (or dark) halo behind a hovered, selected or drop-target node and its label. */
const HALO = {
  backdropVisibility: "visible",
  backdropArea: "both",
  backdropColor: { attribute: "backdropColor" },
  backdropBorderWidth: 0,
  backdropShadowColor: "rgba(15, 23, 42, 0.35)",
  backdropShadowBlur: 10,
  backdropPadding: 5,
} as const;

/**
 * Sigma 4.0.4 reads its hover picking buffer back after every frame while the pointer is over the
 * canvas, the camera moving or not. Under software WebGL that readback waits for the whole frame: in a
 * Chromium (SwiftShader) profile of a pan over the 300/2,000 topology it was 40 % of the main thread
 * (getBufferSubData). Nothing can be hovered usefully while the camera pans or zooms, so the read waits
 * until it is idle again (sigma draws a frame then, which asks again). Sigma has no setting for this; the
 * patch is skipped if its internals ever take another shape.
 */
function quietHoverWhileMoving(renderer: { getGraphState(): { isIdle: boolean } }): void {
  const resolver = (renderer as unknown as { internals?: { hoverResolver?: { request?: unknown } } }).internals?.hoverResolver;
  if (!resolver || typeof resolver.request !== "function") return;
  const request = (resolver.request as () => void).bind(resolver);
  resolver.request = () => {
    if (renderer.getGraphState().isIdle) request();
  };
}

/**
 * `renderer.setGraph(graph)`, working around sigma 4.0.4: its index of parallel edges keeps the graph the
 * renderer was constructed with, so after setGraph every edge added later is looked up in the old graph
 * and `Graph.source` throws half way through the update (the edge was in the graph, the topology never
 * recorded as drawn: a later CLI disconnect of it was never taken off the screen). Pointing the index at
 * the new graph before setGraph lets setGraph's own refresh rebuild it from the right graph.
 */
function adoptGraph(renderer: { setGraph(graph: NetlensGraph): unknown }, graph: NetlensGraph): void {
  const groups = (renderer as unknown as { edgeGroups?: { graph?: unknown } }).edgeGroups;
  if (groups && "graph" in groups) groups.graph = graph;
  renderer.setGraph(graph);
}

export function createSigmaView(container: HTMLElement, callbacks: GraphViewCallbacks): GraphView {
  const emptyGraph = (): NetlensGraph => new Graph<NodeAttributes, EdgeAttributes>({ type: "directed", multi: false });
  let graph: NetlensGraph = emptyGraph();
  let palette: Palette = PALETTES.light;
  /** The topology the graph shows (what the next one is diffed against). */
  let drawn: TopologyDto | null = null;
  /** The highlighted (selected) nodes and edges. */
  let selected: readonly string[] = [];
  let hovered: string | null = null;

  const renderer = new Sigma(graph, container, {
    customNodeState: { drop: "none", lodLabel: false, lodMark: false, matched: false, filtered: false, faded: false } as NodeState,
    customEdgeState: { pulled: false, lodHidden: false, lodLabel: false, filtered: false, faded: false } as EdgeState,
    primitives: {
      nodes: {
        shapes: [sdfCircle(), sdfSquare({ cornerRadius: 0.25 }), sdfDiamond({ cornerRadius: 0.15 }), sdfTriangle({ cornerRadius: 0.15 })],
        layers: [layerFill()],
        label: { font: { family: FONT, size: 13, weight: "500" }, margin: LABEL_FONT.margin },
      },
      edges: {
        // Endpoint edges are drawn by the plain layer; reach edges make it transparent and show dashes.
        variables: {
          plainColor: { type: "color", default: "#00000000" },
          dashSize: { type: "number", default: 0 },
        },
        layers: [
          layerPlain({ color: { attribute: "plainColor" } }),
          layerDashed({
            dashSize: { attribute: "dashSize", mode: "pixels" },
            gapSize: { attribute: "dashSize", mode: "pixels" },
            dashColor: { attribute: "color" },
          }),
        ],
        label: { fontSizeMode: "fixed" },
      },
    },
    styles: {
      nodes: [
        {
          x: { attribute: "x" },
          y: { attribute: "y" },
          size: { attribute: "size" },
          color: { attribute: "color" },
          shape: { attribute: "shape" },
          label: { attribute: "label" },
          labelColor: { attribute: "labelColor" },
          labelSize: { attribute: "labelSize" },
          // The level of detail picks the labels that fit; hover and selection add theirs below.
          labelVisibility: { whenState: "lodLabel", then: "visible", else: "hidden" },
          cursor: "pointer",
          depth: "nodes",
          // A hub whose Host/External lines are hidden wears a thin ring instead.
          backdropVisibility: { whenState: "lodMark", then: "visible", else: "hidden" },
          backdropArea: "node",
          backdropColor: "#00000000",
          backdropBorderColor: { attribute: "markColor" },
          backdropBorderWidth: 2,
          backdropShadowColor: "#00000000",
          backdropShadowBlur: 0,
          backdropPadding: 1.5,
        },
        // Outside a focus: faint and unlabelled, unless hovered or selected (below).
        { whenState: "faded", then: { opacity: FADED, labelVisibility: "hidden" } },
        { whenState: "isHovered", then: { ...HALO, labelVisibility: "visible", depth: "topNodes" } },
        // A search match: labelled, haloed and ringed, so it stands out even among thousands.
        {
          whenState: "matched",
          then: { ...HALO, labelVisibility: "visible", depth: "topNodes", backdropBorderColor: MATCH_RING, backdropBorderWidth: 2 },
        },
        { whenState: "isHighlighted", then: { ...HALO, labelVisibility: "visible", depth: "topNodes", size: { attribute: "highlightSize" } } },
        // While a container is dragged: hubs that take it glow and grow, the others fade.
        { whenState: { drop: "allowed" }, then: { ...HALO, size: { attribute: "dropSize" }, labelVisibility: "visible", depth: "topNodes" } },
        { whenState: { drop: "refused" }, then: { color: { attribute: "fadedColor" }, labelColor: { attribute: "mutedLabelColor" } } },
        { whenState: { drop: "source" }, then: { ...HALO, depth: "topNodes" } },
        // Hidden by a filter: not drawn, not labelled, not picked, whatever else holds.
        { whenState: "filtered", then: { visibility: "hidden" } },
      ],
      edges: [
        {
          size: { attribute: "size" },
          color: { attribute: "color" },
          plainColor: { attribute: "plainColor" },
          dashSize: { attribute: "dashSize" },
          label: { attribute: "label" },
          // IPv4 labels only zoomed in or around the selection; paths out say "NAT" in the details instead.
          labelVisibility: { whenState: "lodLabel", then: "auto", else: "hidden" },
          labelColor: { attribute: "labelColor" },
          labelSize: 11,
          labelFont: FONT,
          labelBackgroundColor: { attribute: "labelBackgroundColor" },
          labelBackgroundPadding: 2,
          cursor: "pointer",
          depth: "edges",
          visibility: { whenState: "lodHidden", then: "hidden", else: "visible" },
        },
        { whenState: "isHovered", then: { size: { attribute: "focusSize" }, labelVisibility: "visible", depth: "topEdges" } },
        { whenState: "isHighlighted", then: { size: { attribute: "focusSize" }, labelVisibility: "visible", depth: "topEdges" } },
        // The UI draws a pulled edge as a rubber band; the straight line would only confuse.
        { whenState: "pulled", then: { visibility: "hidden" } },
        { whenState: "faded", then: { opacity: FADED, labelVisibility: "hidden" } },
        { whenState: "filtered", then: { visibility: "hidden" } },
      ],
    },
    settings: {
      // 1 graph unit = 1 pixel at zoom 1, whatever the graph holds: updates never shift the picture.
      autoRescale: false,
      itemSizesReference: "screen",
      renderEdgeLabels: true,
      enableEdgeEvents: true,
      enableCameraRotation: false,
      enableCameraMouseRotation: false,
      // Labels are picked by the level of detail (all of them forced or hidden), not by sigma's grid.
      labelDensity: 1,
      labelRenderedSizeThreshold: 4,
      minCameraRatio: 0.2,
      maxCameraRatio: 40,
      zoomDuration: 200,
    },
  });

  quietHoverWhileMoving(renderer);
  // Compose projects as tinted shapes behind their members (groups/hullLayer.ts), redrawn with every frame.
  const hulls = createHullLayer(renderer.createCanvas("projects", { beforeLayer: "stage" }), (p) => renderer.graphToViewport(p), () => renderer.getDimensions());
  renderer.on("afterRender", () => hulls.draw());

  // Level of detail: decided again when the selection, the hovered item, the graph or the camera
  // changes (the camera at most every LOD_INTERVAL ms), and applied as a difference of item states.
  const camera = renderer.getCamera();
  const none = (): LodDecision => ({
    tier: "overview",
    everyReach: true,
    labels: new Set(),
    reachShown: new Set(),
    reachHidden: new Set(),
    marks: new Set(),
    edgeLabels: new Set(),
  });
  let base: LodDecision = none();
  let applied: LodDecision = none();
  let lodTimer: ReturnType<typeof setTimeout> | null = null;

  function viewBounds(): Bounds | null {
    const { width, height } = renderer.getDimensions();
    if (width <= 0 || height <= 0) return null;
    return boundsOf([renderer.viewportToGraph({ x: 0, y: 0 }), renderer.viewportToGraph({ x: width, y: height })]);
  }

  function applyStates(next: LodDecision, fresh: readonly string[] = []) {
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
      if (graph.hasNode(id)) renderer.setNodeState(id, { lodLabel: next.labels.has(id), lodMark: next.marks.has(id) });
      else if (graph.hasEdge(id)) renderer.setEdgeState(id, { lodLabel: next.edgeLabels.has(id), lodHidden: next.reachHidden.has(id) });
    }
    applied = next;
  }

  /** Decide again from scratch (graph, camera or selection changed). */
  function refreshLod(fresh: readonly string[] = []) {
    if (lodTimer !== null) {
      clearTimeout(lodTimer);
      lodTimer = null;
    }
    const ratio = camera.getState().ratio;
    base = decideLod(graph, { ratio, view: viewBounds(), selected, hovered: null, previousTier: base.tier });
    applyStates(withHover(), fresh);
  }

  function withHover(): LodDecision {
    return hovered !== null && (graph.hasNode(hovered) || graph.hasEdge(hovered)) ? withHovered(graph, base, hovered) : base;
  }

  /** Only the hovered item changed: lay it over the last decision. */
  function hover(id: string | null) {
    hovered = id;
    applyStates(withHover());
  }

  // A moving camera re-decides at most every LOD_INTERVAL ms (a pan keeps every label's size and
  // spacing: only nodes coming into view need a decision, and that can wait a moment).
  camera.on("updated", () => {
    if (lodTimer !== null || graph.order === 0) return;
    lodTimer = setTimeout(() => {
      lodTimer = null;
      refreshLod();
    }, LOD_INTERVAL);
  });
  renderer.on("enterNode", ({ node, event }) => {
    hover(node);
    callbacks.onHover?.(node, toViewport(event, origin()));
  });
  renderer.on("leaveNode", () => {
    hover(null);
    callbacks.onHover?.(null, null);
  });
  renderer.on("enterEdge", ({ edge }) => hover(edge));
  renderer.on("leaveEdge", () => hover(null));

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

  // Gestures the UI owns. Sigma's mouse captor reports a press ("mousedown"), every move anywhere on
  // the page ("mousemovebody", before it pans the camera) and the release ("mouseup", before its
  // click). Calling preventSigmaDefault() on the move is sigma's documented way to keep the camera
  // still; the click sigma derives afterwards is swallowed because the UI already decided what the
  // press meant. Sigma's own node drag (enableNodeDrag) stays off: it would move the node itself.
  const captor = renderer.getMouseCaptor();
  let owned = false;
  let swallowClick = false;
  const pointerOf = (c: MouseCoords) => {
    const e = c.original;
    const at = "clientX" in e ? { x: e.clientX, y: e.clientY } : toViewport(c, origin());
    return { at, shift: e.shiftKey, ctrl: e.ctrlKey || e.metaKey };
  };
  captor.on("mousedown", (c) => {
    swallowClick = false;
    owned = false;
    if (!("button" in c.original) || c.original.button !== 0) return;
    owned = callbacks.onPointer?.({ type: "down", ...pointerOf(c) }) ?? false;
  });
  captor.on("mousemovebody", (c) => {
    if (!owned) return;
    c.preventSigmaDefault();
    callbacks.onPointer?.({ type: "move", ...pointerOf(c) });
  });
  captor.on("mouseup", (c) => {
    if (!owned) return;
    owned = false;
    swallowClick = true;
    callbacks.onPointer?.({ type: "up", ...pointerOf(c) });
  });
  captor.on("rightClick", (c) => {
    if (!callbacks.onContextMenu) return;
    // The webview's own menu (Reload, Inspect) has nothing to offer here.
    c.original.preventDefault();
    const { at } = pointerOf(c);
    callbacks.onContextMenu(hitTest(at), at);
  });
  const clicked = (act: () => void) => {
    if (swallowClick) swallowClick = false;
    else act();
  };
  renderer.on("clickNode", ({ node, event }) => clicked(() => callbacks.onSelect(node, isToggleClick(event.original))));
  renderer.on("clickEdge", ({ edge, event }) => clicked(() => callbacks.onSelect(edge, isToggleClick(event.original))));
  renderer.on("clickStage", () => clicked(() => callbacks.onClear()));
  // Sigma turns a second click within its double-click delay into a double-click, with no click event: two
  // quick clicks on two networks (Ctrl+click to add) would lose the second. A double-click on an item is
  // therefore its click, and it does not zoom the camera.
  // Two clicks on the same node are a real double-click: it focuses on the node.
  let lastClicked: string | null = null;
  renderer.on("clickNode", ({ node }) => (lastClicked = node));
  renderer.on("clickStage", () => (lastClicked = null));
  renderer.on("doubleClickNode", (e) => {
    e.preventSigmaDefault();
    const again = lastClicked === e.node;
    clicked(() => callbacks.onSelect(e.node, isToggleClick(e.event.original)));
    if (again && !isToggleClick(e.event.original)) callbacks.onFocus?.(e.node);
    lastClicked = e.node;
  });
  renderer.on("doubleClickEdge", (e) => {
    e.preventSigmaDefault();
    clicked(() => callbacks.onSelect(e.edge, isToggleClick(e.event.original)));
  });

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
    refreshLod();
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

  function fit(animate: boolean) {
    const bounds = boundsOf(graph.filterNodes((id) => !hiddenBy.has(id)).map((id) => graph.getNodeAttributes(id)));
    if (!bounds) return;
    const { width, height } = renderer.getDimensions();
    const centre = renderer.graphToFramedGraph(centreOf(bounds));
    const target = { x: centre.x, y: centre.y, ratio: fitRatio(bounds, { width, height }, FIT_MARGIN), angle: 0 };
    if (animate) void camera.animate(target, { duration: 300 });
    else {
      camera.setState(target);
      refreshLod();
    }
  }

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
        graph = filled;
        adoptGraph(renderer, filled);
      } else report = themeChanged || !before ? syncGraph(graph, topology, palette) : applyDiff(graph, diffBetween(before, topology), palette);
      drawn = topology;
      // Nothing is re-added that stayed, but a removed selection must not linger highlighted.
      const kept = selected.filter((id) => graph.hasNode(id) || graph.hasEdge(id));
      const selectionLost = kept.length !== selected.length;
      if (selectionLost) markSelected(kept);
      if (hovered !== null && !graph.hasNode(hovered) && !graph.hasEdge(hovered)) hovered = null;
      // A topology that arrives mid-drag keeps the drop marks on the hubs that are still there.
      if (dropMarked.length || dropMarks || dropSource) applyDecor();
      if (pulled !== null && graph.hasEdge(pulled)) renderer.setEdgeState(pulled, { pulled: true });
      // New items are filtered and faded as they arrive (sigma may remember a state from an earlier same id).
      for (const id of report.added) applyLook(id);
      // New or vanished items change what fits and which hubs have paths out; attribute changes do not.
      const changed = report.added.length > 0 || report.removed.length > 0;
      const edgesOnly = !first && !selectionLost && report.added.every((id) => graph.hasEdge(id)) && report.removed.every(isEdgeId);
      // A connect or disconnect away from the selection: place just those edges, no pass over the graph.
      const placed = changed && edgesOnly ? withEdgesChanged(graph, base, selected, report.added, report.removed) : null;
      if (placed) {
        base = placed;
        applyStates(withHover(), report.added);
      } else if (changed || selectionLost) refreshLod(first ? [] : report.added);
      if (changed) {
        const hide = hideEdgesWhileMoving(graph.size);
        if (renderer.getSetting("hideEdgesOnMove") !== hide) renderer.setSetting("hideEdgesOnMove", hide);
      }
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
      const ids = before === null || next === null ? everyItem() : [...before].filter((id) => !next.has(id)).concat([...next].filter((id) => !before.has(id)));
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
    zoom(direction) {
      void (direction === "in" ? camera.zoomIn({ duration: 200 }) : camera.zoomOut({ duration: 200 }));
    },
    nodeViewportPosition(id: string): Point | null {
      const data = renderer.getNodeDisplayData(id);
      if (!data || hiddenBy.has(id)) return null;
      const local = renderer.framedGraphToViewport({ x: data.x, y: data.y });
      return toViewport(local, origin());
    },
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
    setPulledEdge(id) {
      if (pulled !== null && graph.hasEdge(pulled)) renderer.setEdgeState(pulled, { pulled: false });
      pulled = id;
      if (id !== null && graph.hasEdge(id)) renderer.setEdgeState(id, { pulled: true });
    },
    snapshotPng() {
      // Drawn now, in this task, so the WebGL buffer (not preserved between frames) still holds the frame.
      renderer.refresh({ partialGraph: {}, skipIndexation: true });
      return composePng([...container.querySelectorAll("canvas")], backgroundOf(container));
    },
    snapshotSvg: () => sceneToSvg(sceneOf(renderer, graph, { background: backgroundOf(container), font: FONT, labelMargin: LABEL_FONT.margin })),
    destroy() {
      if (lodTimer !== null) clearTimeout(lodTimer);
      observer.disconnect();
      renderer.kill();
    },
  };
}
