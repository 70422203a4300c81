// Pictures of the current view for Export…: an SVG document written from what the renderer draws (nodes,
// lines, visible labels, at the current camera), and a PNG composed from the renderer's stacked canvases on
// the theme's background. It knows no sigma: sigmaView.ts hands it a Scene (viewport pixels) and the
// canvases it has just drawn. The SVG writer is pure and unit-tested on hand-built scenes.
import type { Point } from "./geometry";
import type { NetlensGraph, NodeShape } from "./graphModel";

export interface SceneNode {
  id: string;
  /** Centre, in pixels from the graph pane's top-left corner. */
  at: Point;
  radius: number;
  shape: NodeShape;
  color: string;
  /** The label as drawn beside the node, or null when the view shows none. */
  label: string | null;
  labelColor: string;
  labelSize: number;
}

export interface SceneEdge {
  id: string;
  from: Point;
  to: Point;
  color: string;
  width: number;
  dashed: boolean;
  /** The label drawn at the middle of the line, or null. */
  label: string | null;
  labelColor: string;
}

export interface Scene {
  width: number;
  height: number;
  /** A CSS colour behind everything. */
  background: string;
  font: string;
  /** Pixels between a node's edge and its label. */
  labelMargin: number;
  edges: readonly SceneEdge[];
  nodes: readonly SceneNode[];
}

const EDGE_LABEL_SIZE = 11;

/** XML-escaped text or attribute value. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
}

/**
 * `#rrggbbaa` (how the palette writes translucent lines) as an SVG colour and opacity: SVG 1.1 readers
 * (Inkscape's, librsvg's) do not know the eight-digit form.
 */
export function paint(color: string): { color: string; opacity: number | null } {
  const m = /^#([0-9a-f]{6})([0-9a-f]{2})$/i.exec(color.trim());
  if (!m) return { color, opacity: null };
  return { color: `#${m[1]}`, opacity: Math.round((parseInt(m[2]!, 16) / 255) * 1000) / 1000 };
}

const num = (n: number) => String(Math.round(n * 100) / 100);

function fill(color: string): string {
  const p = paint(color);
  return `fill="${escapeXml(p.color)}"${p.opacity === null ? "" : ` fill-opacity="${num(p.opacity)}"`}`;
}

function stroke(color: string): string {
  const p = paint(color);
  return `stroke="${escapeXml(p.color)}"${p.opacity === null ? "" : ` stroke-opacity="${num(p.opacity)}"`}`;
}

/** Whether a disc of `radius` around `at` shows inside the picture. */
function inView(at: Point, radius: number, scene: Scene): boolean {
  return at.x + radius >= 0 && at.y + radius >= 0 && at.x - radius <= scene.width && at.y - radius <= scene.height;
}

function nodeShape(n: SceneNode): string {
  const id = `data-node-id="${escapeXml(n.id)}"`;
  const { x, y } = n.at;
  const r = n.radius;
  switch (n.shape) {
    case "square":
      return `<rect class="node" ${id} x="${num(x - r)}" y="${num(y - r)}" width="${num(2 * r)}" height="${num(2 * r)}" rx="${num(r * 0.25)}" ${fill(n.color)}/>`;
    case "diamond":
      return `<polygon class="node" ${id} points="${num(x)},${num(y - r)} ${num(x + r)},${num(y)} ${num(x)},${num(y + r)} ${num(x - r)},${num(y)}" ${fill(n.color)}/>`;
    case "triangle": {
      // Point up, corners on the circle of radius r, as sigma draws it.
      const dx = r * Math.sqrt(3) / 2;
      return `<polygon class="node" ${id} points="${num(x)},${num(y - r)} ${num(x + dx)},${num(y + r / 2)} ${num(x - dx)},${num(y + r / 2)}" ${fill(n.color)}/>`;
    }
    case "circle":
      return `<circle class="node" ${id} cx="${num(x)}" cy="${num(y)}" r="${num(r)}" ${fill(n.color)}/>`;
  }
}

/**
 * The scene as a standalone SVG document: a background rectangle, then every line, then every node over
 * them (as the renderer layers them), then the labels. Items entirely outside the picture are left out;
 * each node's shape carries `class="node"` and its id in `data-node-id`, each line `class="edge"`.
 */
export function sceneToSvg(scene: Scene): string {
  const w = num(scene.width);
  const h = num(scene.height);
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${escapeXml(scene.font)}">`,
    `<rect class="background" x="0" y="0" width="${w}" height="${h}" ${fill(scene.background)}/>`,
    `<g class="edges" fill="none" stroke-linecap="round">`,
  ];
  const edgeLabels: string[] = [];
  for (const e of scene.edges) {
    const mid = { x: (e.from.x + e.to.x) / 2, y: (e.from.y + e.to.y) / 2 };
    const half = Math.hypot(e.to.x - e.from.x, e.to.y - e.from.y) / 2;
    if (!inView(mid, half, scene)) continue;
    const dash = e.dashed ? ` stroke-dasharray="${num(Math.max(3, e.width * 3))} ${num(Math.max(3, e.width * 3))}"` : "";
    out.push(
      `<line class="edge" data-edge-id="${escapeXml(e.id)}" x1="${num(e.from.x)}" y1="${num(e.from.y)}" x2="${num(e.to.x)}" y2="${num(e.to.y)}" ${stroke(e.color)} stroke-width="${num(e.width)}"${dash}/>`,
    );
    if (e.label) {
      edgeLabels.push(
        `<text x="${num(mid.x)}" y="${num(mid.y)}" text-anchor="middle" dominant-baseline="central" font-size="${EDGE_LABEL_SIZE}" ${fill(e.labelColor)}>${escapeXml(e.label)}</text>`,
      );
    }
  }
  out.push(`</g>`, `<g class="nodes">`);
  const labels: string[] = [];
  for (const n of scene.nodes) {
    if (!inView(n.at, n.radius, scene)) continue;
    out.push(nodeShape(n));
    if (n.label) {
      labels.push(
        `<text x="${num(n.at.x + n.radius + scene.labelMargin)}" y="${num(n.at.y)}" dominant-baseline="central" font-size="${num(n.labelSize)}" ${fill(n.labelColor)}>${escapeXml(n.label)}</text>`,
      );
    }
  }
  out.push(`</g>`, `<g class="labels">`, ...edgeLabels, ...labels, `</g>`, `</svg>`, ``);
  return out.join("\n");
}

/** What a drawn item looks like now (sigma's display data, by shape: this module imports no sigma). */
interface Drawn {
  x?: number;
  y?: number;
  size: number;
  color: string;
  label: string | null;
  labelColor: string;
  labelSize?: number;
  visibility: "visible" | "hidden";
}

/** The few renderer calls a scene is read from. */
export interface DrawnView {
  getDimensions(): { width: number; height: number };
  getNodeDisplayData(id: string): Drawn | undefined;
  getEdgeDisplayData(id: string): Drawn | undefined;
  getNodeDisplayedLabels(): Set<string>;
  getEdgeDisplayedLabels(): Set<string>;
  framedGraphToViewport(p: Point): Point;
  scaleSize(size?: number): number;
}

/**
 * What the view draws now, in pane pixels: every visible node and line with its current colour and size
 * (selection, hover and level of detail included) and the labels the renderer shows.
 */
export function sceneOf(view: DrawnView, graph: NetlensGraph, look: { background: string; font: string; labelMargin: number }): Scene {
  const nodeLabels = view.getNodeDisplayedLabels();
  const edgeLabels = view.getEdgeDisplayedLabels();
  const centres = new Map<string, Point>();
  const nodes: SceneNode[] = [];
  graph.forEachNode((id, a) => {
    const d = view.getNodeDisplayData(id);
    if (!d || d.visibility === "hidden" || d.x === undefined || d.y === undefined) return;
    const at = view.framedGraphToViewport({ x: d.x, y: d.y });
    centres.set(id, at);
    nodes.push({
      id,
      at,
      radius: view.scaleSize(d.size),
      shape: a.shape,
      color: d.color,
      label: nodeLabels.has(id) ? d.label : null,
      labelColor: d.labelColor,
      labelSize: d.labelSize ?? a.labelSize,
    });
  });
  const edges: SceneEdge[] = [];
  graph.forEachEdge((id, a, source, target) => {
    const d = view.getEdgeDisplayData(id);
    const from = centres.get(source);
    const to = centres.get(target);
    if (!d || d.visibility === "hidden" || !from || !to) return;
    const label = edgeLabels.has(id) ? d.label : null;
    edges.push({ id, from, to, color: d.color, width: Math.max(0.5, view.scaleSize(d.size)), dashed: a.dashSize > 0, label, labelColor: d.labelColor });
  });
  const { width, height } = view.getDimensions();
  return { width, height, ...look, edges, nodes };
}

/** The first background colour that is not transparent, from `el` up: what the graph is drawn on. */
export function backgroundOf(el: Element | null, fallback = "#ffffff"): string {
  for (let e = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg && bg !== "transparent" && !/^rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return fallback;
}

/**
 * The canvases, bottom first, drawn over the background into one PNG, at the pixel size of the first (the
 * renderer's stage, at the screen's density). Call it in the same task as the render that filled them: a
 * WebGL canvas without `preserveDrawingBuffer` is cleared once the page is composited. Returns base64,
 * without the `data:` prefix.
 */
export function composePng(canvases: readonly HTMLCanvasElement[], background: string): string {
  const first = canvases[0];
  if (!first || first.width === 0 || first.height === 0) throw new Error("the graph is not drawn yet: nothing to export");
  const out = document.createElement("canvas");
  out.width = first.width;
  out.height = first.height;
  const ctx = out.getContext("2d");
  if (!ctx) throw new Error("this web view cannot draw a picture (no 2D canvas)");
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  for (const c of canvases) if (c.width > 0 && c.height > 0) ctx.drawImage(c, 0, 0, out.width, out.height);
  const url = out.toDataURL("image/png");
  const comma = url.indexOf(",");
  if (!url.startsWith("data:image/png;base64,") || comma < 0) throw new Error("this web view could not encode a PNG");
  return url.slice(comma + 1);
}
