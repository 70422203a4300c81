import Graph from "graphology";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { demoTopology } from "../../test/demoTopology";
import { syncGraph, type EdgeAttributes, type NetlensGraph, type NodeAttributes } from "./graphModel";
import { createLodStates } from "./lodStates";
import { PALETTES } from "./palette";
import type { NetlensRenderer } from "./sigmaLook";

/** The renderer members the level of detail uses; `decisions` counts how often it read the camera to decide. */
function fakeRenderer() {
  const listeners = new Set<() => void>();
  let idle = true;
  let decisions = 0;
  const camera = {
    on: (_event: string, fn: () => void) => listeners.add(fn),
    off: (_event: string, fn: () => void) => listeners.delete(fn),
    getState: () => {
      decisions++;
      return { ratio: 1, x: 0.5, y: 0.5, angle: 0 };
    },
  };
  const renderer = {
    getCamera: () => camera,
    getGraphState: () => ({ isIdle: idle }),
    getDimensions: () => ({ width: 800, height: 600 }),
    viewportToGraph: (p: { x: number; y: number }) => p,
    setNodesState: vi.fn(),
    setEdgesState: vi.fn(),
    setNodeState: vi.fn(),
    setEdgeState: vi.fn(),
  };
  return {
    renderer: renderer as unknown as NetlensRenderer,
    move: () => listeners.forEach((fn) => fn()),
    setIdle: (v: boolean) => (idle = v),
    decisions: () => decisions,
  };
}

describe("the level of detail while the camera moves", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const demo = (): NetlensGraph => {
    const g = new Graph<NodeAttributes, EdgeAttributes>({ type: "directed", multi: false });
    syncGraph(g, demoTopology(), PALETTES.light);
    return g;
  };

  it("re-decides at most every interval while the camera moves by itself (fitting, centring)", () => {
    const { renderer, move, decisions } = fakeRenderer();
    const g = demo();
    createLodStates(renderer, () => g, () => []);
    move();
    move();
    expect(decisions()).toBe(0);
    vi.advanceTimersByTime(130);
    expect(decisions()).toBe(1);
  });

  it("waits until a person's pan or zoom stops, then decides once", () => {
    const { renderer, move, setIdle, decisions } = fakeRenderer();
    const g = demo();
    createLodStates(renderer, () => g, () => []);
    setIdle(false);
    for (let i = 0; i < 10; i++) {
      move();
      vi.advanceTimersByTime(50);
    }
    expect(decisions()).toBe(0);
    setIdle(true);
    vi.advanceTimersByTime(130);
    expect(decisions()).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(decisions()).toBe(1);
  });
});
