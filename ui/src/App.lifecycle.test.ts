// The lifecycle dialogs inside the window: opened from the toolbar, the keyboard and the empty canvas, and
// a network created from a right-click asked to appear where the person clicked.
import { cleanup, fireEvent, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";

import { q, renderApp } from "./test/app";
import { ORIGIN } from "./test/fakeView";
import { ReplayBackend } from "./test/replayBackend";

afterEach(() => {
  cleanup();
  expect(ReplayBackend.takeMissed()).toEqual([]);
});

const asked = (b: ReplayBackend, command: string) => b.calls.filter((c) => c.command === command).map((c) => c.args);

async function createNamed(name: string) {
  await waitFor(() => expect(q("[data-testid=create-dialog]")).not.toBeNull());
  await fireEvent.input(q("[data-testid=create-name]")!, { target: { value: name } });
  await waitFor(() => expect(q("[data-testid=create-confirm]")?.hasAttribute("disabled")).toBe(false));
  await fireEvent.click(q("[data-testid=create-confirm]")!);
  await waitFor(() => expect(q("[data-testid=create-dialog]")).toBeNull());
}

describe("lifecycle dialogs in the window", () => {
  it("a right-click on the empty canvas creates the network where it was clicked", async () => {
    const { backend, view } = await renderApp();
    view.rightClick({ x: ORIGIN.x + 900, y: ORIGIN.y - 350 });
    await createNamed("made");
    expect(asked(backend, "placeNetwork")).toEqual([{ name: "made", x: 900, y: -350 }]);
    expect(backend.state).toBe("created-made");
  });

  it("the toolbar and Ctrl+N open the dialog without a placement", async () => {
    const { backend } = await renderApp();
    await fireEvent.click(q("[data-testid=new-network]")!);
    await createNamed("tool");
    await fireEvent.keyDown(window, { key: "n", ctrlKey: true });
    await createNamed("keyed");
    expect(asked(backend, "createNetwork").map((a) => (a as { spec: { name: string } }).spec.name)).toEqual(["tool", "keyed"]);
    expect(backend.state).toBe("created-keyed");
    expect(asked(backend, "placeNetwork")).toEqual([]);
  });

  it("the prune button opens the preview", async () => {
    const { backend } = await renderApp();
    await fireEvent.click(q("[data-testid=prune-button]")!);
    await waitFor(() => expect(q("[data-testid=prune-dialog]")).not.toBeNull());
    await waitFor(() => expect(asked(backend, "prunePreview")).toEqual([{ filters: { until: "", labels: [] } }]));
  });
});
