// Plain geometry between the three coordinate spaces Netlens uses: Rust's layout (y grows downwards),
// the graph space sigma draws (y grows upwards) and viewport CSS pixels. Pure, so later drag-and-drop
// hit-testing can reuse it without a renderer.

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
