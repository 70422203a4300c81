// How the graph is drawn by sigma.js 4: the WebGL primitives (node shapes, the one edge line), the styles
// that turn graph attributes and item states into pixels, and the renderer's settings. It creates the
// renderer and nothing else: what the item states mean at a given moment (level of detail, selection,
// filters, drag decorations) is decided elsewhere (sigmaView.ts, lodStates.ts) and only set as states.
// Every style reads attributes and item states (no functions), so sigma restyles just the items whose
// state changed, never the whole graph on a hover or when the camera starts or stops moving.
import Graph from "graphology";
import { layerFill, pathLine, sdfCircle, sdfDiamond, sdfSquare, sdfTriangle, type EdgeLayer } from "sigma/rendering";

import type { EdgeAttributes, NetlensGraph, NodeAttributes } from "./graphModel";
import { LABEL_FONT } from "./levelOfDetail";
import { KeptStageSigma } from "./sigmaStage";
import type { DropMark } from "./view";

/** What the filters and the focus decided (lib/filters/): hidden by a filter, faded by a focus. */
export type Look = { filtered: boolean; faded: boolean };
/** Per-item state: the drag decorations, and what the level of detail (levelOfDetail.ts) decided. */
export type NodeState = {
  drop: DropMark | "source" | "none";
  /** The hub under the dragged container. */
  dropOver: boolean;
  lodLabel: boolean;
  lodMark: boolean;
  matched: boolean;
} & Look;
export type EdgeState = { pulled: boolean; lodHidden: boolean; lodLabel: boolean } & Look;

export const FONT = "system-ui, 'Segoe UI', Cantarell, 'Noto Sans', 'DejaVu Sans', sans-serif";
/** The ring around a search match (amber reads on both themes). */
const MATCH_RING = "#f59e0b";
/** How strongly what a focus leaves out is still drawn. */
const FADED = 0.12;

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
 * Every edge in one fragment-shader layer: solid in its colour, or dashed when `dashSize` (pixels, dash
 * and gap alike) is above 0. Sigma's own plain and dashed layers, stacked, ran both for every pixel of
 * every line (the GPU evaluates each layer whatever the edge); under software WebGL (Mesa llvmpipe, no
 * GPU) the dashed layer alone was ~12 ms of a ~50 ms idle frame over the 300/2,000 topology. The dashes
 * start at the source with hard ends: at 2-6 px they read the same.
 */
export const EDGE_LINE: EdgeLayer = {
  name: "netlensLine",
  uniforms: [],
  attributes: [{ name: "a_dashSize", size: 1, type: WebGL2RenderingContext.FLOAT, source: "dashSize" }],
  glsl: /* glsl */ `
vec4 layer_netlensLine(EdgeContext ctx) {
  float period = 2.0 * v_dashSize * u_correctionRatio / u_sizeRatio;
  float on = period > 0.0 ? step(mod(ctx.distanceFromSource, period), period * 0.5) : 1.0;
  return vec4(v_color.rgb, v_color.a * on);
}
`,
};

export const emptyGraph = (): NetlensGraph => new Graph<NodeAttributes, EdgeAttributes>({ type: "directed", multi: false });

export function createRenderer(graph: NetlensGraph, container: HTMLElement) {
  return new KeptStageSigma(graph, container, {
    customNodeState: { drop: "none", dropOver: false, lodLabel: false, lodMark: false, matched: false, filtered: false, faded: false } as NodeState,
    customEdgeState: { pulled: false, lodHidden: false, lodLabel: false, filtered: false, faded: false } as EdgeState,
    primitives: {
      nodes: {
        shapes: [sdfCircle(), sdfSquare({ cornerRadius: 0.25 }), sdfDiamond({ cornerRadius: 0.15 }), sdfTriangle({ cornerRadius: 0.15 })],
        layers: [layerFill()],
        label: { font: { family: FONT, size: 13, weight: "500" }, margin: LABEL_FONT.margin },
      },
      edges: {
        // Straight lines only. Sigma's default also carries its self-loop path, and an instanced edge
        // program gives every edge the vertex count of its largest path: 66 vertices (a 32-segment loop)
        // instead of 4, run twice a frame (screen and picking). That was 84-196 ms of every idle frame
        // over the 300/2,000 topology under llvmpipe. No topology edge is a loop.
        paths: [pathLine()],
        variables: { dashSize: { type: "number", default: 0 } },
        layers: [EDGE_LINE],
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
        // Outside a focus: faint, unlabelled and without a hub's mark (its ring is not faded with it, and
        // 300 of them at full strength hid what the focus keeps), unless hovered or selected (below).
        { whenState: "faded", then: { opacity: FADED, labelVisibility: "hidden", backdropVisibility: "hidden" } },
        { whenState: "isHovered", then: { ...HALO, labelVisibility: "visible", depth: "topNodes" } },
        // A search match: labelled, haloed and ringed, so it stands out even among thousands.
        {
          whenState: "matched",
          then: { ...HALO, labelVisibility: "visible", depth: "topNodes", backdropBorderColor: MATCH_RING, backdropBorderWidth: 2 },
        },
        { whenState: "isHighlighted", then: { ...HALO, labelVisibility: "visible", depth: "topNodes", size: { attribute: "highlightSize" } } },
        // While a container is dragged: hubs that take it grow and wear a ring of their colour, the others
        // fade, and the hub under the pointer glows (the drag's tooltip names it). Labels stay as the level
        // of detail has them: with 300 networks, every target's label forced on at once buried the picture
        // under overlapping names, and a label shown or hidden at each hub the pointer crosses made sigma
        // lay the labels out again. The ring has no shadow: 300 blurred halos took a frame's render from ~13
        // to ~23 ms under software WebGL.
        {
          whenState: { drop: "allowed" },
          then: {
            size: { attribute: "dropSize" },
            depth: "topNodes",
            backdropVisibility: "visible",
            backdropArea: "node",
            backdropColor: "#00000000",
            backdropBorderColor: { attribute: "color" },
            backdropBorderWidth: 2,
            backdropShadowBlur: 0,
            backdropPadding: 3,
          },
        },
        { whenState: { drop: "refused" }, then: { color: { attribute: "fadedColor" }, labelColor: { attribute: "mutedLabelColor" } } },
        { whenState: { drop: "source" }, then: { ...HALO, depth: "topNodes" } },
        {
          whenState: "dropOver",
          then: { ...HALO, backdropArea: "node", backdropBorderColor: { attribute: "color" }, backdropBorderWidth: 3, depth: "topNodes" },
        },
        // Hidden by a filter: not drawn, not labelled, not picked, whatever else holds.
        { whenState: "filtered", then: { visibility: "hidden" } },
      ],
      edges: [
        {
          size: { attribute: "size" },
          color: { attribute: "color" },
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
}

export type NetlensRenderer = ReturnType<typeof createRenderer>;
