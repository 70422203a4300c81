// Editing in the whole window under jsdom (fake backend, fake graph view): drag a container onto a
// network and fill the popover, Shift-drop, pull an edge off and confirm, Delete, undo/redo keys and
// buttons, the history panel and the context menu, as a user (and the end-to-end tests) would.
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { readable } from "svelte/store";
import { afterEach, describe, expect, it } from "vitest";

import App from "./App.svelte";
import { FakeBackend } from "./test/fakeBackend";
import { demoStatus, demoTopology } from "./test/demoTopology";
import type { Point } from "./lib/graph/geometry";
import { fakeViewFactory, type FakeGraphView } from "./test/fakeView";

afterEach(() => cleanup());

const q = (selector: string) => document.querySelector<HTMLElement>(selector);
const qa = (selector: string) => Array.from(document.querySelectorAll<HTMLElement>(selector));
/** Waits until `selector` matches, and returns the element. */
const find = (selector: string) =>
  waitFor(() => {
    const el = q(selector);
    if (!el) throw new Error(`nothing matches ${selector}`);
    return el;
  });
const tick = () => new Promise((r) => setTimeout(r, 0));
const hasEdge = (b: FakeBackend, id: string) => b.topology!.edges.some((e) => e.id === id);

async function setup() {
  const backend = new FakeBackend(demoTopology(1), demoStatus());
  const views = fakeViewFactory();
  const result = render(App, { props: { backend, viewFactory: views.factory, theme: readable("light" as const) } });
  const main = result.container.querySelector("main")!;
  await waitFor(() => expect(main.dataset.ready).toBe("true"));
  const view = views.views[0]!;
  const at = (id: string): Point => view.nodeViewportPosition(id)!;
  /** Press on `from`, move there in steps (checking the drag shows), release with or without Shift. */
  async function drag(from: Point, to: Point, shift = false) {
    expect(view.pointer("down", from)).toBe(true);
    for (let i = 1; i <= 8; i++) {
      view.pointer("move", { x: from.x + ((to.x - from.x) * i) / 8, y: from.y + ((to.y - from.y) * i) / 8 });
      await tick();
    }
    await waitFor(() => expect(main.dataset.dragging).toBe("true"));
    view.pointer("up", to, shift);
    await tick();
  }
  return { backend, view, main, at, drag };
}

function pullAway(view: FakeGraphView, edgeId: string, by: number): { from: Point; to: Point } {
  const s = view.edgeViewportSegment(edgeId)!;
  const from = view.edgeMidpoint(edgeId);
  const len = Math.hypot(s.b.x - s.a.x, s.b.y - s.a.y);
  return { from, to: { x: from.x - ((s.b.y - s.a.y) / len) * by, y: from.y + ((s.b.x - s.a.x) / len) * by } };
}

describe("connecting by dragging", () => {
  it("opens the popover on a drop, shows problems next to their field and the live command, and connects", async () => {
    const { backend, main, at, drag } = await setup();
    await drag(at("container:c-api"), at("network:n-frontend"));
    expect(main.dataset.dragging).toBe("false");
    const popover = await find("[data-testid=connect-popover]");
    expect(popover.textContent).toContain("api gets an address on frontend and can reach its containers by name");
    await waitFor(() => expect(q("[data-testid=connect-command]")?.textContent).toBe("docker network connect frontend api"));
    expect((q("[data-testid=connect-ipv4]") as HTMLInputElement).placeholder).toContain("10.214.40.2");
    // IPv6 is off on frontend: no field for it.
    expect(q("[data-testid=connect-ipv6]")).toBeNull();

    await fireEvent.input(q("[data-testid=connect-aliases]")!, { target: { value: "web, api-v2" } });
    await fireEvent.input(q("[data-testid=connect-ipv4]")!, { target: { value: "10.214.40.10" } });
    const problem = await find('[data-testid=connect-problem][data-field="ipv4"]');
    expect(problem.textContent).toContain("10.214.40.10 is already in use on frontend");
    expect(q("[data-testid=connect-command]")?.textContent).toBe("docker network connect --alias web --alias api-v2 --ip 10.214.40.10 frontend api");

    await fireEvent.input(q("[data-testid=connect-ipv4]")!, { target: { value: "10.214.40.30" } });
    await waitFor(() => expect(q("[data-testid=connect-problem]")).toBeNull());
    await fireEvent.submit(q("[data-testid=connect-popover] form")!);
    await waitFor(() => expect(q("[data-testid=connect-popover]")).toBeNull());
    const ep = backend.topology!.edges.find((e) => e.id === "endpoint:n-frontend:c-api")?.endpoint;
    expect(ep?.ipv4).toBe("10.214.40.30/24");
    expect(ep?.aliases).toEqual(["web", "api-v2"]);
    const toast = q('[data-testid=toast][data-kind="ok"]')!;
    expect(toast.textContent).toContain("Connected api to frontend");
    expect(toast.textContent).toContain("docker network connect --alias web --alias api-v2 --ip 10.214.40.30 frontend api");
  });

  it("changes nothing when the popover is closed with Escape", async () => {
    const { backend, at, drag } = await setup();
    await drag(at("container:c-api"), at("network:n-frontend"));
    const aliases = await find("[data-testid=connect-aliases]");
    await fireEvent.keyDown(aliases, { key: "Escape" });
    expect(q("[data-testid=connect-popover]")).toBeNull();
    expect(hasEdge(backend, "endpoint:n-frontend:c-api")).toBe(false);
    expect(backend.calls.some((c) => c.startsWith("connect "))).toBe(false);
  });

  it("connects at once with the engine's defaults on a Shift-drop", async () => {
    const { backend, at, drag } = await setup();
    await drag(at("container:c-api"), at("network:n-vault"), true);
    await waitFor(() => expect(hasEdge(backend, "endpoint:n-vault:c-api")).toBe(true));
    expect(q("[data-testid=connect-popover]")).toBeNull();
    expect(backend.calls).toContain("connect c-api n-vault");
  });

  it("says why a refused network will not take the container, while hovering and after the drop", async () => {
    const { backend, view, at } = await setup();
    const from = at("container:c-api");
    view.pointer("down", from);
    view.pointer("move", { x: from.x + 20, y: from.y });
    await tick();
    view.pointer("move", at("network:n-backend"));
    const hint = await find("[data-testid=drop-refusal]");
    expect(hint.textContent).toContain("api is already connected to backend. Disconnect it first");
    view.pointer("up", at("network:n-backend"));
    const toast = await find("[data-testid=toast]");
    expect(toast.textContent).toContain("already connected to backend");
    expect(q("[data-testid=connect-popover]")).toBeNull();
    expect(backend.calls.filter((c) => c.startsWith("connect") || c.startsWith("planConnect"))).toEqual([]);
  });

  it("locks the fields on the default bridge and says why", async () => {
    const { at, drag } = await setup();
    await drag(at("container:c-api"), at("network:n-bridge"));
    await waitFor(() => expect(q("[data-testid=connect-locked]")?.textContent).toContain("default bridge"));
    expect((q("[data-testid=connect-aliases]") as HTMLInputElement).disabled).toBe(true);
    expect((q("[data-testid=connect-ipv4]") as HTMLInputElement).disabled).toBe(true);
    expect(q("[data-testid=connect-popover]")?.textContent).toContain("by IP address");
  });
});

describe("disconnecting", () => {
  it("pulls an edge past the snap, asks for the running container, and disconnects on confirm", async () => {
    const { backend, view, drag } = await setup();
    const { from, to } = pullAway(view, "endpoint:n-backend:c-api", 150);
    await drag(from, to);
    const dialog = await find("[data-testid=disconnect-dialog]");
    expect(q("[data-testid=disconnect-command]")?.textContent).toBe("docker network disconnect backend api");
    expect(dialog.textContent).toContain("10.214.10.2/24");
    expect(dialog.textContent).toContain("api is running");
    await fireEvent.click(q("[data-testid=disconnect-confirm]")!);
    await waitFor(() => expect(hasEdge(backend, "endpoint:n-backend:c-api")).toBe(false));
    await waitFor(() => expect(q("[data-testid=disconnect-dialog]")).toBeNull());
    expect(q('[data-testid=toast][data-kind="ok"]')?.textContent).toContain("Disconnected api from backend");
  });

  it("leaves everything as it was when the dialog is cancelled with Escape", async () => {
    const { backend, view, drag } = await setup();
    const { from, to } = pullAway(view, "endpoint:n-backend:c-api", 150);
    await drag(from, to);
    const dialog = await find("[data-testid=disconnect-dialog]");
    await fireEvent.keyDown(dialog, { key: "Escape" });
    expect(q("[data-testid=disconnect-dialog]")).toBeNull();
    expect(hasEdge(backend, "endpoint:n-backend:c-api")).toBe(true);
    expect(backend.calls).not.toContain("disconnect c-api n-backend");
  });

  it("does nothing for a pull released before the snap", async () => {
    const { backend, view, drag } = await setup();
    const { from, to } = pullAway(view, "endpoint:n-backend:c-api", 40);
    await drag(from, to);
    await tick();
    expect(q("[data-testid=disconnect-dialog]")).toBeNull();
    expect(backend.calls.filter((c) => c.includes("isconnect"))).toEqual([]);
  });

  it("disconnects the selected edge on Delete", async () => {
    const { backend } = await setup();
    await fireEvent.click(q('[data-edge-id="endpoint:n-backend:c-nightly"]')!);
    await fireEvent.keyDown(document.body, { key: "Delete" });
    // nightly-job is stopped: no question, it goes at once.
    await waitFor(() => expect(hasEdge(backend, "endpoint:n-backend:c-nightly")).toBe(false));
  });

  it("selects a container on a short click instead of dragging it", async () => {
    const { backend, view, at } = await setup();
    const p = at("container:c-db");
    view.pointer("down", p);
    view.pointer("move", { x: p.x + 2, y: p.y + 1 });
    view.pointer("up", { x: p.x + 2, y: p.y + 1 });
    await waitFor(() => expect(q("[data-testid=details]")?.dataset.selected).toBe("container:c-db"));
    expect(backend.calls).toEqual([]);
  });
});

describe("undo, redo and history", () => {
  it("undoes with Ctrl+Z and redoes with Ctrl+Shift+Z, with buttons saying what they would do", async () => {
    const { backend } = await setup();
    await fireEvent.click(q('[data-edge-id="endpoint:n-backend:c-nightly"]')!);
    await fireEvent.keyDown(document.body, { key: "Delete" });
    await waitFor(() => expect(q("[data-testid=undo]")?.getAttribute("title")).toContain("Undo: Connect nightly-job to backend"));
    expect((q("[data-testid=redo]") as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    await waitFor(() => expect(hasEdge(backend, "endpoint:n-backend:c-nightly")).toBe(true));
    const redo = q("[data-testid=redo]") as HTMLButtonElement;
    await waitFor(() => expect(redo.disabled).toBe(false));
    expect(redo.title).toContain("Redo: Disconnect nightly-job from backend");

    await fireEvent.keyDown(document.body, { key: "Z", ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(hasEdge(backend, "endpoint:n-backend:c-nightly")).toBe(false));
    expect(backend.calls.filter((c) => c === "undo" || c === "redo")).toEqual(["undo", "redo"]);
  });

  it("leaves Ctrl+Z to a text field being typed in", async () => {
    const { backend, at, drag } = await setup();
    await backend.disconnect("c-nightly", "n-backend");
    await drag(at("container:c-api"), at("network:n-frontend"));
    const aliases = await find("[data-testid=connect-aliases]");
    await fireEvent.keyDown(aliases, { key: "z", ctrlKey: true });
    await tick();
    expect(backend.calls).not.toContain("undo");
  });

  it("lists what was done and undone in the history panel", async () => {
    const { backend } = await setup();
    await fireEvent.click(q("[data-testid=history-toggle]")!);
    expect(q("[data-testid=history]")?.textContent).toContain("Nothing changed yet");
    await fireEvent.click(q('[data-edge-id="endpoint:n-backend:c-nightly"]')!);
    await fireEvent.keyDown(document.body, { key: "Delete" });
    await waitFor(() => expect(qa("[data-testid=history-entry]")).toHaveLength(1));
    await fireEvent.click(q("[data-testid=undo]")!);
    await waitFor(() => expect(q("[data-testid=history-entry]")?.dataset.state).toBe("undone"));
    const entry = q("[data-testid=history-entry]")!;
    expect(entry.textContent).toContain("Disconnect nightly-job from backend");
    expect(entry.textContent).toContain("docker network disconnect backend nightly-job");
    expect(entry.querySelector("time")?.getAttribute("datetime")).toBe("2026-11-26T09:30:00.000Z");
    expect(hasEdge(backend, "endpoint:n-backend:c-nightly")).toBe(true);
  });

  it("shows an undo that cannot restore exactly, and changes nothing", async () => {
    const { backend } = await setup();
    await backend.disconnect("c-api", "n-backend");
    const t = backend.topology!;
    backend.emitTopology({
      ...t,
      revision: t.revision + 1,
      edges: t.edges.map((e) => (e.id === "endpoint:n-backend:c-db" && e.endpoint ? { ...e, endpoint: { ...e.endpoint, ipv4: "10.214.10.2/24" } } : e)),
    });
    const before = backend.topology;
    await fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    const toast = await find('[data-testid=toast][data-kind="error"]');
    expect(toast.textContent).toContain("Cannot restore");
    expect(toast.textContent).toContain("Disconnect that container first");
    expect(backend.topology).toBe(before);
  });
});

describe("context menu", () => {
  it("offers a right-clicked container its networks and opens the connect popover from the keyboard", async () => {
    const { view, at } = await setup();
    view.rightClick(at("container:c-api"));
    // The menu is rebuilt once the drop targets arrive; look it up afresh each time.
    const connect = await waitFor(() => {
      const item = q('[role="menu"][data-testid="context-menu"] [role="menuitem"][data-item="connect"]')!;
      expect(item.getAttribute("aria-disabled")).toBe("false");
      return item;
    });
    const menu = q('[role="menu"][data-testid="context-menu"]')!;
    expect(Array.from(menu.querySelectorAll('[role="menuitem"]')).map((i) => i.textContent?.trim().split("docker")[0]?.trim())).toContain("Disconnect from backend");
    connect.focus();
    await fireEvent.keyDown(connect, { key: "ArrowRight" });
    const sub = await find('[data-testid="context-submenu"]');
    const backendItem = sub.querySelector<HTMLElement>('[data-item="connect:network:n-backend"]')!;
    expect(backendItem.getAttribute("aria-disabled")).toBe("true");
    expect(backendItem.getAttribute("title")).toContain("already connected");
    await fireEvent.click(sub.querySelector<HTMLElement>('[data-item="connect:network:n-vault"]')!);
    await waitFor(() => expect(q("[data-testid=connect-popover]")?.textContent).toContain("Connect api to vault"));
    expect(q('[data-testid="context-menu"]')).toBeNull();
  });

  it("moves with the arrow keys and closes with Escape", async () => {
    const { view } = await setup();
    view.rightClick(view.edgeMidpoint("endpoint:n-backend:c-api"));
    const menu = await find('[data-testid="context-menu"]');
    const items = Array.from(menu.querySelectorAll<HTMLElement>('[role="menuitem"]'));
    expect(items[0]?.textContent).toContain("Disconnect api from backend");
    await waitFor(() => expect(document.activeElement).toBe(items[0]));
    await fireEvent.keyDown(items[0]!, { key: "ArrowDown" });
    expect(document.activeElement).toBe(items[1]);
    await fireEvent.keyDown(items[1]!, { key: "Escape" });
    expect(q('[data-testid="context-menu"]')).toBeNull();
  });

  it("lets a keyboard user connect and disconnect from the details panel", async () => {
    const { backend } = await setup();
    await fireEvent.click(q('[data-node-id="container:c-db"]')!);
    await fireEvent.click(await find("[data-testid=details-connect]"));
    const connect = await waitFor(() => {
      const item = q('[data-testid="context-menu"] [data-item="connect"]')!;
      expect(item.getAttribute("aria-disabled")).toBe("false");
      return item;
    });
    await waitFor(() => expect(document.activeElement).toBe(connect));
    await fireEvent.keyDown(connect, { key: "ArrowRight" });
    await fireEvent.click(await find('[data-testid="context-submenu"] [data-item="connect:network:n-frontend"]'));
    const confirm = await find("[data-testid=connect-confirm]");
    await waitFor(() => expect(q("[data-testid=connect-command]")?.textContent).toBe("docker network connect frontend db"));
    await fireEvent.click(confirm);
    await waitFor(() => expect(hasEdge(backend, "endpoint:n-frontend:c-db")).toBe(true));

    const disconnect = await waitFor(() => {
      const buttons = qa("[data-testid=details] [data-testid=details-disconnect]");
      const b = buttons.find((x) => x.getAttribute("title") === "docker network disconnect frontend db");
      if (!b) throw new Error("no disconnect button for frontend");
      return b;
    });
    await fireEvent.click(disconnect);
    await find("[data-testid=disconnect-dialog]");
    await fireEvent.click(q("[data-testid=disconnect-confirm]")!);
    await waitFor(() => expect(hasEdge(backend, "endpoint:n-frontend:c-db")).toBe(false));
  });
});

describe("one operation at a time", () => {
  it("keeps the disconnect dialog up with the buttons disabled until the change is done, and ignores keys meanwhile", async () => {
    const { backend, view, drag } = await setup();
    backend.delayMs = 80;
    const { from, to } = pullAway(view, "endpoint:n-backend:c-api", 150);
    await drag(from, to);
    await fireEvent.click(await find("[data-testid=disconnect-confirm]"));
    await waitFor(() => expect((q("[data-testid=disconnect-confirm]") as HTMLButtonElement).disabled).toBe(true));
    expect(q("[data-testid=busy]")?.textContent).toContain("Disconnecting api from backend");
    await fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    // A container cannot be grabbed while the operation runs.
    expect(view.pointer("down", view.nodeViewportPosition("container:c-db")!)).toBe(false);
    await waitFor(() => expect(q("[data-testid=disconnect-dialog]")).toBeNull());
    expect(hasEdge(backend, "endpoint:n-backend:c-api")).toBe(false);
    expect(backend.calls).not.toContain("undo");
  });
});
