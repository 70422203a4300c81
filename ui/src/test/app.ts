// The whole window for the App tests under jsdom: rendered over Rust's recorded answers (ReplayBackend) and
// fake graph views, read once (main's data-ready), and the DOM lookups those tests share.
import { render, waitFor } from "@testing-library/svelte";
import { readable } from "svelte/store";
import { expect } from "vitest";

import App from "../App.svelte";
import type { ItemLook } from "../lib/graph/view";
import { fakeViewFactory, type FakeGraphView } from "./fakeView";
import { ReplayBackend } from "./replayBackend";

export const q = (selector: string) => document.querySelector<HTMLElement>(selector);
export const qa = (selector: string) => Array.from(document.querySelectorAll<HTMLElement>(selector));
/** Waits until `selector` matches, and returns the element. */
export const find = (selector: string) =>
  waitFor(() => {
    const el = q(selector);
    if (!el) throw new Error(`nothing matches ${selector}`);
    return el;
  });
export const tick = () => new Promise((r) => setTimeout(r, 0));
/** Asserts how each item is drawn: one assertion states the whole picture and shows every difference. */
export const expectLooks = (view: FakeGraphView, want: Record<string, ItemLook>) =>
  expect(Object.fromEntries(Object.keys(want).map((id) => [id, view.itemLook(id)]))).toEqual(want);

/** Renders the window and waits until it shows the first topology; `view` is its graph view. */
export async function renderApp() {
  const backend = new ReplayBackend();
  const views = fakeViewFactory();
  const result = render(App, { props: { backend, viewFactory: views.factory, theme: readable("light" as const) } });
  const main = result.container.querySelector("main")!;
  await waitFor(() => expect(main.dataset.ready).toBe("true"));
  const view = views.views[0]!;
  return { backend, view, main };
}
