// Multi-selection in the whole window under jsdom (Rust's recorded answers replayed, fake graph view): Ctrl/Shift+click in
// the graph and the outline, the summary in the details panel, Delete and the summary's button opening
// one remove dialog for every selected network, a plain click, Escape and an empty-canvas click.
import { cleanup, fireEvent, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";

import { q, qa, renderApp, tick } from "./test/app";
import type { NetlensTestHook } from "./lib/testHook";
import type { FakeGraphView } from "./test/fakeView";
import { recordedOk, ReplayBackend } from "./test/replayBackend";

afterEach(() => {
  cleanup();
  expect(ReplayBackend.takeMissed()).toEqual([]);
});

/** Node ids of the outline rows marked selected. */
const outlineSelected = () => qa('[data-testid=outline] [aria-selected="true"]').map((el) => el.dataset.nodeId ?? el.dataset.edgeId);
/** Network IDs the open remove dialog lists. */
const removeItems = () => qa("[data-testid=remove-item]").map((el) => el.dataset.networkId);

/** The window's selection (the test hook's) and the graph's marks are both exactly `ids`, in this order. */
const expectSelected = (hook: NetlensTestHook, view: FakeGraphView, ids: string[]) => {
  expect(hook.selectedIds()).toEqual(ids);
  expect(view.selected).toEqual(ids);
};

async function setup() {
  const { backend, view } = await renderApp();
  const hook = window.__NETLENS_TEST__!;
  return { backend, view, hook };
}

/** The window after a click on vault and a Ctrl+click on frontend in the graph: both selected, frontend the primary. */
async function setupWithTwoPicked() {
  const app = await setup();
  app.view.click("network:n-vault");
  app.view.click("network:n-frontend", { ctrlKey: true });
  return app;
}

describe("multi-selection", () => {
  it("Ctrl+clicking two networks in the graph, then Delete, opens one remove dialog listing both", async () => {
    const { view, hook } = await setupWithTwoPicked();
    await tick();
    expectSelected(hook, view, ["network:n-vault", "network:n-frontend"]);
    expect(outlineSelected()).toEqual(["network:n-frontend", "network:n-vault"]);
    expect(q("[data-testid=multi-selection-headline]")?.textContent).toBe("2 selected: 2 networks");
    expect(q("[data-testid=details]")).toBeNull();

    await fireEvent.keyDown(document.body, { key: "Delete" });
    await waitFor(() => expect(removeItems()).toHaveLength(2));
    expect(qa("[data-testid=remove-dialog]")).toHaveLength(1);
    expect(removeItems().sort()).toEqual(["n-frontend", "n-vault"]);
    expect(q("[data-testid=remove-dialog]")?.textContent).toContain("Remove 2 networks");
    for (const item of recordedOk("planRemove", { networkIds: ["n-vault", "n-frontend"] }).items)
      expect(q("[data-testid=remove-dialog]")?.textContent).toContain(item.confirmText);

    // Escape cancels the dialog and keeps the selection, so Delete can be pressed again.
    await fireEvent.keyDown(q("[data-testid=remove-dialog]")!, { key: "Escape" });
    await waitFor(() => expect(q("[data-testid=remove-dialog]")).toBeNull());
    expect(hook.selectedIds()).toEqual(["network:n-vault", "network:n-frontend"]);
  });

  it("after the selected networks are removed, the summary says they are gone", async () => {
    const { view, backend } = await setupWithTwoPicked();
    await tick();
    await fireEvent.keyDown(document.body, { key: "Delete" });
    await waitFor(() => expect(removeItems()).toHaveLength(2));
    await waitFor(() => expect((q("[data-testid=remove-confirm]") as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(q("[data-testid=remove-confirm]")!);
    await waitFor(() => expect(q("[data-testid=remove-report]")).not.toBeNull());
    // Rust showed the topology without them before the remove resolved.
    expect(backend.state).toBe("removedVaultFrontend");
    expect(backend.lastTopology!.nodes.map((n) => n.id)).not.toContain("network:n-vault");
    await waitFor(() => expect(q("[data-testid=multi-selection-headline]")?.textContent).toBe("2 selected: 2 gone items"));
    expect(q("[data-testid=details-remove-selected]")).toBeNull();
    expect(q("[data-testid=multi-selection-ignored]")).toBeNull();
  });

  it("summarizes a mixed selection and removes only its networks from the summary's button", async () => {
    const { view } = await setup();
    view.click("network:n-vault");
    view.click("container:c-legacy", { shiftKey: true });
    view.click("network:n-frontend", { metaKey: true });
    await tick();
    const summary = q("[data-testid=multi-selection]")!;
    expect(summary.querySelector("[data-testid=multi-selection-headline]")?.textContent).toBe("3 selected: 2 networks, 1 container");
    expect(qa("[data-testid=multi-selection-item]").map((el) => el.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "vault network",
      "legacy-web container",
      "frontend network",
    ]);
    expect(q("[data-testid=multi-selection-ignored]")?.textContent).toContain("other item alone");
    const button = q("[data-testid=details-remove-selected]")!;
    expect(button.textContent?.trim()).toBe("Remove 2 networks…");
    await fireEvent.click(button);
    await waitFor(() => expect(removeItems()).toHaveLength(2));
    expect(removeItems()).toEqual(["n-vault", "n-frontend"]);
  });

  it("toggles with Ctrl+click in the outline; a plain click afterwards leaves just that one", async () => {
    const { view, hook } = await setup();
    await fireEvent.click(q('[data-node-id="network:n-backend"]')!);
    await fireEvent.click(q('[data-node-id="network:n-vault"]')!, { ctrlKey: true });
    await fireEvent.click(q('[data-node-id="container:c-db"]')!, { ctrlKey: true });
    expect(hook.selectedIds()).toEqual(["network:n-backend", "network:n-vault", "container:c-db"]);
    // Ctrl+click on a selected row takes it out again.
    await fireEvent.click(q('[data-node-id="network:n-vault"]')!, { ctrlKey: true });
    expect(hook.selectedIds()).toEqual(["network:n-backend", "container:c-db"]);
    expect(outlineSelected().sort()).toEqual(["container:c-db", "network:n-backend"]);

    await fireEvent.click(q('[data-node-id="network:n-frontend"]')!);
    expect(hook.selectedIds()).toEqual(["network:n-frontend"]);
    expect(outlineSelected()).toEqual(["network:n-frontend"]);
    expect(view.selected).toEqual(["network:n-frontend"]);
    expect(q("[data-testid=multi-selection]")).toBeNull();
    expect(q("[data-testid=details]")?.dataset.selected).toBe("network:n-frontend");
  });

  it("a plain click in the graph after a multi-selection leaves one selected", async () => {
    const { view, hook } = await setupWithTwoPicked();
    view.click("network:n-frontend");
    await tick();
    expectSelected(hook, view, ["network:n-frontend"]);
    expect(q("[data-testid=details]")?.dataset.selected).toBe("network:n-frontend");
  });

  it("Escape clears the whole selection, and so does a click on empty canvas", async () => {
    const { view, hook } = await setupWithTwoPicked();
    await tick();
    await fireEvent.keyDown(document.body, { key: "Escape" });
    expectSelected(hook, view, []);
    expect(outlineSelected()).toEqual([]);
    expect(q("[data-testid=multi-selection]")).toBeNull();
    expect(q("[data-testid=details]")).toBeNull();
    expect(q("[data-testid=legend]")).not.toBeNull();

    view.click("network:n-vault");
    view.click("network:n-frontend", { shiftKey: true });
    await tick();
    expect(hook.selectedIds()).toHaveLength(2);
    view.clickStage();
    await tick();
    expectSelected(hook, view, []);
  });

  it("a Ctrl or Shift click (no movement) on a container toggles it; a plain one selects it alone", async () => {
    const { view, hook } = await setup();
    const db = view.nodeViewportPosition("container:c-db")!;
    const api = view.nodeViewportPosition("container:c-api")!;
    view.click("network:n-vault");
    expect(view.pointer("down", db)).toBe(true);
    view.pointer("up", db, false, true);
    expect(view.pointer("down", api, true)).toBe(true);
    view.pointer("up", api, true);
    await tick();
    expect(hook.selectedIds()).toEqual(["network:n-vault", "container:c-db", "container:c-api"]);
    view.pointer("down", db, false, true);
    view.pointer("up", db, false, true);
    await tick();
    expect(hook.selectedIds()).toEqual(["network:n-vault", "container:c-api"]);
    view.pointer("down", db);
    view.pointer("up", db);
    await tick();
    expect(hook.selectedIds()).toEqual(["container:c-db"]);
  });

  it("takes Ctrl as the keyboard reports it when a click arrives without modifier flags", async () => {
    const { view, hook } = await setup();
    view.click("network:n-vault");
    await fireEvent.keyDown(window, { key: "Control", ctrlKey: true });
    view.click("network:n-frontend");
    expect(hook.selectedIds()).toEqual(["network:n-vault", "network:n-frontend"]);
    await fireEvent.keyUp(window, { key: "Control" });
    view.click("network:n-backend", { ctrlKey: false });
    await tick();
    expect(hook.selectedIds()).toEqual(["network:n-backend"]);
  });

  it("Delete with only containers selected opens no dialog and says why", async () => {
    const { view, hook } = await setup();
    view.click("container:c-db");
    view.click("container:c-api", { ctrlKey: true });
    await tick();
    expect(q("[data-testid=details-remove-selected]")).toBeNull();
    await fireEvent.keyDown(document.body, { key: "Delete" });
    await waitFor(() => expect(q("[data-testid=toast]")?.textContent).toContain("none of the selected items is a network"));
    expect(q("[data-testid=remove-dialog]")).toBeNull();
    expect(hook.selectedIds()).toHaveLength(2);
  });

  it("a primary set from elsewhere (the test hook's select) collapses the set", async () => {
    const { view, hook } = await setupWithTwoPicked();
    hook.select("network:n-vault");
    await tick();
    expectSelected(hook, view, ["network:n-vault"]);
  });
});
