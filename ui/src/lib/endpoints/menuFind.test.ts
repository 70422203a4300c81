import { describe, expect, it } from "vitest";

import { filterItems, typeAhead } from "./menuFind";

const nets = ["backend", "bench-net-001", "bench-net-002", "frontend", "lan"].map((label) => ({ label }));
const labels = nets.map((n) => n.label);

describe("a long menu's filter", () => {
  it("keeps the items holding the text, ignoring case and spaces, in their order", () => {
    expect(filterItems(nets, " NET-00 ").map((i) => i.label)).toEqual(["bench-net-001", "bench-net-002"]);
    expect(filterItems(nets, "end").map((i) => i.label)).toEqual(["backend", "frontend"]);
    expect(filterItems(nets, "nothing")).toEqual([]);
    expect(filterItems(nets, "")).toHaveLength(5);
  });
});

describe("typing in a menu", () => {
  it("jumps to the next item starting with a letter, and the same letter again steps on, wrapping round", () => {
    expect(typeAhead(labels, 0, "b")).toBe(1);
    expect(typeAhead(labels, 1, "bb")).toBe(2);
    expect(typeAhead(labels, 2, "bbb")).toBe(0);
    expect(typeAhead(labels, 4, "F")).toBe(3);
  });

  it("narrows with more letters from the item it is on, and finds nothing when nothing starts so", () => {
    expect(typeAhead(labels, 1, "bench-net-002")).toBe(2);
    expect(typeAhead(labels, 0, "ba")).toBe(0);
    expect(typeAhead(labels, 0, "x")).toBe(-1);
    expect(typeAhead([], 0, "a")).toBe(-1);
  });
});
