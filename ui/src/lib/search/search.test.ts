import { get, writable } from "svelte/store";
import { describe, expect, it } from "vitest";

import { demoTopology } from "../../test/demoTopology";
import type { TopologyDto } from "../backend";
import { createSearch, isSearchKey } from "./search";

const key = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe("search state", () => {
  it("keeps its results fresh when the topology changes under the query", () => {
    const topology = writable<TopologyDto | null>(demoTopology());
    const search = createSearch(topology);
    search.query.set("api");
    expect(get(search.matchedIds)).toEqual(["container:c-api"]);
    const t = demoTopology(2);
    t.nodes = t.nodes.filter((n) => n.id !== "container:c-api");
    topology.set(t);
    expect(get(search.matchedIds)).toEqual([]);
  });

  it("moves the active result with wrap-around and starts again from the best on a new query", () => {
    const search = createSearch(writable(demoTopology()));
    search.query.set("10.214.10.");
    search.move(-1);
    expect(get(search.active)).toBe(get(search.results).length - 1);
    search.move(1);
    expect(get(search.active)).toBe(0);
    search.move(1);
    search.query.set("10.214.10.2");
    expect(get(search.active)).toBe(0);
  });
});

describe("isSearchKey", () => {
  it("takes Ctrl+F and Cmd+F even while typing, and / only when not typing", () => {
    expect(isSearchKey(key("f", { ctrlKey: true }), true)).toBe(true);
    expect(isSearchKey(key("F", { metaKey: true }), false)).toBe(true);
    expect(isSearchKey(key("/"), false)).toBe(true);
    expect(isSearchKey(key("/"), true)).toBe(false);
    expect(isSearchKey(key("f"), false)).toBe(false);
    expect(isSearchKey(key("f", { ctrlKey: true, shiftKey: true }), false)).toBe(false);
  });
});
