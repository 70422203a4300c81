// The shape drawn behind a Compose project's members: the convex hull of their centres, which the
// layer pads and rounds when it draws. Pure geometry, apart from the renderer.
import type { Point } from "../graph/geometry";

const cross = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

/** The convex hull of `points` (Andrew's monotone chain), counter-clockwise; one or two points come back as they are. */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  const unique = sorted.filter((p, i) => i === 0 || p.x !== sorted[i - 1]?.x || p.y !== sorted[i - 1]?.y);
  if (unique.length < 3) return unique;
  const half = (list: Point[]) => {
    const out: Point[] = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2]!, out[out.length - 1]!, p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  return [...half(unique), ...half([...unique].reverse())];
}

/** Members' positions by project, from nodes that carry a project name ("" for none). */
export function groupPoints(nodes: Iterable<{ project: string; x: number; y: number }>): Map<string, Point[]> {
  const out = new Map<string, Point[]>();
  for (const n of nodes) {
    if (!n.project) continue;
    const list = out.get(n.project);
    if (list) list.push({ x: n.x, y: n.y });
    else out.set(n.project, [{ x: n.x, y: n.y }]);
  }
  return out;
}
