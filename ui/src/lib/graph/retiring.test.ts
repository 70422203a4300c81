import { describe, expect, it } from "vitest";

import { RetiringEdges } from "./retiring";

describe("retiring edges", () => {
  it("holds retired lines until taken, and a line that comes back is no longer retired", () => {
    const r = new RetiringEdges();
    r.add("endpoint:n:a");
    r.add("endpoint:n:b");
    expect(r.has("endpoint:n:a")).toBe(true);
    expect(r.revive("endpoint:n:a")).toBe(true);
    expect(r.revive("endpoint:n:a")).toBe(false);
    expect(r.has("endpoint:n:a")).toBe(false);
    expect(r.size).toBe(1);
    expect(r.take()).toEqual(["endpoint:n:b"]);
    expect(r.size).toBe(0);
    expect(r.has("endpoint:n:b")).toBe(false);
  });
});
