import { describe, expect, it, vi } from "vitest";

import { demoTopology } from "../../test/demoTopology";
import { indexTopology } from "../topologyIndex";
import { collapsedDropHint, projectMenuItems } from "./actions";

describe("project actions", () => {
  const index = indexTopology(demoTopology());
  const act = () => ({ collapse: vi.fn(), expand: vi.fn(), select: vi.fn() });

  it("a member of a project offers to collapse it", () => {
    const a = act();
    const items = projectMenuItems("container:c-api", index, a);
    expect(items.map((i) => i.label)).toEqual(["Collapse project shop"]);
    items[0]!.run!();
    expect(a.collapse).toHaveBeenCalledWith("shop");
  });

  it("a collapsed project offers to expand it and its details; other nodes offer nothing", () => {
    const a = act();
    const items = projectMenuItems("project:shop", index, a);
    expect(items.map((i) => i.label)).toEqual(["Expand project shop", "Show details"]);
    items[0]!.run!();
    items[1]!.run!();
    expect(a.expand).toHaveBeenCalledWith("shop");
    expect(a.select).toHaveBeenCalledWith("project:shop");
    expect(projectMenuItems("container:c-db", index, a)).toEqual([]);
    expect(projectMenuItems("network:n-backend", index, a)).toEqual([]);
  });

  it("a drop on a collapsed project says to expand it", () => {
    expect(collapsedDropHint("shop")).toMatch(/^Project shop is collapsed: expand it/);
  });
});
