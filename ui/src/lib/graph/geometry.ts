// Plain geometry between the three coordinate spaces Netlens uses: Rust's layout (y grows downwards),
// the graph space sigma draws (y grows upwards) and viewport CSS pixels, plus the hit-testing the drag
// gestures need (nodes as discs, edges as segments). Pure: no renderer, no DOM.

export interface Point {
  x: number;
  y: number;
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Rust's layout has y growing downwards like the screen; sigma's graph space has it growing upwards. */
export function layoutToGraph(p: Point): Point {
  return { x: p.x, y: p.y === 0 ? 0 : -p.y };
}

export function graphToLayout(p: Point): Point {
  return layoutToGraph(p);
}

export function boundsOf(points: Iterable<Point>): Bounds | null {
  let b: Bounds | null = null;
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    if (!b) b = { minX: p.x, minY: p.y, maxX: p.x, maxY: p.y };
    else {
      b.minX = Math.min(b.minX, p.x);
      b.minY = Math.min(b.minY, p.y);
      b.maxX = Math.max(b.maxX, p.x);
      b.maxY = Math.max(b.maxY, p.y);
    }
  }
  return b;
}

export function centreOf(b: Bounds): Point {
  return { x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2 };
}

/**
 * How much to zoom out so `bounds` (in units where zoom 1 shows one unit per pixel) fits `viewport`
 * with `margin` pixels kept free on every side. Never zooms in past 1:1, so a tiny graph stays readable.
 */
export function fitRatio(bounds: Bounds, viewport: Size, margin: number): number {
  const w = Math.max(1, viewport.width - 2 * margin);
  const h = Math.max(1, viewport.height - 2 * margin);
  const ratio = Math.max((bounds.maxX - bounds.minX) / w, (bounds.maxY - bounds.minY) / h);
  return Math.max(1, ratio);
}

/** A point relative to an element, moved into the page's viewport (as pointer events see it). */
export function toViewport(p: Point, elementOrigin: Point): Point {
  return { x: elementOrigin.x + p.x, y: elementOrigin.y + p.y };
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** The node whose disc (centre, radius in pixels) contains `p`; the nearest centre wins on overlap. */
export function hitNode<T extends { id: string; centre: Point; radius: number }>(p: Point, nodes: Iterable<T>): T | null {
  let best: T | null = null;
  let bestDistance = Infinity;
  for (const n of nodes) {
    const d = distance(p, n.centre);
    if (d <= n.radius && d < bestDistance) {
      best = n;
      bestDistance = d;
    }
  }
  return best;
}

/** Segment ends, e.g. an edge as drawn, in viewport pixels. */
export interface Segment {
  a: Point;
  b: Point;
}

export function midpoint(s: Segment): Point {
  return { x: (s.a.x + s.b.x) / 2, y: (s.a.y + s.b.y) / 2 };
}

/** Shortest distance from `p` to the segment a–b (to an end when the foot of the perpendicular is outside it). */
export function distanceToSegment(p: Point, s: Segment): number {
  const dx = s.b.x - s.a.x;
  const dy = s.b.y - s.a.y;
  const lengthSquared = dx * dx + dy * dy;
  if (lengthSquared === 0) return distance(p, s.a);
  const t = Math.max(0, Math.min(1, ((p.x - s.a.x) * dx + (p.y - s.a.y) * dy) / lengthSquared));
  return distance(p, { x: s.a.x + t * dx, y: s.a.y + t * dy });
}

/** The edge whose segment passes within `tolerance` pixels of `p`; the closest wins. */
export function hitEdge<T extends { id: string; segment: Segment }>(p: Point, edges: Iterable<T>, tolerance: number): T | null {
  let best: T | null = null;
  let bestDistance = Infinity;
  for (const e of edges) {
    const d = distanceToSegment(p, e.segment);
    if (d <= tolerance && d < bestDistance) {
      best = e;
      bestDistance = d;
    }
  }
  return best;
}

/** Pixels a press may wander and still be a click (a hand is never perfectly still). */
export const CLICK_SLOP = 4;
/** How far from its line a pulled edge must be dragged before releasing it disconnects. */
export const SNAP_DISTANCE = 70;
/** Pixels either side of an edge's line that still grab it: a 2 px line is too thin to aim at. */
export const EDGE_GRAB_TOLERANCE = 6;

/** Whether a pointer `p` has pulled the edge `s` far enough from its line to snap it. */
export function isSnapped(p: Point, s: Segment, snap: number = SNAP_DISTANCE): boolean {
  return distanceToSegment(p, s) > snap;
}
