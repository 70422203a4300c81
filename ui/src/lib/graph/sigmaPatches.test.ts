import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { adoptGraph, pickOnlyUnderAnIdlePointer, quietHoverWhileMoving, relayoutLabelsAtMostEvery, skipWhatAMovingCameraHides } from "./sigmaPatches";
import type { NetlensGraph } from "./graphModel";
import type { NetlensRenderer } from "./sigmaLook";

/** The members of sigma 4.0.4's renderer the patch reaches into, with a camera that calls its listeners. */
function fakeRenderer() {
  const listeners = new Map<string, Set<() => void>>();
  const on = (event: string, fn: () => void) => void (listeners.get(event) ?? listeners.set(event, new Set()).get(event)!).add(fn);
  const camera = { on, removeListener: (event: string, fn: () => void) => void listeners.get(event)?.delete(fn) };
  const sigmaOwn = vi.fn();
  camera.on("updated", sigmaOwn);
  const r = {
    activeListeners: { camera: sigmaOwn as () => void },
    labelRenderer: { labelsDirty: false },
    refreshMatrices: vi.fn(),
    scheduleRender: vi.fn(),
    getCamera: () => camera,
    on: (event: string, fn: () => void) => on(`renderer:${event}`, fn),
  };
  const emit = (event: string) => listeners.get(event)?.forEach((fn) => fn());
  return { r, sigmaOwn, move: () => emit("updated"), kill: () => emit("renderer:kill") };
}

describe("labels while the camera moves", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("lays the labels out on the first move, then at most every interval, and once more after the last move", () => {
    const { r, sigmaOwn, move } = fakeRenderer();
    relayoutLabelsAtMostEvery(r as unknown as NetlensRenderer, 100);

    move();
    expect(r.labelRenderer.labelsDirty).toBe(true);
    expect(sigmaOwn).not.toHaveBeenCalled();
    expect(r.refreshMatrices).toHaveBeenCalledTimes(1);
    expect(r.scheduleRender).toHaveBeenCalledTimes(1);

    // Sigma clears the flag when it draws; moves within the interval keep the layout it has.
    r.labelRenderer.labelsDirty = false;
    vi.advanceTimersByTime(40);
    move();
    vi.advanceTimersByTime(40);
    move();
    expect(r.labelRenderer.labelsDirty).toBe(false);
    expect(r.scheduleRender).toHaveBeenCalledTimes(3);

    // Still moving past the interval: laid out again.
    vi.advanceTimersByTime(30);
    move();
    expect(r.labelRenderer.labelsDirty).toBe(true);

    // The camera stops within the interval: one more layout when it has passed, with a frame to show it.
    r.labelRenderer.labelsDirty = false;
    vi.advanceTimersByTime(10);
    move();
    expect(r.labelRenderer.labelsDirty).toBe(false);
    vi.advanceTimersByTime(100);
    expect(r.labelRenderer.labelsDirty).toBe(true);
    expect(r.scheduleRender).toHaveBeenCalledTimes(6);
  });

  it("hands sigma's kill() its own listener to take off, and drops a pending layout when killed", () => {
    const { r, sigmaOwn, move, kill } = fakeRenderer();
    relayoutLabelsAtMostEvery(r as unknown as NetlensRenderer, 100);
    expect(r.activeListeners.camera).not.toBe(sigmaOwn);
    move();
    r.labelRenderer.labelsDirty = false;
    move();
    kill();
    vi.advanceTimersByTime(200);
    expect(r.labelRenderer.labelsDirty).toBe(false);
  });

  it("leaves sigma as it is when its internals have another shape", () => {
    const { r, sigmaOwn, move } = fakeRenderer();
    const changed = { ...r, labelRenderer: {} };
    relayoutLabelsAtMostEvery(changed as unknown as NetlensRenderer, 100);
    move();
    expect(sigmaOwn).toHaveBeenCalledTimes(1);
  });
});

describe("taking the first topology", () => {
  it("lets sigma's setGraph index and process the graph at once but draw it at the next frame, then gives refresh back", () => {
    const calls: unknown[] = [];
    class FakeSigma {
      edgeGroups = { graph: null as unknown };
      refresh(opts?: { schedule?: boolean }) {
        calls.push(opts);
        return this;
      }
      processData() {
        calls.push("processed");
      }
      setGraph(graph: NetlensGraph) {
        this.edgeGroups.graph = "indexed";
        // Sigma 4.0.4's setGraph ends with a refresh that draws at once.
        this.refresh();
        return graph;
      }
    }
    const renderer = new FakeSigma();
    const graph = {} as NetlensGraph;
    adoptGraph(renderer, graph);
    expect(calls).toEqual([{ schedule: true }, "processed"]);
    expect(Object.prototype.hasOwnProperty.call(renderer, "refresh")).toBe(false);
    renderer.refresh();
    expect(calls.at(-1)).toBe(undefined);
  });
});

describe("the picking buffer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Sigma 4.0.4's members the patch wraps: what each frame asked for is recorded in `frames`. */
  function pickingRenderer(hovered: boolean) {
    const captor = new Map<string, () => void>();
    const frames: ("picking" | "none")[] = [];
    let idle = true;
    let busy = false;
    let resets = 0;
    const r = {
      internals: { settings: { enableEdgeEvents: true } },
      getGraphState: () => ({ isIdle: idle }),
      getMouseCaptor: () => ({ on: (event: string, fn: () => void) => captor.set(event, fn) }),
      on: () => undefined,
      refresh() {
        return this.render();
      },
      render() {
        this.resetWebGLTexture();
        const params = this.getRenderParams();
        frames.push(params.pickingFrameBuffer ? "picking" : "none");
        return this;
      },
      resetWebGLTexture() {
        resets++;
        return this;
      },
      getRenderParams: () => ({ pickingFrameBuffer: "fb" as string | null, width: 10 }),
      getHitAtPosition: () => frames.at(-1),
    };
    const container = { matches: () => hovered } as unknown as HTMLElement;
    pickOnlyUnderAnIdlePointer(r as unknown as NetlensRenderer, container, () => busy);
    return { r, frames, captor, resets: () => resets, setIdle: (v: boolean) => (idle = v), setBusy: (v: boolean) => (busy = v) };
  }

  it("is drawn only while the pointer rests over the canvas, and drawn at once when it comes", () => {
    const { r, frames, captor } = pickingRenderer(false);
    r.render();
    expect(frames).toEqual(["none"]);
    expect(r.internals.settings.enableEdgeEvents).toBe(false);
    captor.get("mouseenter")?.();
    expect(frames).toEqual(["none", "picking"]);
    expect(r.internals.settings.enableEdgeEvents).toBe(true);
    captor.get("mouseleave")?.();
    r.render();
    expect(frames.at(-1)).toBe("none");
  });

  it("is not drawn or re-created while the camera moves, then drawn once it is idle again", () => {
    const { r, frames, resets, setIdle } = pickingRenderer(true);
    setIdle(false);
    r.render();
    r.render();
    expect(frames).toEqual(["none", "none"]);
    expect(resets()).toBe(0);
    vi.advanceTimersByTime(250);
    expect(frames).toEqual(["none", "none"]);
    setIdle(true);
    vi.advanceTimersByTime(100);
    expect(frames).toEqual(["none", "none", "picking"]);
    expect(resets()).toBe(1);
  });

  it("is not drawn while a drag owns the pointer, then drawn once it ends", () => {
    const { r, frames, setBusy } = pickingRenderer(true);
    setBusy(true);
    r.render();
    vi.advanceTimersByTime(250);
    expect(frames).toEqual(["none"]);
    setBusy(false);
    vi.advanceTimersByTime(100);
    expect(frames).toEqual(["none", "picking"]);
  });

  it("is brought up to date before sigma reads what is under a press", () => {
    const { r, frames, setIdle } = pickingRenderer(true);
    setIdle(false);
    r.render();
    expect(r.getHitAtPosition()).toBe("picking");
    expect(frames).toEqual(["none", "picking"]);
    // Up to date: a second read draws nothing more.
    r.getHitAtPosition();
    expect(frames).toHaveLength(2);
  });
});

describe("hover while something moves", () => {
  it("is resolved only while the camera is idle and no drag owns the pointer", () => {
    const request = vi.fn();
    let idle = true;
    let busy = false;
    const r = { internals: { hoverResolver: { request } }, getGraphState: () => ({ isIdle: idle }) };
    quietHoverWhileMoving(r, () => busy);
    const ask = () => (r.internals.hoverResolver.request as () => void)();
    ask();
    expect(request).toHaveBeenCalledTimes(1);
    idle = false;
    ask();
    busy = true;
    idle = true;
    ask();
    expect(request).toHaveBeenCalledTimes(1);
    busy = false;
    ask();
    expect(request).toHaveBeenCalledTimes(2);
  });
});

describe("what a moving camera hides", () => {
  /** Sigma's members the patch wraps, each a spy, and the flags sigma's render reads for a moving camera. */
  function movingRenderer(hideEdgesOnMove: unknown) {
    const camera = { animating: false, isAnimating() { return this.animating; } };
    const captor: { isMoving: boolean; draggedEvents: number; currentWheelDirection: number } = { isMoving: false, draggedEvents: 0, currentWheelDirection: 0 };
    const spies = {
      run: vi.fn(),
      computeDisplayedEdgeLabels: vi.fn(),
      renderEdgeLabelBackgrounds: vi.fn(),
      renderEdgeLabels: vi.fn(),
      renderBackdrops: vi.fn(),
    };
    const r = {
      internals: { settings: { hideEdgesOnMove } },
      edgeFramePass: { run: spies.run },
      labelRenderer: {
        computeDisplayedEdgeLabels: spies.computeDisplayedEdgeLabels,
        renderEdgeLabelBackgrounds: spies.renderEdgeLabelBackgrounds,
        renderEdgeLabels: spies.renderEdgeLabels,
        renderBackdrops: spies.renderBackdrops,
      },
      getCamera: () => camera,
      getMouseCaptor: () => captor,
    };
    skipWhatAMovingCameraHides(r as unknown as NetlensRenderer);
    /** One frame's calls, in sigma's order (backdrops once per depth). */
    const frame = () => {
      r.edgeFramePass.run();
      r.labelRenderer.computeDisplayedEdgeLabels();
      r.labelRenderer.renderEdgeLabelBackgrounds({}, "edges");
      r.labelRenderer.renderEdgeLabels({}, "edges");
      r.labelRenderer.renderBackdrops({}, "nodes");
      r.labelRenderer.renderBackdrops({}, "topNodes");
    };
    return { camera, captor, spies, frame };
  }

  it("skips the lines' frame pass, their labels and the hub marks while the camera pans, zooms or animates", () => {
    const { camera, captor, spies, frame } = movingRenderer(true);
    const moves: Array<() => void> = [
      () => void (captor.isMoving = true),
      () => void (captor.currentWheelDirection = 1),
      () => void (captor.draggedEvents = 2),
      () => void (camera.animating = true),
    ];
    for (const move of moves) {
      move();
      frame();
      captor.isMoving = false;
      captor.currentWheelDirection = 0;
      captor.draggedEvents = 0;
      camera.animating = false;
    }
    expect(spies.run).not.toHaveBeenCalled();
    expect(spies.computeDisplayedEdgeLabels).not.toHaveBeenCalled();
    expect(spies.renderEdgeLabelBackgrounds).not.toHaveBeenCalled();
    expect(spies.renderEdgeLabels).not.toHaveBeenCalled();
    // Hover, selection and search halos are "topNodes" backdrops: drawn in every frame.
    expect(spies.renderBackdrops.mock.calls.map((c) => c[1])).toEqual(["topNodes", "topNodes", "topNodes", "topNodes"]);
  });

  it("does all of it once the camera is still", () => {
    const { spies, frame } = movingRenderer(true);
    frame();
    expect(spies.run).toHaveBeenCalledTimes(1);
    expect(spies.computeDisplayedEdgeLabels).toHaveBeenCalledTimes(1);
    expect(spies.renderEdgeLabels).toHaveBeenCalledTimes(1);
    expect(spies.renderBackdrops.mock.calls.map((c) => c[1])).toEqual(["nodes", "topNodes"]);
  });

  it("does all of it while moving when the lines stay shown (a small graph)", () => {
    const { captor, spies, frame } = movingRenderer(false);
    captor.isMoving = true;
    frame();
    expect(spies.run).toHaveBeenCalledTimes(1);
    expect(spies.renderEdgeLabels).toHaveBeenCalledTimes(1);
    expect(spies.renderBackdrops).toHaveBeenCalledTimes(2);
  });

  it("leaves sigma as it is when its internals have another shape", () => {
    const { captor, spies, frame } = movingRenderer("yes");
    captor.isMoving = true;
    frame();
    expect(spies.run).toHaveBeenCalledTimes(1);
    expect(spies.renderBackdrops).toHaveBeenCalledTimes(2);
  });
});
