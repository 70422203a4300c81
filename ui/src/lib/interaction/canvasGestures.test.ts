import { get } from "svelte/store";
import { afterEach, describe, expect, it } from "vitest";

import type { Point } from "../graph/geometry";
import { demoTopology } from "../../test/demoTopology";
import { FakeGraphView } from "../../test/fakeView";
import { recordedOk, ReplayBackend } from "../../test/replayBackend";
import { indexTopology } from "../topologyIndex";
import { CanvasGestures } from "./canvasGestures";
import { collapsedDropHint } from "../groups/actions";
import { collapseView } from "../groups/collapse";

afterEach(() => expect(ReplayBackend.takeMissed()).toEqual([]));

function setup(busy = false) {
  const backend = new ReplayBackend();
  backend.lastTopology = demoTopology(1);
  const view = new FakeGraphView({ onSelect: () => {}, onClear: () => {} });
  view.update(backend.lastTopology, {} as never);
  const log: string[] = [];
  const gestures = new CanvasGestures({
    view: () => view,
    busy: () => busy,
    isContainer: (id) => id.startsWith("container:"),
    isEndpointEdge: (id) => id.startsWith("endpoint:"),
    dropTargets: async (id) => {
      const c = indexTopology(backend.lastTopology!).node(id)?.container;
      const r = await backend.dropTargets(c!.id);
      return r.status === "ok" ? r.data : null;
    },
    select: (id, toggle) => log.push(`${toggle ? "toggle" : "select"} ${id}`),
    connect: (c, n, _at, shift) => log.push(`connect ${c} ${n}${shift ? " now" : ""}`),
    explain: (m) => log.push(`explain ${m}`),
    disconnect: (e) => log.push(`disconnect ${e}`),
  });
  const at = (id: string): Point => view.nodeViewportPosition(id)!;
  const tick = () => new Promise((r) => setTimeout(r, 0));
  /** Press, move in steps, as a hand (and the e2e tests) would. */
  async function drag(from: Point, to: Point, shift = false) {
    const owned = gestures.onPointer({ type: "down", at: from, shift: false, ctrl: false });
    for (let i = 1; i <= 8; i++) {
      gestures.onPointer({ type: "move", at: { x: from.x + ((to.x - from.x) * i) / 8, y: from.y + ((to.y - from.y) * i) / 8 }, shift: false, ctrl: false });
      await tick();
    }
    gestures.onPointer({ type: "up", at: to, shift, ctrl: false });
    await tick();
    return owned;
  }
  return { backend, view, gestures, log, at, drag, tick };
}

describe("canvas gestures", () => {
  it("drops a container on a hub that takes it, marking hubs while dragging", async () => {
    const { gestures, log, at, view, tick } = setup();
    const from = at("container:c-api");
    const to = at("network:n-frontend");
    expect(gestures.onPointer({ type: "down", at: from, shift: false, ctrl: false })).toBe(true);
    gestures.onPointer({ type: "move", at: { x: from.x + 20, y: from.y }, shift: false, ctrl: false });
    await tick();
    expect(view.dropMarks?.get("network:n-frontend")).toBe("allowed");
    expect(view.dropMarks?.get("network:n-backend")).toBe("refused");
    expect(view.dropSource).toBe("container:c-api");
    gestures.onPointer({ type: "move", at: to, shift: false, ctrl: false });
    expect(get(gestures.view).over).toEqual({ name: "frontend", refusal: null });
    gestures.onPointer({ type: "up", at: to, shift: false, ctrl: false });
    await tick();
    expect(log).toEqual(["connect container:c-api network:n-frontend"]);
    expect(view.dropMarks).toBeNull();
    expect(get(gestures.view).state.phase).toBe("idle");
  });

  it("passes Shift at the drop on", async () => {
    const { log, at, drag } = setup();
    await drag(at("container:c-api"), at("network:n-vault"), true);
    expect(log).toEqual(["connect container:c-api network:n-vault now"]);
  });

  it("shows a refused hub's reason while hovering and explains it on drop, without connecting", async () => {
    const { gestures, log, at, tick } = setup();
    const from = at("container:c-api");
    gestures.onPointer({ type: "down", at: from, shift: false, ctrl: false });
    gestures.onPointer({ type: "move", at: { x: from.x + 30, y: from.y }, shift: false, ctrl: false });
    await tick();
    gestures.onPointer({ type: "move", at: at("network:n-host"), shift: false, ctrl: false });
    const refusal = recordedOk("dropTargets", { containerId: "c-api" }).find((t) => t.networkId === "n-host")?.refusal;
    expect(refusal?.code).toBe("fixedNetwork");
    expect(get(gestures.view).over?.refusal).toBe(refusal?.message);
    gestures.onPointer({ type: "up", at: at("network:n-host"), shift: false, ctrl: false });
    await tick();
    expect(log).toEqual([`explain ${refusal?.message}`]);
  });

  it("refuses a drop on a collapsed project with a hint to expand it", async () => {
    const { view, log, at, drag } = setup();
    // The demo's shop is api alone: drag api (shown here too) onto the project's node, drawn off to the side.
    const shown = collapseView(demoTopology(1), new Set(["shop"]));
    const nodes = shown.nodes.map((n) => (n.id === "project:shop" ? { ...n, x: n.x + 300 } : n));
    view.update({ ...shown, nodes: [...nodes, ...demoTopology(1).nodes.filter((n) => n.id === "container:c-api")] }, {} as never);
    await drag(at("container:c-api"), at("project:shop"));
    expect(log).toEqual([`explain ${collapsedDropHint("shop")}`]);
  });

  it("does nothing for a drop on empty canvas", async () => {
    const { log, at, drag } = setup();
    await drag(at("container:c-api"), { x: 5, y: 5 });
    expect(log).toEqual([]);
  });

  it("selects on a short click and leaves networks and the stage to the renderer", async () => {
    const { gestures, log, at, tick } = setup();
    const p = at("container:c-db");
    expect(gestures.onPointer({ type: "down", at: p, shift: false, ctrl: false })).toBe(true);
    gestures.onPointer({ type: "move", at: { x: p.x + 2, y: p.y + 2 }, shift: false, ctrl: false });
    gestures.onPointer({ type: "up", at: { x: p.x + 2, y: p.y + 2 }, shift: false, ctrl: false });
    await tick();
    expect(log).toEqual(["select container:c-db"]);
    expect(gestures.onPointer({ type: "down", at: at("network:n-backend"), shift: false, ctrl: false })).toBe(false);
    expect(gestures.onPointer({ type: "down", at: { x: 3, y: 3 }, shift: false, ctrl: false })).toBe(false);
  });

  it("turns a click with Ctrl or Shift into a selection toggle, and a Shift drag still connects", async () => {
    const { gestures, log, at, tick, drag } = setup();
    const p = at("container:c-db");
    gestures.onPointer({ type: "down", at: p, shift: false, ctrl: false });
    gestures.onPointer({ type: "up", at: p, shift: false, ctrl: true });
    gestures.onPointer({ type: "down", at: p, shift: true, ctrl: false });
    gestures.onPointer({ type: "up", at: p, shift: true, ctrl: false });
    await tick();
    await drag(at("container:c-api"), at("network:n-vault"), true);
    expect(log).toEqual(["toggle container:c-db", "toggle container:c-db", "connect container:c-api network:n-vault now"]);
  });

  it("owns nothing while an operation runs", () => {
    const { gestures, at } = setup(true);
    expect(gestures.onPointer({ type: "down", at: at("container:c-api"), shift: false, ctrl: false })).toBe(false);
  });

  it("disconnects an edge pulled past the snap, hiding its straight line meanwhile", async () => {
    const { gestures, view, log, tick } = setup();
    const mid = view.edgeMidpoint("endpoint:n-backend:c-db");
    const s = view.edgeViewportSegment("endpoint:n-backend:c-db")!;
    const len = Math.hypot(s.b.x - s.a.x, s.b.y - s.a.y);
    const away = { x: mid.x - ((s.b.y - s.a.y) / len) * 150, y: mid.y + ((s.b.x - s.a.x) / len) * 150 };
    expect(gestures.onPointer({ type: "down", at: mid, shift: false, ctrl: false })).toBe(true);
    gestures.onPointer({ type: "move", at: { x: (mid.x + away.x) / 2, y: (mid.y + away.y) / 2 }, shift: false, ctrl: false });
    expect(view.pulled).toBe("endpoint:n-backend:c-db");
    gestures.onPointer({ type: "move", at: away, shift: false, ctrl: false });
    expect(get(gestures.view).state).toMatchObject({ phase: "pulling", snapped: true });
    gestures.onPointer({ type: "up", at: away, shift: false, ctrl: false });
    await tick();
    expect(log).toEqual(["disconnect endpoint:n-backend:c-db"]);
    expect(view.pulled).toBeNull();
  });

  it("asks for drop targets again when a topology arrives mid-drag", async () => {
    const { gestures, backend, view, at, tick } = setup();
    const from = at("container:c-api");
    gestures.onPointer({ type: "down", at: from, shift: false, ctrl: false });
    gestures.onPointer({ type: "move", at: { x: from.x + 30, y: from.y }, shift: false, ctrl: false });
    await tick();
    expect(view.dropMarks?.get("network:n-frontend")).toBe("allowed");
    // api joins frontend elsewhere (the CLI) while the drag goes on.
    await backend.connect("c-api", "n-frontend", { aliases: [], ipv4: null, ipv6: null });
    view.update(backend.lastTopology!, {} as never);
    gestures.topologyChanged();
    await tick();
    expect(view.dropMarks?.get("network:n-frontend")).toBe("refused");
    expect(backend.calls.filter((c) => c.command === "dropTargets")).toHaveLength(2);
  });

  it("cancels on Escape: the release afterwards changes nothing", async () => {
    const { gestures, log, at, view, tick } = setup();
    const from = at("container:c-api");
    gestures.onPointer({ type: "down", at: from, shift: false, ctrl: false });
    gestures.onPointer({ type: "move", at: { x: from.x + 30, y: from.y }, shift: false, ctrl: false });
    await tick();
    gestures.cancel();
    expect(view.dropMarks).toBeNull();
    gestures.onPointer({ type: "move", at: at("network:n-frontend"), shift: false, ctrl: false });
    gestures.onPointer({ type: "up", at: at("network:n-frontend"), shift: false, ctrl: false });
    await tick();
    expect(log).toEqual([]);
  });
});
