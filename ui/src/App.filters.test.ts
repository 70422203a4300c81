// Filters and focus in the whole window under jsdom (Rust's recorded answers replayed, fake graph view): the
// Filters panel hides items from the graph, the outline and the search, the status bar counts them and
// clears them; a double-click focuses on a node's neighbourhood and Escape or the chip leaves it.
import { cleanup, fireEvent, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";

import { STORAGE_KEY } from "./lib/filters/filters";
import { expectLooks, find, q, renderApp, tick } from "./test/app";
import { ReplayBackend } from "./test/replayBackend";

afterEach(() => {
  cleanup();
  localStorage.clear();
  expect(ReplayBackend.takeMissed()).toEqual([]);
});

const outlineHas = (id: string) => q(`[data-testid=outline] [data-node-id='${id}'], [data-testid=outline] [data-edge-id='${id}']`) !== null;

describe("filters", () => {
  it("hiding stopped containers takes them from the graph and the outline, says so in the status bar, and Clear brings them back", async () => {
    const { view } = await renderApp();
    expect(outlineHas("container:c-nightly")).toBe(true);
    await fireEvent.click(await find("[data-testid=filters-button]"));
    await fireEvent.click(await find("[data-testid=filter-hide-stopped]"));
    await tick();
    expectLooks(view, { "container:c-nightly": "hidden", "endpoint:n-backend:c-nightly": "hidden", "container:c-api": "drawn" });
    await waitFor(() => expect(outlineHas("container:c-nightly")).toBe(false));
    expect(outlineHas("container:c-api")).toBe(true);
    expect(q("[data-testid=filter-summary]")?.textContent).toContain("Filters hide 1 container");
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}").hideStopped).toBe(true);

    await fireEvent.click(q("[data-testid=filter-summary-clear]")!);
    await tick();
    expect(view.itemLook("container:c-nightly")).toBe("drawn");
    await waitFor(() => expect(outlineHas("container:c-nightly")).toBe(true));
    expect(q("[data-testid=filter-summary]")).toBeNull();
  });

  it("a driver ticked in the panel shows only those networks, and what is hidden cannot be searched", async () => {
    const { view } = await renderApp();
    await fireEvent.click(await find("[data-testid=filters-button]"));
    await fireEvent.click(await find("[data-testid=filters-panel] [data-driver=macvlan]"));
    await tick();
    expectLooks(view, { "network:n-lan": "drawn", "network:n-backend": "hidden", host: "hidden" });
    const box = (await find("[data-testid=search-input]")) as HTMLInputElement;
    await fireEvent.input(box, { target: { value: "printer" } });
    await waitFor(() => expect(view.matched).toContain("container:c-printer"));
    await fireEvent.input(box, { target: { value: "api" } });
    await tick();
    expect(view.matched).toEqual([]);
  });
});

describe("focus", () => {
  it("a double-click fades all but the node's neighbourhood, 2 hops widens it, and Escape leaves it", async () => {
    const { view } = await renderApp();
    view.doubleClick("network:n-frontend");
    const chip = await find("[data-testid=focus-chip]");
    expect(chip.textContent).toContain("frontend");
    expectLooks(view, { "container:c-gateway": "drawn", "container:c-api": "faded", "network:n-backend": "faded" });
    await fireEvent.click(q("[data-testid=focus-chip] [data-hops='2']")!);
    await tick();
    expectLooks(view, { "network:n-backend": "drawn", "container:c-api": "faded" });

    await fireEvent.keyDown(document.body, { key: "Escape" });
    await waitFor(() => expect(q("[data-testid=focus-chip]")).toBeNull());
    expect(view.itemLook("container:c-api")).toBe("drawn");
  });

  it("a focus and a filter together: hidden stays hidden, and Leave focus restores the rest", async () => {
    const { view } = await renderApp();
    await fireEvent.click(await find("[data-testid=filters-button]"));
    await fireEvent.click(await find("[data-testid=filter-hide-stopped]"));
    view.doubleClick("network:n-backend");
    await find("[data-testid=focus-chip]");
    expectLooks(view, { "container:c-nightly": "hidden", "container:c-db": "drawn", "network:n-lan": "faded" });
    await fireEvent.click(q("[data-testid=leave-focus]")!);
    await tick();
    expectLooks(view, { "network:n-lan": "drawn", "container:c-nightly": "hidden" });
  });
});
