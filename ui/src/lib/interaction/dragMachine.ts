// The canvas gestures as a pure state machine: press a container node or an endpoint edge, then either
// release it as a click, drag the container over network hubs and drop it, or pull the edge away from
// its line until it snaps. It decides what a gesture means; it does not hit-test, render or call the
// backend (the caller passes in what is under the pointer and acts on the outcome).
import { CLICK_SLOP, distance, isSnapped, type Point, type Segment } from "../graph/geometry";

/** What the press landed on. Edges carry their drawn segment so the pull can be measured against it. */
export type Grab = { kind: "node"; id: string } | { kind: "edge"; id: string; segment: Segment };

export type DragState =
  | { phase: "idle" }
  | { phase: "pressed"; grab: Grab; start: Point }
  /** A container node being dragged; `over` is the network hub under the pointer, if any. */
  | { phase: "dragging"; id: string; start: Point; pointer: Point; over: string | null }
  /** An endpoint edge pulled away from its line; `snapped` once it is past the snap distance. */
  | { phase: "pulling"; id: string; segment: Segment; pointer: Point; snapped: boolean }
  /** Escape (or a vanished node) ended the gesture; the release that follows does nothing. */
  | { phase: "cancelled" };

export type DragOutcome =
  | { kind: "none" }
  | { kind: "click"; id: string }
  /** `networkId` is the hub's node id, or null for a drop on empty canvas. */
  | { kind: "drop"; containerId: string; networkId: string | null; at: Point; shift: boolean }
  | { kind: "disconnect"; edgeId: string };

export const IDLE: DragState = { phase: "idle" };

export function press(grab: Grab, at: Point): DragState {
  return { phase: "pressed", grab, start: at };
}

/**
 * The pointer moved to `at`. `hubAt` says which network hub (node id) is under a point; it is only
 * asked while a container is being dragged.
 */
export function move(state: DragState, at: Point, hubAt: (p: Point) => string | null): DragState {
  switch (state.phase) {
    case "pressed": {
      if (distance(at, state.start) <= CLICK_SLOP) return state;
      const grab = state.grab;
      if (grab.kind === "node") return { phase: "dragging", id: grab.id, start: state.start, pointer: at, over: hubAt(at) };
      return { phase: "pulling", id: grab.id, segment: grab.segment, pointer: at, snapped: isSnapped(at, grab.segment) };
    }
    case "dragging":
      return { ...state, pointer: at, over: hubAt(at) };
    case "pulling":
      return { ...state, pointer: at, snapped: isSnapped(at, state.segment) };
    default:
      return state;
  }
}

/** The button came up at `at`, with Shift held or not: what the gesture meant. */
export function release(state: DragState, at: Point, shift: boolean): { state: DragState; outcome: DragOutcome } {
  switch (state.phase) {
    case "pressed":
      return { state: IDLE, outcome: { kind: "click", id: state.grab.id } };
    case "dragging":
      return { state: IDLE, outcome: { kind: "drop", containerId: state.id, networkId: state.over, at, shift } };
    case "pulling": {
      // Measured at the release point: a hand that came back towards the line changed its mind.
      const snapped = isSnapped(at, state.segment);
      return { state: IDLE, outcome: snapped ? { kind: "disconnect", edgeId: state.id } : { kind: "none" } };
    }
    default:
      return { state: IDLE, outcome: { kind: "none" } };
  }
}

/** Escape or a topology that lost the grabbed item: nothing happens, even on release. */
export function cancel(state: DragState): DragState {
  return state.phase === "idle" ? state : { phase: "cancelled" };
}

/** Whether the gesture has become a drag (the canvas shows it and the camera must stay put). */
export function isActive(state: DragState): boolean {
  return state.phase === "dragging" || state.phase === "pulling";
}
