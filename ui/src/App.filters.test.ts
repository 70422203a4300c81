// Filters and focus in the whole window under jsdom (Rust's recorded answers replayed, fake graph view): the
// Filters panel hides items from the graph, the outline and the search, the status bar counts them and
// clears them; a double-click focuses on a node's neighbourhood and Escape or the chip leaves it.
import { cleanup, fireEvent, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";

import { withExtraContainer } from "./demo/scenarios";
import { STORAGE_KEY } from "./lib/filters/filters";
import { demoTopology } from "./test/demoTopology";
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
    // The camera frames the neighbourhood (among hundreds of networks it is a speck of the overview).
    expect(view.framed).toHaveLength(1);
    expect(view.framed[0]).toContain("network:n-frontend");
    expect(view.framed[0]).toContain("container:c-gateway");
    expect(view.framed[0]).not.toContain("container:c-api");
    // The paths out lead to Host and External at the picture's sides: kept, not framed.
    expect(view.itemLook("external")).toBe("drawn");
    expect(view.framed[0]).not.toContain("external");
    await fireEvent.click(q("[data-testid=focus-chip] [data-hops='2']")!);
    await tick();
    expectLooks(view, { "network:n-backend": "drawn", "container:c-api": "faded" });
    expect(view.framed).toHaveLength(2);
    expect(view.framed[1]).toContain("network:n-backend");

    await fireEvent.keyDown(document.body, { key: "Escape" });
    await waitFor(() => expect(q("[data-testid=focus-chip]")).toBeNull());
    expect(view.itemLook("container:c-api")).toBe("drawn");
  });

  it("a live update during a focus leaves the camera where it is", async () => {
    const { view, backend, main } = await renderApp();
    view.doubleClick("network:n-backend");
    await find("[data-testid=focus-chip]");
    expect(view.framed).toHaveLength(1);
    backend.emitTopology(withExtraContainer(demoTopology(2)));
    await waitFor(() => expect(main.dataset.revision).toBe("2"));
    await tick();
    expect(view.framed).toHaveLength(1);
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
