// The lifecycle dialogs inside the window: opened from the toolbar, the keyboard and the empty canvas, and
// a network created from a right-click asked to appear where the person clicked.
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { readable } from "svelte/store";
import { afterEach, describe, expect, it } from "vitest";

import App from "./App.svelte";
import { FakeBackend } from "./test/fakeBackend";
import { demoStatus, demoTopology } from "./test/demoTopology";
import { fakeViewFactory, ORIGIN } from "./test/fakeView";

afterEach(() => cleanup());

const q = (selector: string) => document.querySelector<HTMLElement>(selector);

async function setup() {
  const backend = new FakeBackend(demoTopology(1), demoStatus());
  const views = fakeViewFactory();
  const result = render(App, { props: { backend, viewFactory: views.factory, theme: readable("light" as const) } });
  const main = result.container.querySelector("main");
  await waitFor(() => expect(main?.dataset.ready).toBe("true"));
  const view = views.views[0];
  if (!view) throw new Error("no view");
  return { backend, view };
}

async function createNamed(name: string) {
  await waitFor(() => expect(q("[data-testid=create-dialog]")).not.toBeNull());
  await fireEvent.input(q("[data-testid=create-name]")!, { target: { value: name } });
  await waitFor(() => expect(q("[data-testid=create-confirm]")?.hasAttribute("disabled")).toBe(false));
  await fireEvent.click(q("[data-testid=create-confirm]")!);
  await waitFor(() => expect(q("[data-testid=create-dialog]")).toBeNull());
}

describe("lifecycle dialogs in the window", () => {
  it("a right-click on the empty canvas creates the network where it was clicked", async () => {
    const { backend, view } = await setup();
    view.rightClick({ x: ORIGIN.x + 900, y: ORIGIN.y - 350 });
    await createNamed("made");
    expect(backend.calls).toContain("placeNetwork made 900 -350");
  });

  it("the toolbar and Ctrl+N open the dialog without a placement", async () => {
    const { backend } = await setup();
    await fireEvent.click(q("[data-testid=new-network]")!);
    await createNamed("tool");
    await fireEvent.keyDown(window, { key: "n", ctrlKey: true });
    await createNamed("keyed");
    expect(backend.calls.filter((c) => c.startsWith("placeNetwork"))).toEqual([]);
  });

  it("the prune button opens the preview", async () => {
    await setup();
    await fireEvent.click(q("[data-testid=prune-button]")!);
    await waitFor(() => expect(q("[data-testid=prune-dialog]")).not.toBeNull());
  });
});
