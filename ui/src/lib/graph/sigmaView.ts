// The sigma.js 4 renderer behind the GraphView interface: the only module that imports sigma. It owns
// the WebGL canvas, the styles that turn graph attributes into pixels, clicks, and the camera. Pure
// decisions (colours, sizes, coordinates, fitting) live in graphModel.ts, palette.ts and geometry.ts.
import Graph from "graphology";
import Sigma from "sigma";
import { layerDashed, layerFill, layerPlain, sdfCircle, sdfDiamond, sdfSquare } from "sigma/rendering";

import type { TopologyDto } from "../backend";
import { boundsOf, centreOf, fitRatio, toViewport, type Point } from "./geometry";
import { syncGraph, type EdgeAttributes, type NetlensGraph, type NodeAttributes } from "./graphModel";
import { PALETTES, type Palette } from "./palette";
import type { GraphView, GraphViewCallbacks } from "./view";

const FONT = "system-ui, 'Segoe UI', Cantarell, 'Noto Sans', 'DejaVu Sans', sans-serif";
/** Pixels kept free around the graph when fitting: room for labels beside the outermost nodes. */
const FIT_MARGIN = 70;
/** Up to this many nodes every label is drawn. */
const SMALL_GRAPH = 80;

export function createSigmaView(container: HTMLElement, callbacks: GraphViewCallbacks): GraphView {
  const graph: NetlensGraph = new Graph<NodeAttributes, EdgeAttributes>({ type: "directed", multi: false });
  // Styles read the palette through this variable, so a theme switch is an attribute update + refresh.
  let palette: Palette = PALETTES.light;
  let selected: string | null = null;

  const renderer = new Sigma(graph, container, {
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

  renderer.on("clickNode", ({ node }) => callbacks.onSelect(node));
  renderer.on("clickEdge", ({ edge }) => callbacks.onSelect(edge));
  renderer.on("clickStage", () => callbacks.onClear());

  function markSelected(id: string | null) {
    if (selected !== null) {
      if (graph.hasNode(selected)) renderer.setNodeState(selected, { isHighlighted: false });
      else if (graph.hasEdge(selected)) renderer.setEdgeState(selected, { isHighlighted: false });
    }
    selected = id;
    if (id !== null) {
      if (graph.hasNode(id)) renderer.setNodeState(id, { isHighlighted: true });
      else if (graph.hasEdge(id)) renderer.setEdgeState(id, { isHighlighted: true });
    }
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
      if (selected !== null && !graph.hasNode(selected) && !graph.hasEdge(selected)) selected = null;
      else markSelected(selected);
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
      const rect = container.getBoundingClientRect();
      return toViewport(local, { x: rect.left, y: rect.top });
    },
    destroy() {
      observer.disconnect();
      renderer.kill();
    },
  };
}
