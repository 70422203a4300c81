import { describe, expect, it } from "vitest";

import type { ReachItemDto, WhyNotCode } from "../backend";
import { recordedOk } from "../../test/replayBackend";
import { unreachableGroups } from "./unreachable";

function target(name: string, why: { code: WhyNotCode; text: string } | null): ReachItemDto {
  return {
    kind: "container",
    nodeId: `container:c-${name}`,
    containerId: `c-${name}`,
    label: name,
    inStackOf: null,
    reachable: why === null,
    ways: [],
    whyNot: why,
  };
}

describe("the Cannot reach list's groups", () => {
  it("says a reason every target shares once, and keeps the targets in Rust's order", () => {
    const text = "web is exited: a container that is not running has no live endpoints";
    const answer = ["a", "b", "c"].map((n) => target(n, { code: "notRunning", text }));
    const groups = unreachableGroups(answer);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.shared).toBe(text);
    expect(groups[0]!.title).toBe("Not running");
    expect(groups[0]!.items.map((i) => i.label)).toEqual(["a", "b", "c"]);
  });

  it("groups by code in first-seen order, keeps each target's own words when they differ, and leaves out what is reached", () => {
    const answer = [
      target("db", null),
      target("x", { code: "noSharedNetwork", text: "no shared network: web is on front, x on back" }),
      target("y", { code: "notRunning", text: "y is exited: a container that is not running has no live endpoints" }),
      target("z", { code: "noSharedNetwork", text: "no shared network: web is on front, z on lan" }),
    ];
    const groups = unreachableGroups(answer);
    expect(groups.map((g) => [g.code, g.items.map((i) => i.label), g.shared])).toEqual([
      ["noSharedNetwork", ["x", "z"], null],
      ["notRunning", ["y"], null],
    ]);
  });

  it("gives every code Rust sends a title, on a recorded answer", () => {
    const answer = recordedOk("reachFrom", { containerId: "c-api" });
    const groups = unreachableGroups(answer);
    expect(groups.reduce((n, g) => n + g.items.length, 0)).toBe(answer.filter((r) => !r.reachable).length);
    for (const g of groups) expect(g.title, String(g.code)).toMatch(/^[A-Z]/);
  });
});
