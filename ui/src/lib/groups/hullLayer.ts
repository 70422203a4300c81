// The Compose projects drawn as soft tinted shapes behind their members, on a 2D canvas under sigma's
// WebGL stage. Sigma 4 has no hulls; this layer draws from the graph's node attributes (`project`, x, y)
// at the current camera: the hulls are worked out in graph coordinates only when nodes change (a
// camera-free affine map takes them to the screen), so a frame costs a few points per project, not a
// pass over 2,000 containers. It must not know sigma: the renderer lends it a canvas and a coordinate map.
import type { Point } from "../graph/geometry";
import type { NetlensGraph } from "../graph/graphModel";
import type { Palette } from "../graph/palette";
import { convexHull, groupPoints } from "./hulls";

/** Screen pixels between a member's centre and the edge of its project's shape. */
const PAD = 24;
const FONT = "600 12px system-ui, 'Segoe UI', Cantarell, 'Noto Sans', sans-serif";

export interface HullLayer {
  /** Works the shapes out again from the graph's nodes (call when nodes were added, moved or removed). */
  setGraph(graph: NetlensGraph, palette: Palette): void;
  /** Draws them at the current camera (after every frame the renderer draws); the canvas is left as it is
   * when neither the shapes nor the camera nor the canvas's size changed since it was last drawn. `aside`:
   * the canvas is hidden for now (a moving camera on a big graph), and drawn again on the next call without. */
  draw(aside?: boolean): void;
}

export function createHullLayer(canvas: HTMLCanvasElement, toViewport: (p: Point) => Point, size: () => { width: number; height: number }): HullLayer {
  let hulls: { project: string; members: number; points: Point[] }[] = [];
  let palette: Palette | null = null;
  /** The shapes, camera and size the canvas holds a picture of; null when the shapes changed since. */
  let drawnAt: string | null = null;
  canvas.style.pointerEvents = "none";
  return {
    setGraph(graph, next) {
      palette = next;
      drawnAt = null;
      const nodes = graph.mapNodes((_id, a) => ({ project: a.project, x: a.x, y: a.y }));
      hulls = [...groupPoints(nodes)]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([project, points]) => ({ project, members: points.length, points: convexHull(points) }));
    },
    draw(aside = false) {
      // Without projects the canvas is left hidden and untouched: WebKit composites every visible canvas
      // layer on every frame, and under software GL (no GPU) an empty full-size one still cost ~10 ms of
      // a pan frame over the 300/2,000 topology. A canvas that showed hulls is cleared once, then hidden.
      if (hulls.length === 0 || palette === null || aside) {
        drawnAt = null;
        if (canvas.style.display !== "none") {
          // Set aside, the picture is stale by the next draw anyway; clearing it would be a wasted pass.
          if (!aside) canvas.getContext("2d")?.clearRect(0, 0, canvas.width, canvas.height);
          canvas.style.display = "none";
        }
        return;
      }
      if (canvas.style.display === "none") canvas.style.display = "";
      const { width, height } = size();
      const ratio = window.devicePixelRatio || 1;
      // The map to the screen is affine (the camera does not rotate): three points pin it. A canvas
      // redrawn unchanged still costs WebKit a repaint of the whole graph pane, on every frame sigma
      // draws (a live change's frame, a hover).
      const pins = [toViewport({ x: 0, y: 0 }), toViewport({ x: 1, y: 0 }), toViewport({ x: 0, y: 1 })];
      const at = `${width}x${height}@${ratio}:${pins.map((p) => `${p.x},${p.y}`).join(";")}`;
      if (at === drawnAt) return;
      drawnAt = at;
      if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
      }
      const ctx = canvas.getContext("2d");
      if (!ctx) return;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, width, height);
      ctx.font = FONT;
      ctx.textAlign = "center";
      ctx.textBaseline = "bottom";
      // The shapes first, then the names over all of them (a later shape's tint would cover an earlier
      // name), the biggest projects' first, and none over another: 50 projects at the overview of a
      // busy host otherwise pile their names into one unreadable block.
      const names: { project: string; members: number; at: Point }[] = [];
      for (const { project, members, points } of hulls) {
        const screen = points.map(toViewport);
        if (screen.every((p) => p.x < -PAD || p.x > width + PAD) || screen.every((p) => p.y < -PAD || p.y > height + PAD)) continue;
        roundedHull(ctx, screen);
        ctx.fillStyle = palette.projectHull;
        ctx.fill();
        ctx.strokeStyle = palette.projectHullEdge;
        ctx.lineWidth = 1;
        ctx.stroke();
        const top = screen.reduce((best, p) => (p.y < best.y ? p : best), screen[0] ?? { x: 0, y: 0 });
        names.push({ project, members, at: { x: top.x, y: top.y - PAD - 3 } });
      }
      ctx.fillStyle = palette.project;
      const taken: Box[] = [];
      for (const { project, at } of names.sort((a, b) => b.members - a.members)) {
        const w = ctx.measureText(project)?.width ?? project.length * 7;
        const box = { left: at.x - w / 2 - 2, right: at.x + w / 2 + 2, top: at.y - LABEL_HEIGHT, bottom: at.y };
        if (taken.some((t) => overlaps(t, box))) continue;
        taken.push(box);
        ctx.fillText(project, at.x, at.y);
      }
    },
  };
}

/** A name's height on screen (its 12 px font and a little room). */
const LABEL_HEIGHT = 15;

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The path of a convex polygon grown by PAD with rounded corners (a circle for one point, a capsule for two). */
function roundedHull(ctx: CanvasRenderingContext2D, points: readonly Point[]): void {
  ctx.beginPath();
  const n = points.length;
  if (n === 1) {
    const p = points[0]!;
    ctx.arc(p.x, p.y, PAD, 0, Math.PI * 2);
    return;
  }
  const centre = points.reduce((c, p) => ({ x: c.x + p.x / n, y: c.y + p.y / n }), { x: 0, y: 0 });
  /** The outward normal's angle of the edge a→b. */
  const outward = (a: Point, b: Point): number => {
    let nx = b.y - a.y;
    let ny = a.x - b.x;
    const mid = { x: (a.x + b.x) / 2 - centre.x, y: (a.y + b.y) / 2 - centre.y };
    // Two points: the sides of a capsule are each other's opposite, so take them in turn.
    if (n > 2 && nx * mid.x + ny * mid.y < 0) [nx, ny] = [-nx, -ny];
    return Math.atan2(ny, nx);
  };
  for (let i = 0; i < n; i++) {
    const prev = points[(i + n - 1) % n]!;
    const p = points[i]!;
    const next = points[(i + 1) % n]!;
    const from = outward(prev, p);
    const to = outward(p, next);
    let turn = to - from;
    while (turn <= -Math.PI) turn += 2 * Math.PI;
    while (turn > Math.PI) turn -= 2 * Math.PI;
    // A capsule's ends turn half a circle: from one side's normal, through the way away from the other
    // point, to the other side's (`outward` turns each side's normal a quarter back from that way).
    if (n === 2) turn = Math.PI;
    ctx.arc(p.x, p.y, PAD, from, from + turn, turn < 0);
  }
  ctx.closePath();
}
