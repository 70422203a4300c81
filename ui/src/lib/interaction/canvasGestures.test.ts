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
  /** One pointer event; Shift and Ctrl up unless said. */
  const pointer = (type: "down" | "move" | "up", at: Point, keys: { shift?: boolean; ctrl?: boolean } = {}) =>
    gestures.onPointer({ type, at, shift: keys.shift ?? false, ctrl: keys.ctrl ?? false });
  const at = (id: string): Point => view.nodeViewportPosition(id)!;
  const tick = () => new Promise((r) => setTimeout(r, 0));
  /** Releases the pointer and lets the gesture's answer settle. */
  const release = async (at: Point, keys: { shift?: boolean; ctrl?: boolean } = {}) => {
    pointer("up", at, keys);
    await tick();
  };
  /** Press, move in steps, as a hand (and the e2e tests) would. */
  async function drag(from: Point, to: Point, shift = false) {
    const owned = pointer("down", from);
    for (let i = 1; i <= 8; i++) {
      pointer("move", { x: from.x + ((to.x - from.x) * i) / 8, y: from.y + ((to.y - from.y) * i) / 8 });
      await tick();
    }
    await release(to, { shift });
    return owned;
  }
  return { backend, view, gestures, log, at, drag, tick, pointer, release };
}

describe("canvas gestures", () => {
  it("drops a container on a hub that takes it, marking hubs while dragging", async () => {
    const { gestures, pointer, log, at, view, tick, release } = setup();
    const from = at("container:c-api");
    const to = at("network:n-frontend");
    expect(pointer("down", from)).toBe(true);
    // Pressed is not yet a drag: a click may still come, and hover goes on.
    expect(view.gesture).toBe(false);
    pointer("move", { x: from.x + 20, y: from.y });
    await tick();
    expect(view.gesture).toBe(true);
    expect(view.dropMarks?.get("network:n-frontend")).toBe("allowed");
    expect(view.dropMarks?.get("network:n-backend")).toBe("refused");
    expect(view.dropSource).toBe("container:c-api");
    expect(view.dropOver).toBeNull();
    pointer("move", to);
    expect(get(gestures.view).over).toEqual({ name: "frontend", refusal: null });
    // The hub under the pointer is marked, and only while it is.
    expect(view.dropOver).toBe("network:n-frontend");
    pointer("move", { x: to.x + 200, y: to.y + 200 });
    expect(view.dropOver).toBeNull();
    pointer("move", to);
    await release(to);
    expect(log).toEqual(["connect container:c-api network:n-frontend"]);
    expect(view.dropMarks).toBeNull();
    expect(view.dropOver).toBeNull();
    expect(view.gesture).toBe(false);
    expect(get(gestures.view).state.phase).toBe("idle");
  });

  it("passes Shift at the drop on", async () => {
    const { log, at, drag } = setup();
    await drag(at("container:c-api"), at("network:n-vault"), true);
    expect(log).toEqual(["connect container:c-api network:n-vault now"]);
  });

  it("shows a refused hub's reason while hovering and explains it on drop, without connecting", async () => {
    const { gestures, pointer, log, at, tick, release } = setup();
    const from = at("container:c-api");
    pointer("down", from);
    pointer("move", { x: from.x + 30, y: from.y });
    await tick();
    pointer("move", at("network:n-host"));
    const refusal = recordedOk("dropTargets", { containerId: "c-api" }).find((t) => t.networkId === "n-host")?.refusal;
    expect(refusal?.code).toBe("fixedNetwork");
    expect(get(gestures.view).over?.refusal).toBe(refusal?.message);
    await release(at("network:n-host"));
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
    const { pointer, log, at, release } = setup();
    const p = at("container:c-db");
    expect(pointer("down", p)).toBe(true);
    pointer("move", { x: p.x + 2, y: p.y + 2 });
    await release({ x: p.x + 2, y: p.y + 2 });
    expect(log).toEqual(["select container:c-db"]);
    expect(pointer("down", at("network:n-backend"))).toBe(false);
    expect(pointer("down", { x: 3, y: 3 })).toBe(false);
  });

  it("turns a click with Ctrl or Shift into a selection toggle, and a Shift drag still connects", async () => {
    const { pointer, log, at, drag, release } = setup();
    const p = at("container:c-db");
    pointer("down", p);
    pointer("up", p, { ctrl: true });
    pointer("down", p, { shift: true });
    await release(p, { shift: true });
    await drag(at("container:c-api"), at("network:n-vault"), true);
    expect(log).toEqual(["toggle container:c-db", "toggle container:c-db", "connect container:c-api network:n-vault now"]);
  });

  it("owns nothing while an operation runs", () => {
    const { pointer, at } = setup(true);
    expect(pointer("down", at("container:c-api"))).toBe(false);
  });

  it("disconnects an edge pulled past the snap, hiding its straight line meanwhile", async () => {
    const { gestures, pointer, view, log, release } = setup();
    const mid = view.edgeMidpoint("endpoint:n-backend:c-db");
    const s = view.edgeViewportSegment("endpoint:n-backend:c-db")!;
    const len = Math.hypot(s.b.x - s.a.x, s.b.y - s.a.y);
    const away = { x: mid.x - ((s.b.y - s.a.y) / len) * 150, y: mid.y + ((s.b.x - s.a.x) / len) * 150 };
    expect(pointer("down", mid)).toBe(true);
    expect(view.gesture).toBe(false);
    pointer("move", { x: (mid.x + away.x) / 2, y: (mid.y + away.y) / 2 });
    expect(view.pulled).toBe("endpoint:n-backend:c-db");
    expect(view.gesture).toBe(true);
    pointer("move", away);
    expect(get(gestures.view).state).toMatchObject({ phase: "pulling", snapped: true });
    await release(away);
    expect(log).toEqual(["disconnect endpoint:n-backend:c-db"]);
    expect(view.pulled).toBeNull();
    expect(view.gesture).toBe(false);
  });

  it("asks for drop targets again when a topology arrives mid-drag", async () => {
    const { gestures, pointer, backend, view, at, tick } = setup();
    const from = at("container:c-api");
    pointer("down", from);
    pointer("move", { x: from.x + 30, y: from.y });
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
    const { gestures, pointer, log, at, view, tick, release } = setup();
    const from = at("container:c-api");
    pointer("down", from);
    pointer("move", { x: from.x + 30, y: from.y });
    await tick();
    pointer("move", at("network:n-frontend"));
    expect(view.dropOver).toBe("network:n-frontend");
    gestures.cancel();
    expect(view.dropMarks).toBeNull();
    expect(view.dropOver).toBeNull();
    expect(view.gesture).toBe(false);
    pointer("move", at("network:n-frontend"));
    await release(at("network:n-frontend"));
    expect(log).toEqual([]);
  });
});
