import { describe, expect, it } from "vitest";

import { cancel, IDLE, isActive, move, press, release, type DragState } from "./dragMachine";

const noHub = () => null;
const hubNear = (hub: { x: number; y: number }, id: string) => (p: { x: number; y: number }) =>
  Math.hypot(p.x - hub.x, p.y - hub.y) < 15 ? id : null;

describe("drag state machine", () => {
  it("keeps a press that wanders under the click slop a click", () => {
    let s: DragState = press({ kind: "node", id: "container:c-api" }, { x: 100, y: 100 });
    s = move(s, { x: 102, y: 103 }, noHub);
    expect(s.phase).toBe("pressed");
    expect(isActive(s)).toBe(false);
    expect(release(s, { x: 102, y: 103 }, false).outcome).toEqual({ kind: "click", id: "container:c-api" });
  });

  it("turns a press into a drag past the slop and tracks the hub under the pointer", () => {
    const over = hubNear({ x: 300, y: 100 }, "network:n-vault");
    let s: DragState = press({ kind: "node", id: "container:c-api" }, { x: 100, y: 100 });
    s = move(s, { x: 106, y: 100 }, over);
    expect(s).toMatchObject({ phase: "dragging", over: null });
    expect(isActive(s)).toBe(true);
    s = move(s, { x: 295, y: 102 }, over);
    expect(s).toMatchObject({ phase: "dragging", over: "network:n-vault", pointer: { x: 295, y: 102 } });
    const { state, outcome } = release(s, { x: 296, y: 102 }, true);
    expect(state).toEqual(IDLE);
    expect(outcome).toEqual({ kind: "drop", containerId: "container:c-api", networkId: "network:n-vault", at: { x: 296, y: 102 }, shift: true });
  });

  it("reports a drop on empty canvas with no network", () => {
    let s: DragState = press({ kind: "node", id: "container:c-api" }, { x: 0, y: 0 });
    s = move(s, { x: 50, y: 50 }, noHub);
    expect(release(s, { x: 50, y: 50 }, false).outcome).toMatchObject({ kind: "drop", networkId: null });
  });

  it("pulls an edge, snaps past 70 px from its line and disconnects on release", () => {
    const segment = { a: { x: 0, y: 0 }, b: { x: 200, y: 0 } };
    let s: DragState = press({ kind: "edge", id: "endpoint:n:c", segment }, { x: 100, y: 0 });
    s = move(s, { x: 100, y: 30 }, noHub);
    expect(s).toMatchObject({ phase: "pulling", snapped: false });
    s = move(s, { x: 100, y: 150 }, noHub);
    expect(s).toMatchObject({ phase: "pulling", snapped: true });
    expect(release(s, { x: 100, y: 150 }, false).outcome).toEqual({ kind: "disconnect", edgeId: "endpoint:n:c" });
  });

  it("does nothing when a pulled edge is released before the snap", () => {
    const segment = { a: { x: 0, y: 0 }, b: { x: 200, y: 0 } };
    let s: DragState = press({ kind: "edge", id: "endpoint:n:c", segment }, { x: 100, y: 0 });
    s = move(s, { x: 100, y: 150 }, noHub);
    s = move(s, { x: 100, y: 40 }, noHub);
    expect(s).toMatchObject({ snapped: false });
    expect(release(s, { x: 100, y: 40 }, false).outcome).toEqual({ kind: "none" });
  });

  it("selects an edge that was only clicked", () => {
    const segment = { a: { x: 0, y: 0 }, b: { x: 200, y: 0 } };
    const s = press({ kind: "edge", id: "endpoint:n:c", segment }, { x: 100, y: 0 });
    expect(release(s, { x: 101, y: 1 }, false).outcome).toEqual({ kind: "click", id: "endpoint:n:c" });
  });

  it("ignores moves and the release after a cancel", () => {
    let s: DragState = press({ kind: "node", id: "container:c-api" }, { x: 0, y: 0 });
    s = move(s, { x: 80, y: 0 }, () => "network:n-vault");
    s = cancel(s);
    expect(isActive(s)).toBe(false);
    s = move(s, { x: 90, y: 0 }, () => "network:n-vault");
    expect(s.phase).toBe("cancelled");
    expect(release(s, { x: 90, y: 0 }, false)).toEqual({ state: IDLE, outcome: { kind: "none" } });
  });
});
