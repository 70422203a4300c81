// The outline at scale, in the whole window under jsdom (the replay backend answering a generated
// 300-network, 2,000-container topology, a fake graph view): only the rows in view are in the DOM, a selection made in
// the graph or through the test hook scrolls its row into the DOM, the keys move through the whole
// list, networks close and open, and a new revision updates the rows in place. jsdom has no layout:
// the outline then assumes an 800 px tall pane.
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { readable } from "svelte/store";
import { afterEach, describe, expect, it } from "vitest";

import App from "../../App.svelte";
import { bigContainerId, bigNetworkId, bigTopology } from "../../test/bigTopology";
import { fakeViewFactory } from "../../test/fakeView";
import { ReplayBackend } from "../../test/replayBackend";

afterEach(() => cleanup());

const q = (selector: string) => document.querySelector<HTMLElement>(selector);
const qa = (selector: string) => Array.from(document.querySelectorAll<HTMLElement>(selector));
const tick = () => new Promise((r) => setTimeout(r, 0));
const buttons = () => qa("[data-testid=outline] button[data-node-id], [data-testid=outline] button[data-edge-id]");
const row = (id: string) => q(`[data-testid=outline] [data-node-id="${id}"], [data-testid=outline] [data-edge-id="${id}"]`);
const far = `container:${bigContainerId(1999)}`;

async function setup() {
  const backend = new ReplayBackend();
  backend.answerWith("getTopology", { ok: bigTopology() });
  const views = fakeViewFactory();
  const result = render(App, { props: { backend, viewFactory: views.factory, theme: readable("light" as const) } });
  const main = result.container.querySelector("main")!;
  await waitFor(() => expect(main.dataset.ready).toBe("true"));
  const outline = q("[data-testid=outline]")!;
  return { backend, view: views.views[0]!, hook: window.__NETLENS_TEST__!, outline };
}

describe("outline at scale", () => {
  it("draws only the rows in view of a 300-network, 2,000-container engine", async () => {
    const { outline } = await setup();
    expect(Number(outline.dataset.rows)).toBeGreaterThan(2500);
    expect(buttons().length).toBeGreaterThan(20);
    expect(buttons().length).toBeLessThan(120);
    expect(row(`network:${bigNetworkId(0)}`)).not.toBeNull();
    expect(row(far)).toBeNull();
  });

  it("scrolls a container far down the list into the DOM when the graph selects it", async () => {
    const { view } = await setup();
    view.click(far);
    await waitFor(() => expect(row(far)?.getAttribute("aria-selected")).toBe("true"));
    expect(row(far)?.getAttribute("aria-current")).toBe("true");
    expect(row(`network:${bigNetworkId(0)}`)).toBeNull();
  });

  it("lets an end-to-end test reveal a row and click it", async () => {
    const { hook } = await setup();
    expect(hook.revealInOutline(far)).toBe(true);
    const button = row(far);
    expect(button).not.toBeNull();
    await fireEvent.click(button!);
    expect(hook.selectedIds()).toEqual([far]);
    expect(hook.revealInOutline("container:nothing-like-it")).toBe(false);
  });

  it("moves through the whole list with End, Home and Page Down, keeping the focused row drawn", async () => {
    await setup();
    const first = row(`network:${bigNetworkId(0)}`)!;
    first.focus();
    await fireEvent.keyDown(first, { key: "End" });
    await waitFor(() => expect(document.activeElement?.getAttribute("data-node-id")).toBe("external"));
    await fireEvent.keyDown(document.activeElement!, { key: "Home" });
    await waitFor(() => expect(document.activeElement?.getAttribute("data-node-id")).toBe(`network:${bigNetworkId(0)}`));
    await fireEvent.keyDown(document.activeElement!, { key: "PageDown" });
    await tick();
    const paged = document.activeElement as HTMLElement;
    expect(paged.dataset.nodeId ?? paged.dataset.edgeId).not.toBe(`network:${bigNetworkId(0)}`);
    expect(paged.closest("[data-testid=outline]")).not.toBeNull();
  });

  it("closes a network with Left and opens it with Right or its toggle; a selection inside opens it", async () => {
    const { view } = await setup();
    const id = `network:${bigNetworkId(0)}`;
    /** The first button of the row drawn under the network's. */
    const under = () => row(id)?.closest("li")?.nextElementSibling?.querySelector<HTMLElement>("button[data-node-id], button[data-edge-id]");
    expect(under()?.closest("li")?.classList.contains("kind-endpoint")).toBe(true);
    row(id)!.focus();
    await fireEvent.keyDown(row(id)!, { key: "ArrowLeft" });
    await tick();
    expect(under()?.dataset.nodeId).toBe(`network:${bigNetworkId(1)}`);
    expect(row(id)?.closest("li")?.querySelector(".twisty")?.getAttribute("aria-expanded")).toBe("false");
    await fireEvent.keyDown(row(id)!, { key: "ArrowRight" });
    await tick();
    expect(under()?.closest("li")?.classList.contains("kind-endpoint")).toBe(true);

    // Closed again by its toggle; a container listed inside, selected in the graph, opens it.
    await fireEvent.click(q(`[aria-label="Close ${"net-0000"}"]`)!);
    await tick();
    expect(qa(`[data-testid=outline] [data-edge-id^="endpoint:${bigNetworkId(0)}:"]`)).toEqual([]);
    // The first 400 containers are on two networks and may be listed under the other; c-0400 on is not.
    const member = bigTopology().edges.filter((e) => e.source === id && e.kind === "endpoint").at(-1)?.target;
    if (!member || Number(member.slice(-4)) < 400) throw new Error("net-0000 has no single-homed container");
    view.click(member);
    await waitFor(() => expect(row(member)).not.toBeNull());
    expect(row(id)?.closest("li")?.querySelector(".twisty")?.getAttribute("aria-expanded")).toBe("true");
  });

  it("closes every network at once and opens them all again from the Networks title", async () => {
    const { outline, view } = await setup();
    const all = Number(outline.dataset.rows);
    const toggle = q("[data-testid=outline-toggle-all]")!;
    expect(toggle.textContent?.trim()).toBe("Close all");
    await fireEvent.click(toggle);
    // The title, one row per network, the other sections and the places: no container rows.
    const closed = Number(outline.dataset.rows);
    expect(closed).toBeLessThan(all / 5);
    expect(closed).toBeGreaterThanOrEqual(300);
    expect(qa("[data-testid=outline] .kind-endpoint")).toEqual([]);
    expect(q("[data-testid=outline-toggle-all]")!.textContent?.trim()).toBe("Open all");
    // A selection inside one opens that one only.
    view.click(far);
    await waitFor(() => expect(row(far)).not.toBeNull());
    expect(Number(outline.dataset.rows)).toBeLessThan(closed + 40);
    // The title row is at the top of the list.
    outline.scrollTop = 0;
    await fireEvent.scroll(outline);
    // One open is enough for the title to offer closing again.
    await waitFor(() => expect(q("[data-testid=outline-toggle-all]")?.textContent?.trim()).toBe("Close all"));
    await fireEvent.click(q("[data-testid=outline-toggle-all]")!);
    expect(Number(outline.dataset.rows)).toBe(closed);
    await fireEvent.click(q("[data-testid=outline-toggle-all]")!);
    expect(Number(outline.dataset.rows)).toBe(all);
    expect(q("[data-testid=outline-toggle-all]")!.textContent?.trim()).toBe("Close all");
  });

  it("updates the rows in place on a new revision", async () => {
    const { backend, outline } = await setup();
    const before = row(`network:${bigNetworkId(0)}`);
    const next = bigTopology({ revision: 2 });
    next.nodes = next.nodes.filter((n) => n.id !== `network:${bigNetworkId(1)}`);
    next.edges = next.edges.filter((e) => e.source !== `network:${bigNetworkId(1)}`);
    const rowsBefore = Number(outline.dataset.rows);
    backend.emitTopology(next);
    await waitFor(() => expect(Number(outline.dataset.rows)).toBeLessThan(rowsBefore));
    expect(row(`network:${bigNetworkId(0)}`)).toBe(before);
  });
});
