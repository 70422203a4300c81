// The sigma.js 4 renderer behind the GraphView interface: the only module that imports sigma. It owns
// the WebGL canvas, the styles that turn graph attributes into pixels, clicks, the camera, and the
// hook that lets the UI own a pointer gesture (a drag) without sigma panning the camera. Pure
// decisions (colours, sizes, coordinates, fitting, hit-testing) live in graphModel.ts, palette.ts and
// geometry.ts; what a gesture means lives in interaction/dragMachine.ts.
import Graph from "graphology";
import Sigma from "sigma";
import type { MouseCoords } from "sigma/types";
import { layerDashed, layerFill, layerPlain, sdfCircle, sdfDiamond, sdfSquare } from "sigma/rendering";

import type { TopologyDto } from "../backend";
import { boundsOf, centreOf, EDGE_GRAB_TOLERANCE, fitRatio, graphToLayout, hitEdge, hitNode, toViewport, type Point, type Segment } from "./geometry";
import { syncGraph, type EdgeAttributes, type NetlensGraph, type NodeAttributes } from "./graphModel";
import { PALETTES, type Palette } from "./palette";
import { isToggleClick } from "../selectionSet";
import type { DropMark, GraphView, GraphViewCallbacks, Hit } from "./view";

/** Per-node state the drag decorations set; sigma keeps it across attribute updates. */
type NodeState = { drop: DropMark | "source" | "none" };
type EdgeState = { pulled: boolean };

const FONT = "system-ui, 'Segoe UI', Cantarell, 'Noto Sans', 'DejaVu Sans', sans-serif";
/** Pixels kept free around the graph when fitting: room for labels beside the outermost nodes. */
const FIT_MARGIN = 70;
/** Up to this many nodes every label is drawn. */
const SMALL_GRAPH = 80;
/** Pixels around a node's disc that still count as on it; hubs take a wider margin as drop targets. */
const NODE_MARGIN = 3;
const HUB_MARGIN = 12;

export function createSigmaView(container: HTMLElement, callbacks: GraphViewCallbacks): GraphView {
  const graph: NetlensGraph = new Graph<NodeAttributes, EdgeAttributes>({ type: "directed", multi: false });
  // Styles read the palette through this variable, so a theme switch is an attribute update + refresh.
  let palette: Palette = PALETTES.light;
  /** The highlighted (selected) nodes and edges. */
  let selected: readonly string[] = [];

  const renderer = new Sigma(graph, container, {
    customNodeState: { drop: "none" } as NodeState,
    customEdgeState: { pulled: false } as EdgeState,
    primitives: {
      nodes: {
        shapes: [sdfCircle(), sdfSquare({ cornerRadius: 0.25 }), sdfDiamond({ cornerRadius: 0.15 })],
        layers: [layerFill()],
        label: { font: { family: FONT, size: 13, weight: "500" }, margin: 6 },
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
          labelSize: (a) => (a.kind === "container" ? 12 : 13),
          // Small graphs (the usual case) label everything; large ones let sigma thin out container labels.
          labelVisibility: (a, s, _g, g) =>
            a.forceLabel || s.isHovered || s.isHighlighted || g.order <= SMALL_GRAPH ? "visible" : "auto",
          cursor: "pointer",
          depth: (_a, s) => (s.isHovered || s.isHighlighted ? "topNodes" : "nodes"),
          backdropVisibility: (_a, s) => (s.isHovered || s.isHighlighted ? "visible" : "hidden"),
          backdropColor: () => palette.backdrop,
          backdropShadowColor: () => "rgba(15, 23, 42, 0.35)",
          backdropShadowBlur: 10,
          backdropPadding: 5,
        },
        { when: (_a, s) => s.isHighlighted, then: { size: (a) => a.size * 1.3 } },
        // While a container is dragged: hubs that take it glow and grow, the others fade.
        {
          when: (_a, s) => s.drop === "allowed",
          then: { size: (a) => a.size * 1.4, backdropVisibility: "visible", labelVisibility: "visible", depth: "topNodes" },
        },
        { when: (_a, s) => s.drop === "refused", then: { color: (a) => a.color + "40", labelColor: () => palette.labelMuted } },
        { when: (_a, s) => s.drop === "source", then: { backdropVisibility: "visible", depth: "topNodes" } },
      ],
      edges: [
        {
          size: { attribute: "size" },
          color: { attribute: "color" },
          plainColor: (a) => (a.dashSize > 0 ? "#00000000" : a.color),
          dashSize: { attribute: "dashSize" },
          label: { attribute: "label" },
          // Paths out repeat the same few words ("NAT"); the outline and details carry them instead.
          labelVisibility: (a, s) => (a.kind === "endpoint" || s.isHovered || s.isHighlighted ? "auto" : "hidden"),
          labelColor: () => palette.edgeLabel,
          labelSize: 11,
          labelFont: FONT,
          labelBackgroundColor: () => palette.backdrop + "d9",
          labelBackgroundPadding: 2,
          cursor: "pointer",
          depth: (_a, s) => (s.isHovered || s.isHighlighted ? "topEdges" : "edges"),
        },
        { when: (_a, s) => s.isHighlighted || s.isHovered, then: { size: (a) => a.size + 1.5 } },
        // The UI draws a pulled edge as a rubber band; the straight line would only confuse.
        { when: (_a, s) => s.pulled, then: { visibility: "hidden" } },
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
      labelDensity: 2,
      labelRenderedSizeThreshold: 4,
      minCameraRatio: 0.2,
      maxCameraRatio: 20,
      zoomDuration: 200,
    },
  });

  // Keep the same graph point in the middle when the pane changes size (outline shown or hidden,
  // window resized): with autoRescale off, sigma would otherwise keep the framed point, which drifts.
  let centre: Point | null = null;
  const rememberCentre = () => {
    const { width, height } = renderer.getDimensions();
    if (width > 0 && height > 0) centre = renderer.viewportToGraph({ x: width / 2, y: height / 2 });
  };
  renderer.getCamera().on("updated", rememberCentre);
  // Sigma itself only notices window resizes, not a pane that grows when the outline is hidden.
  const observer = new ResizeObserver(() => {
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
  renderer.on("doubleClickNode", (e) => {
    e.preventSigmaDefault();
    clicked(() => callbacks.onSelect(e.node, isToggleClick(e.event.original)));
  });
  renderer.on("doubleClickEdge", (e) => {
    e.preventSigmaDefault();
    clicked(() => callbacks.onSelect(e.edge, isToggleClick(e.event.original)));
  });

  function origin(): Point {
    const rect = container.getBoundingClientRect();
    return { x: rect.left, y: rect.top };
  }

  /** A node's disc as drawn, in viewport pixels. */
  function disc(id: string, margin: number): { id: string; centre: Point; radius: number } | null {
    const data = renderer.getNodeDisplayData(id);
    if (!data) return null;
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

  function fit(animate: boolean) {
    const bounds = boundsOf(graph.mapNodes((_id, a) => ({ x: a.x, y: a.y })));
    if (!bounds) return;
    const { width, height } = renderer.getDimensions();
    const centre = renderer.graphToFramedGraph(centreOf(bounds));
    const target = { x: centre.x, y: centre.y, ratio: fitRatio(bounds, { width, height }, FIT_MARGIN), angle: 0 };
    const camera = renderer.getCamera();
    if (animate) void camera.animate(target, { duration: 300 });
    else camera.setState(target);
  }

  return {
    update(topology: TopologyDto, next: Palette) {
      const themeChanged = next !== palette;
      palette = next;
      const report = syncGraph(graph, topology, palette);
      // Sync drops and re-adds nothing that stayed, but a removed selection must not linger highlighted.
      markSelected(selected.filter((id) => graph.hasNode(id) || graph.hasEdge(id)));
      // A topology that arrives mid-drag keeps the drop marks on the hubs that are still there.
      applyDecor();
      if (pulled !== null && graph.hasEdge(pulled)) renderer.setEdgeState(pulled, { pulled: true });
      if (themeChanged) renderer.refresh();
      return report;
    },
    setSelected: markSelected,
    fit,
    zoom(direction) {
      const camera = renderer.getCamera();
      void (direction === "in" ? camera.zoomIn({ duration: 200 }) : camera.zoomOut({ duration: 200 }));
    },
    nodeViewportPosition(id: string): Point | null {
      const data = renderer.getNodeDisplayData(id);
      if (!data) return null;
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
    destroy() {
      observer.disconnect();
      renderer.kill();
    },
  };
}
