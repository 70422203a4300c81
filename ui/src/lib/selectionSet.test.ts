import { get, writable } from "svelte/store";
import { describe, expect, it } from "vitest";

import { demoTopology } from "../test/demoTopology";
import { followPrimary, isToggleClick, only, primaryOf, summarize, toggle } from "./selectionSet";
import { createMultiSelection } from "./stores/selection";
import { indexTopology } from "./topologyIndex";

describe("selection set rules", () => {
  it("adds with a toggle click, keeps click order, and the last added is the primary", () => {
    let ids = only("network:a");
    ids = toggle(ids, "network:b");
    ids = toggle(ids, "container:c");
    expect(ids).toEqual(["network:a", "network:b", "container:c"]);
    expect(primaryOf(ids)).toBe("container:c");
  });

  it("takes a selected item out with a toggle click; the one before becomes primary", () => {
    const ids = toggle(["network:a", "network:b"], "network:b");
    expect(ids).toEqual(["network:a"]);
    expect(primaryOf(ids)).toBe("network:a");
    expect(toggle(ids, "network:a")).toEqual([]);
    expect(primaryOf([])).toBeNull();
  });

  it("a plain click leaves just that one; null clears", () => {
    expect(only("network:b")).toEqual(["network:b"]);
    expect(only(null)).toEqual([]);
  });

  it("collapses to a primary set from elsewhere, unless it is the current primary", () => {
    expect(followPrimary(["network:a", "network:b"], "network:a")).toEqual(["network:a"]);
    expect(followPrimary(["network:a", "network:b"], "network:b")).toEqual(["network:a", "network:b"]);
    expect(followPrimary(["network:a", "network:b"], null)).toEqual([]);
  });

  it("treats Ctrl, Cmd and Shift as a toggle click and a bare click as a plain one", () => {
    expect(isToggleClick({ ctrlKey: true })).toBe(true);
    expect(isToggleClick({ metaKey: true })).toBe(true);
    expect(isToggleClick({ shiftKey: true })).toBe(true);
    expect(isToggleClick({ ctrlKey: false, metaKey: false, shiftKey: false })).toBe(false);
  });
});

describe("selection summary", () => {
  const index = indexTopology(demoTopology(1));

  it("counts by kind, lists names and the engine IDs of the networks in click order", () => {
    const s = summarize(["network:n-vault", "container:c-db", "network:n-backend"], index);
    expect(s.headline).toBe("3 selected: 2 networks, 1 container");
    expect(s.entries.map((e) => e.name)).toEqual(["vault", "db", "backend"]);
    expect(s.networkIds).toEqual(["n-vault", "n-backend"]);
    expect(s.notRemovable).toBe(1);
  });

  it("names connections, places and items that are gone", () => {
    const s = summarize(["endpoint:n-backend:c-db", "host", "network:n-gone"], index);
    expect(s.headline).toBe("3 selected: 1 place, 1 connection, 1 gone item");
    expect(s.entries[0]!.name).toBe("db on backend");
    expect(s.networkIds).toEqual([]);
    // Delete leaves the place and the connection alone; the gone network is not counted as left alone.
    expect(s.notRemovable).toBe(2);
  });
});

/** A multi-selection over its own primary, with network:a picked and network:b added (the primary). */
function twoPicked() {
  const primary = writable<string | null>(null);
  const multi = createMultiSelection(primary);
  multi.only("network:a");
  multi.toggle("network:b");
  return { primary, multi };
}

describe("multi-selection store", () => {
  it("keeps selectedId on the primary while toggling", () => {
    const { primary, multi } = twoPicked();
    expect(get(multi.selectedIds)).toEqual(["network:a", "network:b"]);
    expect(get(primary)).toBe("network:b");
    multi.toggle("network:b");
    expect(get(primary)).toBe("network:a");
    expect(get(multi.selectedIds)).toEqual(["network:a"]);
  });

  it("collapses when the primary is set from elsewhere, and empties on null", () => {
    const { primary, multi } = twoPicked();
    primary.set("container:c");
    expect(get(multi.selectedIds)).toEqual(["container:c"]);
    multi.toggle("network:a");
    primary.set(null);
    expect(get(multi.selectedIds)).toEqual([]);
    expect(multi.current()).toEqual([]);
  });

  it("a plain pick of the current primary drops the others", () => {
    const { primary, multi } = twoPicked();
    multi.only("network:b");
    expect(get(multi.selectedIds)).toEqual(["network:b"]);
    expect(get(primary)).toBe("network:b");
  });
});
