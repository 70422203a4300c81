import { describe, expect, it } from "vitest";

import { bigContainerId, bigTopology } from "../../test/bigTopology";
import { demoTopology } from "../../test/demoTopology";
import { buildOutline, outlineIds } from "../outline";
import { groupListing, indexRows, nextItem, outlineRows, ROW_HEIGHT, rowItems, scrollToShow, VIRTUALIZE_ABOVE, visibleRange } from "./rows";

describe("outline rows", () => {
  const outline = buildOutline(demoTopology());

  it("offers every node and edge as exactly one button, in the outline's order", () => {
    const { items } = indexRows(outlineRows(outline, new Set()));
    expect(items).toEqual(outlineIds(outline));
  });

  it("starts each part with its title and puts a network's rows right under it", () => {
    const rows = outlineRows(outline, new Set());
    expect(rows[0]).toMatchObject({ kind: "section", title: "Networks" });
    expect(rows[1]).toMatchObject({ kind: "network", key: "network:n-backend", collapsed: false });
    expect(rows.slice(2, 6).map((r) => r.key)).toEqual([
      "endpoint:n-backend:c-api",
      "endpoint:n-backend:c-db",
      "endpoint:n-backend:c-gateway",
      "endpoint:n-backend:c-nightly",
    ]);
    expect(rows.at(-3)).toMatchObject({ kind: "section", title: "Beyond the networks" });
  });

  it("hides a closed network's rows and says how many it holds", () => {
    const rows = outlineRows(outline, new Set(["network:n-backend"]));
    const backend = rows[1];
    expect(backend).toMatchObject({ kind: "network", collapsed: true, children: 6 });
    expect(rows[2]).toMatchObject({ kind: "network", key: "network:n-bridge" });
    const ids = indexRows(rows).items;
    expect(ids).not.toContain("container:c-api");
    expect(ids).toContain("network:n-backend");
  });

  it("keeps the rows of an unchanged network as the same objects", () => {
    const a = outlineRows(outline, new Set());
    const b = outlineRows(outline, new Set(["network:n-bridge"]));
    expect(b[2]).toBe(a[2]);
  });

  it("knows which network lists a row, to open it", () => {
    expect(groupListing(outline, "container:c-api")).toBe("network:n-backend");
    expect(groupListing(outline, "endpoint:n-vault:c-gateway")).toBe("network:n-vault");
    expect(groupListing(outline, "reach:n-backend:host")).toBe("network:n-backend");
    expect(groupListing(outline, "network:n-backend")).toBeNull();
    expect(groupListing(outline, "host")).toBeNull();
  });

  it("an endpoint row holds its container's button first when it is the container's home", () => {
    const rows = outlineRows(outline, new Set());
    const api = rows.find((r) => r.key === "endpoint:n-backend:c-api");
    const vault = rows.find((r) => r.key === "endpoint:n-vault:c-gateway");
    expect(api && rowItems(api)).toEqual(["container:c-api", "endpoint:n-backend:c-api"]);
    expect(vault && rowItems(vault)).toEqual(["endpoint:n-vault:c-gateway"]);
  });
});

describe("virtualized list arithmetic", () => {
  it("draws every row of a small outline", () => {
    expect(visibleRange(VIRTUALIZE_ABOVE, 5000, 300)).toEqual({ start: 0, end: VIRTUALIZE_ABOVE });
  });

  it("draws only the rows in view, and a margin, of a large one", () => {
    const r = visibleRange(5000, 100 * ROW_HEIGHT, 20 * ROW_HEIGHT, ROW_HEIGHT, 5);
    expect(r).toEqual({ start: 95, end: 126 });
    expect(visibleRange(5000, 0, 0, ROW_HEIGHT, 5).start).toBe(0);
    expect(visibleRange(5000, 4990 * ROW_HEIGHT, 20 * ROW_HEIGHT).end).toBe(5000);
  });

  it("scrolls a row next to the view in as little as needed, and not at all when it is in view", () => {
    const height = 10 * ROW_HEIGHT;
    expect(scrollToShow(5, 0, height)).toBeNull();
    expect(scrollToShow(2, 0, height, ROW_HEIGHT, 6)).toBeNull();
    expect(scrollToShow(10, 0, height)).toBe(ROW_HEIGHT);
    expect(scrollToShow(9, 10 * ROW_HEIGHT, height)).toBe(9 * ROW_HEIGHT);
  });

  it("puts a row far from the view a third of the way down, so what follows it shows too", () => {
    const height = 9 * ROW_HEIGHT;
    expect(scrollToShow(300, 0, height)).toBe(297 * ROW_HEIGHT);
    expect(scrollToShow(1, 200 * ROW_HEIGHT, height)).toBe(0);
  });

  it("moves by one, by a page and to either end with the keys", () => {
    expect(nextItem("ArrowDown", -1, 10, 4)).toBe(0);
    expect(nextItem("ArrowDown", 9, 10, 4)).toBe(9);
    expect(nextItem("ArrowUp", 0, 10, 4)).toBe(0);
    expect(nextItem("PageDown", 3, 10, 4)).toBe(7);
    expect(nextItem("PageDown", 8, 10, 4)).toBe(9);
    expect(nextItem("PageUp", 3, 10, 4)).toBe(0);
    expect(nextItem("Home", 5, 10, 4)).toBe(0);
    expect(nextItem("End", 5, 10, 4)).toBe(9);
    expect(nextItem("End", -1, 0, 4)).toBe(-1);
  });

  it("lays out a 300-network, 2,000-container outline as a few thousand rows", () => {
    const rows = outlineRows(buildOutline(bigTopology()), new Set());
    expect(rows.length).toBeGreaterThan(2500);
    const { rowOf } = indexRows(rows);
    expect(rowOf.get(`container:${bigContainerId(1999)}`)).toBeGreaterThan(0);
  });
});
