import { describe, expect, it } from "vitest";

import {
  boundsOf,
  centreOf,
  distanceToSegment,
  EDGE_GRAB_TOLERANCE,
  fitRatio,
  graphToLayout,
  hitEdge,
  hitNode,
  isSnapped,
  layoutToGraph,
  midpoint,
  SNAP_DISTANCE,
  toViewport,
} from "./geometry";

describe("layout ↔ graph coordinates", () => {
  it("flips y so a node Rust places lower appears lower on screen", () => {
    expect(layoutToGraph({ x: 10, y: 200 })).toEqual({ x: 10, y: -200 });
    expect(layoutToGraph({ x: 0, y: -50 })).toEqual({ x: 0, y: 50 });
  });

  it("round-trips", () => {
    const p = { x: -3.5, y: 42 };
    expect(graphToLayout(layoutToGraph(p))).toEqual(p);
  });

  it("never produces negative zero", () => {
    expect(Object.is(layoutToGraph({ x: 1, y: 0 }).y, -0)).toBe(false);
  });
});

describe("bounds and fitting", () => {
  it("bounds all finite points and skips broken ones", () => {
    const b = boundsOf([{ x: 1, y: 2 }, { x: -4, y: 8 }, { x: Number.NaN, y: 0 }, { x: 3, y: -1 }]);
    expect(b).toEqual({ minX: -4, minY: -1, maxX: 3, maxY: 8 });
    expect(centreOf(b!)).toEqual({ x: -0.5, y: 3.5 });
  });

  it("has no bounds for no points", () => {
    expect(boundsOf([])).toBeNull();
  });

  it("zooms out by the tighter of the two axes, keeping the margin free", () => {
    const bounds = { minX: -600, maxX: 600, minY: -100, maxY: 100 };
    // 1200 units into 800 - 2*100 = 600 px wide: 2 units per pixel.
    expect(fitRatio(bounds, { width: 800, height: 800 }, 100)).toBeCloseTo(2);
  });

  it("does not zoom in past one unit per pixel for a small graph", () => {
    expect(fitRatio({ minX: 0, maxX: 10, minY: 0, maxY: 10 }, { width: 800, height: 600 }, 50)).toBe(1);
  });
});

describe("viewport helpers", () => {
  it("moves an element-relative point into the viewport", () => {
    expect(toViewport({ x: 5, y: 7 }, { x: 264, y: 46 })).toEqual({ x: 269, y: 53 });
  });

  it("hits the nearest node whose disc contains the point", () => {
    const nodes = [
      { id: "a", centre: { x: 0, y: 0 }, radius: 10 },
      { id: "b", centre: { x: 12, y: 0 }, radius: 10 },
    ];
    expect(hitNode({ x: 8, y: 0 }, nodes)?.id).toBe("b");
    expect(hitNode({ x: 2, y: 0 }, nodes)?.id).toBe("a");
    expect(hitNode({ x: 50, y: 50 }, nodes)).toBeNull();
  });
});

describe("edge hit-testing", () => {
  const horizontal = { a: { x: 0, y: 0 }, b: { x: 100, y: 0 } };

  it("measures to the segment, not the infinite line", () => {
    expect(distanceToSegment({ x: 50, y: 10 }, horizontal)).toBeCloseTo(10);
    // Beyond the end the distance is to the end point: 3-4-5 from (100, 0).
    expect(distanceToSegment({ x: 103, y: 4 }, horizontal)).toBeCloseTo(5);
    expect(distanceToSegment({ x: -6, y: 8 }, horizontal)).toBeCloseTo(10);
  });

  it("treats a zero-length segment as a point", () => {
    expect(distanceToSegment({ x: 3, y: 4 }, { a: { x: 0, y: 0 }, b: { x: 0, y: 0 } })).toBeCloseTo(5);
  });

  it("grabs the closest edge within the tolerance and nothing outside it", () => {
    const edges = [
      { id: "near", segment: horizontal },
      { id: "nearer", segment: { a: { x: 0, y: 4 }, b: { x: 100, y: 4 } } },
    ];
    expect(hitEdge({ x: 50, y: 3 }, edges, EDGE_GRAB_TOLERANCE)?.id).toBe("nearer");
    expect(hitEdge({ x: 50, y: -2 }, edges, EDGE_GRAB_TOLERANCE)?.id).toBe("near");
    expect(hitEdge({ x: 50, y: 30 }, edges, EDGE_GRAB_TOLERANCE)).toBeNull();
  });

  it("snaps only past the snap distance from the line", () => {
    const diagonal = { a: { x: 0, y: 0 }, b: { x: 100, y: 100 } };
    // (0, 98) is 98/√2 ≈ 69.3 px from the diagonal; (0, 100) is ≈ 70.7 px.
    expect(isSnapped({ x: 0, y: 98 }, diagonal)).toBe(false);
    expect(isSnapped({ x: 0, y: 100 }, diagonal)).toBe(true);
    expect(SNAP_DISTANCE).toBe(70);
  });

  it("finds the middle of a drawn edge", () => {
    expect(midpoint({ a: { x: 10, y: 20 }, b: { x: 30, y: -20 } })).toEqual({ x: 20, y: 0 });
  });
});
