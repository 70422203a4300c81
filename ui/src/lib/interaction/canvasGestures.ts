// Runs the drag state machine against a live graph view: decides which presses the UI owns (container
// nodes and endpoint edges), asks the backend for drop targets when a drag starts (and again when a
// new topology arrives mid-drag), marks the hubs, and turns the outcome into a select, a connect, a
// refusal or a disconnect through the callbacks it is given (a click with Ctrl, Cmd or Shift is a
// selection toggle; a drag with Shift connects at once). Plain TypeScript: tests drive it with the
// fake view, the overlay component only reads its store.
import { writable, type Readable } from "svelte/store";

import type { DropTargetDto } from "../backend";
import type { Point, Segment } from "../graph/geometry";
import type { CanvasPointer, DropMark, GraphView } from "../graph/view";
import { cancel, IDLE, isActive, move, press, release, type DragState } from "./dragMachine";
import { collapsedDropHint } from "../groups/actions";
import { projectOfId } from "../groups/collapse";

/** What the overlay draws. */
export interface GestureView {
  state: DragState;
  /** The dragged container's centre (the ghost line starts there), in viewport pixels. */
  from: Point | null;
  /** The hub under the pointer, with its refusal when it will not take the container. */
  over: { name: string; refusal: string | null } | null;
  /** Whether the drop targets have arrived (until then no hub is marked). */
  targetsKnown: boolean;
}

export interface GestureActions {
  view(): GraphView | null;
  /** Whether an operation is running: then the canvas behaves as before (select, pan) and nothing drags. */
  busy(): boolean;
  isContainer(nodeId: string): boolean;
  isEndpointEdge(edgeId: string): boolean;
  dropTargets(containerNodeId: string): Promise<DropTargetDto[] | null>;
  /** A click (no movement) on a container or endpoint edge; `toggle` when Ctrl, Cmd or Shift was held. */
  select(id: string, toggle: boolean): void;
  /** A drop on a hub that takes the container. */
  connect(containerNodeId: string, networkNodeId: string, at: Point, shift: boolean): void;
  /** A drop on a hub that refused, or a drag that lost its container: say why. */
  explain(message: string): void;
  disconnect(edgeId: string): void;
}

const EMPTY: GestureView = { state: IDLE, from: null, over: null, targetsKnown: false };

export class CanvasGestures {
  private state: DragState = IDLE;
  private targets: Map<string, DropTargetDto> | null = null;
  private pendingTargets: Promise<void> | null = null;
  private asked = 0;
  private readonly store = writable<GestureView>(EMPTY);
  readonly view: Readable<GestureView> = { subscribe: this.store.subscribe };

  constructor(private readonly actions: GestureActions) {}

  /** GraphViewCallbacks.onPointer: true from "down" when the press starts a gesture the UI owns. */
  onPointer(event: CanvasPointer): boolean {
    if (event.type === "down") return this.down(event.at);
    if (event.type === "move") this.moved(event.at);
    else void this.up(event);
    return true;
  }

  /** Escape: the drag ends, nothing changes. */
  cancel(): void {
    if (this.state.phase === "idle") return;
    this.state = cancel(this.state);
    this.targets = null;
    this.asked++;
    this.clearDecor();
    this.publish();
  }

  get active(): boolean {
    return isActive(this.state);
  }

  /** A new topology was drawn: keep a drag honest about what may be dropped where. */
  topologyChanged(): void {
    const s = this.state;
    const view = this.actions.view();
    if (s.phase === "dragging") {
      if (!view?.nodeViewportPosition(s.id)) {
        this.cancel();
        this.actions.explain("The container you were dragging is gone.");
        return;
      }
      this.askTargets(s.id);
    } else if (s.phase === "pulling") {
      const segment = view?.edgeViewportSegment(s.id);
      if (!segment) {
        this.cancel();
        this.actions.explain("That connection is already gone.");
        return;
      }
      this.state = { ...s, segment };
      view?.setPulledEdge(s.id);
      this.publish();
    }
  }

  private down(at: Point): boolean {
    const view = this.actions.view();
    if (!view || this.actions.busy()) return false;
    const hit = view.hitTest(at);
    // A new gesture forgets the last one's targets and any answer still on its way.
    this.targets = null;
    this.pendingTargets = null;
    this.asked++;
    if (hit?.kind === "node" && this.actions.isContainer(hit.id)) {
      this.state = press({ kind: "node", id: hit.id }, at);
    } else if (hit?.kind === "edge" && this.actions.isEndpointEdge(hit.id)) {
      const segment: Segment | null = view.edgeViewportSegment(hit.id);
      if (!segment) return false;
      this.state = press({ kind: "edge", id: hit.id, segment }, at);
    } else return false;
    this.publish();
    return true;
  }

  private moved(at: Point): void {
    const view = this.actions.view();
    const before = this.state;
    this.state = move(this.state, at, (p) => view?.networkAt(p) ?? null);
    const s = this.state;
    if (before.phase === "pressed" && s.phase === "dragging") this.askTargets(s.id);
    if (before.phase === "pressed" && s.phase === "pulling") view?.setPulledEdge(s.id);
    if (s.phase === "dragging") view?.setDropOver(s.over);
    if (before !== s) this.publish();
  }

  private async up(event: CanvasPointer): Promise<void> {
    // Shift means two things by design: on a drop, connect at once; on a click, a selection toggle.
    const { outcome } = release(this.state, event.at, event.shift);
    this.state = IDLE;
    const targets = this.pendingTargets;
    this.clearDecor();
    this.publish();
    switch (outcome.kind) {
      case "click":
        this.actions.select(outcome.id, event.shift || event.ctrl);
        return;
      case "disconnect":
        this.actions.disconnect(outcome.edgeId);
        return;
      case "drop": {
        if (outcome.networkId === null) {
          // A collapsed project hides its networks: say how to get at them.
          const hit = this.actions.view()?.hitTest(outcome.at);
          const project = hit?.kind === "node" ? projectOfId(hit.id) : null;
          if (project !== null) this.actions.explain(collapsedDropHint(project));
          return;
        }
        // A quick drop can beat the drop-target answer: wait for it rather than guess.
        if (!this.targets && targets) await targets;
        const target = this.targets?.get(outcome.networkId);
        this.targets = null;
        if (!target) return;
        if (target.refusal) this.actions.explain(target.refusal.message);
        else this.actions.connect(outcome.containerId, outcome.networkId, outcome.at, outcome.shift);
        return;
      }
      default:
        this.targets = null;
    }
  }

  private askTargets(containerNodeId: string): void {
    const ticket = ++this.asked;
    this.pendingTargets = this.actions.dropTargets(containerNodeId).then((list) => {
      // Only the latest question counts, and only while that drag (or its drop) is still going on.
      if (ticket !== this.asked || list === null) return;
      this.targets = new Map(list.map((t) => [t.nodeId, t]));
      if (this.state.phase === "dragging") {
        const marks = new Map<string, DropMark>(list.map((t) => [t.nodeId, t.refusal ? "refused" : "allowed"]));
        this.actions.view()?.setDropMarks(marks, containerNodeId);
        this.publish();
      }
    });
  }

  private clearDecor(): void {
    const view = this.actions.view();
    view?.setDropMarks(null, null);
    view?.setDropOver(null);
    view?.setPulledEdge(null);
  }

  private publish(): void {
    const s = this.state;
    const view = this.actions.view();
    view?.setGesture(s.phase === "dragging" || s.phase === "pulling");
    let over: GestureView["over"] = null;
    if (s.phase === "dragging" && s.over) {
      const target = this.targets?.get(s.over);
      if (target) over = { name: target.networkName, refusal: target.refusal?.message ?? null };
    }
    this.store.set({
      state: s,
      from: s.phase === "dragging" ? (view?.nodeViewportPosition(s.id) ?? null) : null,
      over,
      targetsKnown: this.targets !== null,
    });
  }
}
