import { get, writable } from "svelte/store";
import { describe, expect, it } from "vitest";

import type { TopologyDto } from "../backend";
import { container, containerNode, demoTopology } from "../../test/demoTopology";
import { createGroups } from "./groups";

function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe("groups", () => {
  it("draws the store's own topology while nothing is collapsed, so live diffs stay diffs", () => {
    const topology = writable<TopologyDto | null>(demoTopology(3));
    const groups = createGroups(topology, memory());
    expect(get(groups.view)).toBe(get(topology));
    const next = demoTopology(4);
    topology.set(next);
    expect(get(groups.view)).toBe(next);
  });

  it("a collapsed project is one node in the view, stays so across live updates, and expands again", () => {
    const topology = writable<TopologyDto | null>(demoTopology(3));
    const storage = memory();
    const groups = createGroups(topology, storage);
    groups.collapse("shop");
    expect(groups.isCollapsed("shop")).toBe(true);
    expect(get(groups.view)!.nodes.map((n) => n.id)).toContain("project:shop");
    expect(get(groups.view)!.nodes.map((n) => n.id)).not.toContain("container:c-api");
    // A new member arrives live: it joins the collapsed node, not the picture.
    const t = demoTopology(4);
    t.nodes.push(containerNode(container("c-cart", "cart", "running", "backend", { composeProject: "shop" }), { x: 5, y: 5 }));
    topology.set(t);
    expect(get(groups.view)!.nodes.map((n) => n.id)).not.toContain("container:c-cart");
    expect(JSON.parse(storage.data.get("netlens.collapsedProjects")!)).toEqual(["shop"]);
    groups.expand("shop");
    expect(get(groups.view)).toBe(t);
    expect(JSON.parse(storage.data.get("netlens.collapsedProjects")!)).toEqual([]);
  });

  it("remembers collapsed projects across windows and ignores a damaged record", () => {
    const topology = writable<TopologyDto | null>(demoTopology(3));
    expect(createGroups(topology, memory({ "netlens.collapsedProjects": '["shop"]' })).isCollapsed("shop")).toBe(true);
    expect(get(createGroups(topology, memory({ "netlens.collapsedProjects": "{not json" })).collapsed).size).toBe(0);
    expect(get(createGroups(topology, null).collapsed).size).toBe(0);
  });
});
