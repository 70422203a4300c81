// Editing in the whole window under jsdom (Rust's recorded answers replayed, fake graph view): drag a
// container onto a network and fill the popover, Shift-drop, pull an edge off and confirm, Delete,
// undo/redo keys and buttons, the history panel and the context menu, as a user (and the end-to-end
// tests) would. Rust's words and commands are expected as Rust recorded them (golden/), never retyped.
import { cleanup, fireEvent, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";

import type { EndpointConfigDto } from "./lib/backend";
import type { Point } from "./lib/graph/geometry";
import { find, q, qa, renderApp, tick } from "./test/app";
import type { FakeGraphView } from "./test/fakeView";
import { recordedError, recordedOk, ReplayBackend } from "./test/replayBackend";

afterEach(() => {
  cleanup();
  expect(ReplayBackend.takeMissed()).toEqual([]);
});

/** Whether the last topology Rust showed has this edge. */
const hasEdge = (b: ReplayBackend, id: string) => b.lastTopology!.edges.some((e) => e.id === id);
/** The commands asked since `from` (an index into `calls`), by name. */
const asked = (b: ReplayBackend, from = 0) => b.calls.slice(from).map((c) => c.command);
const NO_CONFIG: EndpointConfigDto = { aliases: [], ipv4: null, ipv6: null };
const connectArgs = (containerId: string, networkId: string, config = NO_CONFIG) => ({ containerId, networkId, config });

/**
 * Escape in `inside` closes the `closes` test id, asks nothing of `command`, and edge `edge` is still there
 * (or still absent) as `had` says.
 */
async function escapeChangesNothing(b: ReplayBackend, inside: string, closes: string, command: string, edge: string, had: boolean) {
  await fireEvent.keyDown(await find(inside), { key: "Escape" });
  expect(q(`[data-testid=${closes}]`)).toBeNull();
  expect(hasEdge(b, edge)).toBe(had);
  expect(asked(b)).not.toContain(command);
}

async function setup() {
  const { backend, view, main } = await renderApp();
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
    const plain = recordedOk("planConnect", connectArgs("c-api", "n-frontend"));
    await waitFor(() => expect(q("[data-testid=connect-command]")?.textContent).toBe(plain.command));
    expect(plain.suggestedIpv4).toBeTruthy();
    expect((q("[data-testid=connect-ipv4]") as HTMLInputElement).placeholder).toContain(plain.suggestedIpv4);
    // IPv6 is off on frontend: no field for it.
    expect(q("[data-testid=connect-ipv6]")).toBeNull();

    await fireEvent.input(q("[data-testid=connect-aliases]")!, { target: { value: "web, api-v2" } });
    await fireEvent.input(q("[data-testid=connect-ipv4]")!, { target: { value: "10.214.40.10" } });
    const taken = recordedOk("planConnect", connectArgs("c-api", "n-frontend", { aliases: ["web", "api-v2"], ipv4: "10.214.40.10", ipv6: null }));
    expect(taken.problems.map((p) => [p.field, p.code])).toEqual([["ipv4", "addressInUse"]]);
    const problem = await find('[data-testid=connect-problem][data-field="ipv4"]');
    expect(problem.textContent).toContain(taken.problems[0]!.message);
    expect(q("[data-testid=connect-command]")?.textContent).toBe(taken.command);

    await fireEvent.input(q("[data-testid=connect-ipv4]")!, { target: { value: "10.214.40.30" } });
    await waitFor(() => expect(q("[data-testid=connect-problem]")).toBeNull());
    await fireEvent.submit(q("[data-testid=connect-popover] form")!);
    await waitFor(() => expect(q("[data-testid=connect-popover]")).toBeNull());
    // The form went to Rust as typed (the replay answers only that exact question).
    const config = { aliases: ["web", "api-v2"], ipv4: "10.214.40.30", ipv6: null };
    expect(backend.calls.filter((c) => c.command === "connect").map((c) => c.args)).toEqual([connectArgs("c-api", "n-frontend", config)]);
    expect(backend.lastTopology!.edges.find((e) => e.id === "endpoint:n-frontend:c-api")?.endpoint?.ipv4).toBe("10.214.40.30/24");
    const done = recordedOk("connect", connectArgs("c-api", "n-frontend", config));
    const toast = q('[data-testid=toast][data-kind="ok"]')!;
    expect(toast.textContent).toContain(done.done);
    expect(toast.textContent).toContain(done.command);
  });

  it("changes nothing when the popover is closed with Escape", async () => {
    const { backend, at, drag } = await setup();
    await drag(at("container:c-api"), at("network:n-frontend"));
    await escapeChangesNothing(backend, "[data-testid=connect-aliases]", "connect-popover", "connect", "endpoint:n-frontend:c-api", false);
  });

  it("connects at once with the engine's defaults on a Shift-drop", async () => {
    const { backend, at, drag } = await setup();
    await drag(at("container:c-api"), at("network:n-vault"), true);
    await waitFor(() => expect(hasEdge(backend, "endpoint:n-vault:c-api")).toBe(true));
    expect(q("[data-testid=connect-popover]")).toBeNull();
    expect(backend.calls.filter((c) => c.command === "connect").map((c) => c.args)).toEqual([connectArgs("c-api", "n-vault")]);
  });

  it("says why a refused network will not take the container, while hovering and after the drop", async () => {
    const { backend, view, at } = await setup();
    const from = at("container:c-api");
    view.pointer("down", from);
    view.pointer("move", { x: from.x + 20, y: from.y });
    await tick();
    view.pointer("move", at("network:n-backend"));
    const refusal = recordedOk("dropTargets", { containerId: "c-api" }).find((t) => t.networkId === "n-backend")!.refusal!;
    expect(refusal.code).toBe("alreadyConnected");
    const hint = await find("[data-testid=drop-refusal]");
    expect(hint.textContent).toContain(refusal.message);
    view.pointer("up", at("network:n-backend"));
    const toast = await find("[data-testid=toast]");
    expect(toast.textContent).toContain(refusal.message);
    expect(q("[data-testid=connect-popover]")).toBeNull();
    expect(asked(backend).filter((c) => c === "connect" || c === "planConnect")).toEqual([]);
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
    const plan = recordedOk("planDisconnect", { containerId: "c-api", networkId: "n-backend" });
    expect(plan.ipv4).toBe("10.214.10.2/24");
    expect(plan.warning).toBeTruthy();
    expect(q("[data-testid=disconnect-command]")?.textContent).toBe(plan.command);
    expect(dialog.textContent).toContain(plan.ipv4);
    expect(dialog.textContent).toContain(plan.warning);
    await fireEvent.click(q("[data-testid=disconnect-confirm]")!);
    await waitFor(() => expect(hasEdge(backend, "endpoint:n-backend:c-api")).toBe(false));
    await waitFor(() => expect(q("[data-testid=disconnect-dialog]")).toBeNull());
    const done = recordedOk("disconnect", { containerId: "c-api", networkId: "n-backend" });
    expect(q('[data-testid=toast][data-kind="ok"]')?.textContent).toContain(done.done);
  });

  it("leaves everything as it was when the dialog is cancelled with Escape", async () => {
    const { backend, view, drag } = await setup();
    const { from, to } = pullAway(view, "endpoint:n-backend:c-api", 150);
    await drag(from, to);
    await escapeChangesNothing(backend, "[data-testid=disconnect-dialog]", "disconnect-dialog", "disconnect", "endpoint:n-backend:c-api", true);
  });

  it("does nothing for a pull released before the snap", async () => {
    const { backend, view, drag } = await setup();
    const { from, to } = pullAway(view, "endpoint:n-backend:c-api", 40);
    await drag(from, to);
    await tick();
    expect(q("[data-testid=disconnect-dialog]")).toBeNull();
    expect(asked(backend).filter((c) => c.includes("isconnect"))).toEqual([]);
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
    const before = backend.calls.length;
    const p = at("container:c-db");
    view.pointer("down", p);
    view.pointer("move", { x: p.x + 2, y: p.y + 1 });
    view.pointer("up", { x: p.x + 2, y: p.y + 1 });
    await waitFor(() => expect(q("[data-testid=details]")?.dataset.selected).toBe("container:c-db"));
    // Only the details' question (what it reaches, which changes nothing): no drag began, no drop targets.
    await waitFor(() => expect(asked(backend, before)).toEqual(["reachFrom"]));
  });
});

describe("undo, redo and history", () => {
  it("undoes with Ctrl+Z and redoes with Ctrl+Shift+Z, with buttons saying what they would do", async () => {
    const { backend } = await setup();
    await fireEvent.click(q('[data-edge-id="endpoint:n-backend:c-nightly"]')!);
    await fireEvent.keyDown(document.body, { key: "Delete" });
    const off = recordedOk("disconnect", { containerId: "c-nightly", networkId: "n-backend" });
    expect(off.history.undo).toBeTruthy();
    await waitFor(() => expect(q("[data-testid=undo]")?.getAttribute("title")).toContain(`Undo: ${off.history.undo}`));
    expect((q("[data-testid=redo]") as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    await waitFor(() => expect(hasEdge(backend, "endpoint:n-backend:c-nightly")).toBe(true));
    const redo = q("[data-testid=redo]") as HTMLButtonElement;
    await waitFor(() => expect(redo.disabled).toBe(false));
    const undone = recordedOk("undo", {}, "nightlyOff");
    expect(undone.history.redo).toBeTruthy();
    expect(redo.title).toContain(`Redo: ${undone.history.redo}`);

    await fireEvent.keyDown(document.body, { key: "Z", ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(hasEdge(backend, "endpoint:n-backend:c-nightly")).toBe(false));
    expect(asked(backend).filter((c) => c === "undo" || c === "redo")).toEqual(["undo", "redo"]);
    expect(backend.state).toBe("nightlyRedone");
  });

  it("leaves Ctrl+Z to a text field being typed in", async () => {
    const { backend, at, drag } = await setup();
    await backend.disconnect("c-nightly", "n-backend");
    await drag(at("container:c-api"), at("network:n-frontend"));
    const aliases = await find("[data-testid=connect-aliases]");
    await fireEvent.keyDown(aliases, { key: "z", ctrlKey: true });
    await tick();
    expect(asked(backend)).not.toContain("undo");
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
    const [recordedEntry] = recordedOk("getHistory", {}, "nightlyUndone").entries;
    expect(recordedEntry?.state).toBe("undone");
    expect(entry.textContent).toContain(recordedEntry!.describe);
    expect(entry.textContent).toContain(recordedEntry!.command);
    expect(entry.querySelector("time")?.getAttribute("datetime")).toBe(recordedEntry!.when);
    expect(hasEdge(backend, "endpoint:n-backend:c-nightly")).toBe(true);
  });

  it("shows an undo that cannot restore exactly, and changes nothing", async () => {
    const { backend, main } = await setup();
    // gateway's backend address was fixed (--ip); someone gives it to db while gateway is off backend.
    await backend.disconnect("c-gateway", "n-backend");
    backend.stage("gatewayOffBackendAddressTaken");
    const before = backend.lastTopology!;
    await waitFor(() => expect(main.dataset.revision).toBe(String(before.revision)));
    await fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    const toast = await find('[data-testid=toast][data-kind="error"]');
    const refused = recordedError("undo", {}, "gatewayOffBackendAddressTaken");
    expect(refused.code).toBe("cannotRestore");
    expect(refused.hint).toBeTruthy();
    expect(toast.textContent).toContain(refused.message);
    expect(toast.textContent).toContain(refused.hint);
    expect(backend.lastTopology).toBe(before);
    expect(hasEdge(backend, "endpoint:n-backend:c-gateway")).toBe(false);
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
    const refusal = recordedOk("dropTargets", { containerId: "c-api" }).find((t) => t.networkId === "n-backend")!.refusal!;
    expect(backendItem.getAttribute("title")).toContain(refusal.message);
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
    const plan = recordedOk("planConnect", connectArgs("c-db", "n-frontend"));
    await waitFor(() => expect(q("[data-testid=connect-command]")?.textContent).toBe(plan.command));
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
    expect(asked(backend)).not.toContain("undo");
  });
});
