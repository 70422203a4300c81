import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { adoptGraph, relayoutLabelsAtMostEvery } from "./sigmaPatches";
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
  it("lets sigma's setGraph index the graph at once but draw it at the next frame, then gives refresh back", () => {
    const calls: unknown[] = [];
    class FakeSigma {
      edgeGroups = { graph: null as unknown };
      refresh(opts?: { schedule?: boolean }) {
        calls.push(opts);
        return this;
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
    expect(calls).toEqual([{ schedule: true }]);
    expect(Object.prototype.hasOwnProperty.call(renderer, "refresh")).toBe(false);
    renderer.refresh();
    expect(calls.at(-1)).toBe(undefined);
  });
});
