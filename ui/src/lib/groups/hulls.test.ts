import { describe, expect, it } from "vitest";

import { convexHull, groupPoints } from "./hulls";

describe("project hulls", () => {
  it("the hull of a square with a point inside is the square's corners", () => {
    const hull = convexHull([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 5, y: 5 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
      { x: 10, y: 0 },
    ]);
    expect(hull).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ]);
  });

  it("one or two members are their own hull; points on a line keep only the ends", () => {
    expect(convexHull([{ x: 1, y: 2 }])).toEqual([{ x: 1, y: 2 }]);
    expect(convexHull([{ x: 3, y: 0 }, { x: 1, y: 0 }])).toEqual([{ x: 1, y: 0 }, { x: 3, y: 0 }]);
    expect(convexHull([{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 2, y: 2 }])).toEqual([{ x: 0, y: 0 }, { x: 2, y: 2 }]);
  });

  it("members are grouped by project and others left out", () => {
    const groups = groupPoints([
      { project: "shop", x: 0, y: 0 },
      { project: "", x: 5, y: 5 },
      { project: "shop", x: 1, y: 1 },
      { project: "ci", x: 9, y: 9 },
    ]);
    expect([...groups.entries()]).toEqual([
      ["shop", [{ x: 0, y: 0 }, { x: 1, y: 1 }]],
      ["ci", [{ x: 9, y: 9 }]],
    ]);
  });
});
