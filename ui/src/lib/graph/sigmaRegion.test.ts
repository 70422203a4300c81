import Graph from "graphology";
import { describe, expect, it } from "vitest";

import { BARE_PAD, DIRTY_AT_MOST, join, lineBox, MAX_SHARE, nodeBox, regionDrawing, rowRuns, scissorFor, type Box } from "./sigmaRegion";

const view = { width: 800, height: 600, pixelRatio: 1 };

describe("the box a change is drawn in", () => {
  it("joins boxes, and pads a line and a node with its label on either side", () => {
    expect(join(null, null)).toBeNull();
    const a: Box = { x0: 0, y0: 0, x1: 10, y1: 10 };
    expect(join(a, { x0: 5, y0: -5, x1: 20, y1: 8 })).toEqual({ x0: 0, y0: -5, x1: 20, y1: 10 });
    expect(lineBox({ x: 100, y: 50 }, { x: 40, y: 80 }, 10)).toEqual({ x0: 30, y0: 40, x1: 110, y1: 90 });
    const bare = nodeBox({ x: 100, y: 100 }, 5, null);
    const labelled = nodeBox({ x: 100, y: 100 }, 5, "web-1");
    expect(bare.x1 - 100).toBe(100 - bare.x0);
    expect(labelled.x1 - bare.x1).toBeGreaterThanOrEqual(5 * 8);
    expect(labelled.x0).toBeLessThan(bare.x0);
    expect([labelled.y0, labelled.y1]).toEqual([bare.y0, bare.y1]);
  });

  it("becomes a scissor box counted from the bottom left in device pixels, clipped to the canvas", () => {
    expect(scissorFor({ x0: 10, y0: 20, x1: 110, y1: 70 }, view)).toEqual([10, 530, 100, 50]);
    expect(scissorFor({ x0: 10, y0: 20, x1: 110, y1: 70 }, { ...view, pixelRatio: 2 })).toEqual([20, 1060, 200, 100]);
    expect(scissorFor({ x0: -50, y0: -50, x1: 100.4, y1: 99.6 }, view)).toEqual([0, 500, 101, 100]);
    expect(scissorFor({ x0: 900, y0: 10, x1: 950, y1: 50 }, view)).toEqual([0, 0, 0, 0]);
  });

  it("is not worth it past a share of the canvas: the frame is drawn whole", () => {
    const side = Math.sqrt(MAX_SHARE * 800 * 600);
    expect(scissorFor({ x0: 0, y0: 0, x1: side - 2, y1: side - 2 }, view)).not.toBeNull();
    expect(scissorFor({ x0: 0, y0: 0, x1: side + 2, y1: side + 2 }, view)).toBeNull();
  });
});

/** What sigma offers the region drawing, with node positions in viewport pixels and a GL that logs. */
function fakeRenderer() {
  const graph = new Graph({ type: "directed", multi: false });
  const log: string[] = [];
  const CANVAS = null;
  const OFFSCREEN = {} as WebGLFramebuffer;
  let bound: WebGLFramebuffer | null = CANVAS;
  const gl = {
    SCISSOR_TEST: 1,
    READ_FRAMEBUFFER: 2,
    FRAMEBUFFER: 3,
    DRAW_FRAMEBUFFER_BINDING: 4,
    enable: () => log.push("scissor on"),
    disable: () => log.push("scissor off"),
    scissor: (...box: number[]) => log.push(`box ${box.join(" ")}`),
    getParameter: () => bound,
    drawArrays: (_mode: number, first: number, count: number) => log.push(`points ${first}+${count}`),
    bindFramebuffer(_target: number, fb: WebGLFramebuffer | null) {
      bound = fb;
      log.push(fb === null ? "bind canvas" : "bind offscreen");
    },
  };
  const camera = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
  const container = { offsetWidth: 800, offsetHeight: 600 };
  /** The edge frame pass's texture size and the lines' edge-data rows, as sigma keeps them. */
  const texture = { width: 4096, height: 1 };
  const rows = new Map<string, number>();
  /** Set while the camera moves: sigma's pass then draws nothing (sigmaPatches.ts). */
  let skipPass = false;
  const r = {
    webGLContext: gl as unknown as WebGL2RenderingContext,
    edgeFramePass: {
      run(_params: unknown, frameTexture: { getTextureWidth(): number; getTextureHeight(): number }, edgeCount: number) {
        if (skipPass || edgeCount === 0 || frameTexture.getTextureWidth() === 0) return;
        gl.drawArrays(0, 0, edgeCount);
      },
    },
    internals: {
      pixelRatio: 1,
      nodeDataCache: {} as Record<string, { x: number; y: number; size: number; label?: string | null }>,
      edgeDataTexture: { getIndex: (key: string) => rows.get(key) ?? -1 },
      edgeDataCache: {} as Record<string, { size: number; labelVisibility?: string }>,
    },
    stateManager: { dirtyNodes: new Set<string>(), dirtyEdges: new Set<string>(), graphStateFlagsDirty: false },
    pendingProcess: "none",
    getCamera: () => ({ getState: () => ({ ...camera }) }),
    getContainer: () => container as unknown as HTMLElement,
    getGraph: () => graph,
    framedGraphToViewport: (p: { x: number; y: number }) => p,
    scaleSize: (s: number) => s,
  };
  const place = (id: string, x: number, y: number) => {
    if (!graph.hasNode(id)) graph.addNode(id);
    r.internals.nodeDataCache[id] = { x, y, size: 4, label: null };
  };
  const frameTexture = { getTextureWidth: () => texture.width, getTextureHeight: () => texture.height };
  /** A frame as sigma draws it: the offscreen passes (the edge frame pass over every row), then the canvas. */
  const render = () => {
    gl.bindFramebuffer(gl.FRAMEBUFFER, OFFSCREEN);
    if (rows.size > 0) r.edgeFramePass.run(null, frameTexture, Math.max(...rows.values()) + 1);
    log.push("draw offscreen");
    gl.bindFramebuffer(gl.FRAMEBUFFER, CANVAS);
    log.push("draw canvas");
    return "drawn";
  };
  const skip = (on: boolean) => (skipPass = on);
  return { graph, r, gl, log, camera, container, place, render, rows, texture, skip };
}

/** A region drawing over `placed` nodes whose first (whole) frame is drawn, its GL log cleared. */
function afterAFirstFrame(placed: [string, number, number][]) {
  const f = fakeRenderer();
  const region = regionDrawing(f.r);
  if (!region) throw new Error("shape not recognised");
  for (const [id, x, y] of placed) f.place(id, x, y);
  region.draw(f.render);
  f.log.length = 0;
  return { f, region };
}

/** The scissor box the log shows: x, y (from the bottom), width, height. */
const scissorIn = (log: string[]) => (log.find((l) => l.startsWith("box ")) ?? "").split(" ").slice(1).map(Number) as [number, number, number, number];

describe("a frame that shows a live change", () => {
  it("is drawn clipped to where the change was and is, only on the canvas, with GL left as it was", () => {
    const f = fakeRenderer();
    const region = regionDrawing(f.r);
    if (!region) throw new Error("shape not recognised");
    const bind = f.gl.bindFramebuffer;
    f.place("net", 100, 100);
    f.place("box", 120, 110);
    expect(region.draw(f.render)).toBe("drawn");
    expect(f.log).not.toContain("scissor on");
    f.log.length = 0;

    f.graph.addEdgeWithKey("net>box", "net", "box");
    region.mark({ nodes: ["box"], edges: ["net>box"], ends: [] });
    f.place("box", 150, 130);
    region.mark({ nodes: ["box"], edges: ["net>box"], ends: [] });
    expect(region.draw(f.render)).toBe("drawn");
    const [x, y, w, h] = scissorIn(f.log);
    // Both places of the moved container are inside, the rest of the canvas is not.
    for (const [px, py] of [[120, 110], [150, 130], [100, 100]] as const) {
      expect(px >= x && px <= x + w && 600 - py >= y && 600 - py <= y + h).toBe(true);
    }
    expect(w * h).toBeLessThan(800 * 600 * MAX_SHARE);
    expect(f.log.filter((l) => !l.startsWith("box "))).toEqual(["scissor on", "bind offscreen", "scissor off", "draw offscreen", "bind canvas", "scissor on", "draw canvas", "scissor off"]);
    expect(f.gl.bindFramebuffer).toBe(bind);
    expect(region.frames()).toEqual({ whole: 1, clipped: 1, lastClipped: true });

    // Nothing marked: the next frame is whole.
    f.log.length = 0;
    region.draw(f.render);
    expect(f.log).not.toContain("scissor on");
    expect(region.frames()).toEqual({ whole: 2, clipped: 1, lastClipped: false });
  });

  it("leaves out a marked node that is drawn as before: a connected container's new line is all that changed", () => {
    const { f, region } = afterAFirstFrame([["net", 100, 100], ["box", 120, 110], ["far", 600, 500], ["old", 300, 500]]);
    f.graph.addEdgeWithKey("old>box", "old", "box");
    f.log.length = 0;
    region.mark({ nodes: ["box"], edges: [], ends: [] });
    f.graph.addEdgeWithKey("far>box", "far", "box");
    region.mark({ nodes: ["box"], edges: ["far>box"], ends: [] });
    region.draw(f.render);
    const [x, y, w, h] = scissorIn(f.log);
    // The new line from (120, 110) to (600, 500) with its padding, not the node's label room nor its other line.
    expect([x, 600 - (y + h), x + w, 600 - y]).toEqual([120 - 24, 110 - 24, 600 + 24, 500 + 24]);

    // Marked and drawn as before, nothing else: the canvas keeps its picture.
    f.log.length = 0;
    region.mark({ nodes: ["box"], edges: [], ends: [] });
    region.draw(f.render);
    expect(scissorIn(f.log)).toEqual([0, 0, 0, 0]);
    expect(region.frames().lastClipped).toBe(true);
  });

  it("includes where a changed node and its lines were and are", () => {
    const { f, region } = afterAFirstFrame([["net", 100, 100], ["box", 120, 110], ["old", 300, 400]]);
    f.graph.addEdgeWithKey("old>box", "old", "box");
    f.log.length = 0;
    region.mark({ nodes: ["box"], edges: [], ends: [] });
    f.place("box", 200, 150);
    region.mark({ nodes: ["box"], edges: [], ends: [] });
    region.draw(f.render);
    const [x, y, w, h] = scissorIn(f.log);
    for (const [px, py] of [[120, 110], [200, 150], [300, 400]] as const) {
      expect(px >= x && px <= x + w && 600 - py >= y && 600 - py <= y + h).toBe(true);
    }
  });

  it("makes room for a marked node's label only where sigma draws it, and always for a state change", () => {
    const width = (labelVisibility: string, dirty: boolean) => {
      const { f, region } = afterAFirstFrame([["box", 300, 300]]);
      const moved = { x: 320, y: 300, size: 4, label: "bench-c-0001", labelVisibility, backdropVisibility: "hidden" };
      if (dirty) {
        f.r.internals.nodeDataCache["box"] = moved;
        region.mark({ nodes: [], edges: [], ends: [] });
        f.r.stateManager.dirtyNodes.add("box");
      } else {
        f.r.internals.nodeDataCache["box"] = { ...moved, x: 300 };
        region.mark({ nodes: ["box"], edges: [], ends: [] });
        f.r.internals.nodeDataCache["box"] = moved;
      }
      region.draw(f.render);
      return scissorIn(f.log)[2];
    };
    expect(width("hidden", false)).toBeLessThan(2 * (4 + 28) + 20 + 1);
    // No label, no halo or mark: the disc and its anti-aliasing.
    expect(width("hidden", false)).toBe(2 * (4 + BARE_PAD) + 20);
    expect(width("visible", false)).toBeGreaterThan(2 * 12 * 8);
    expect(width("hidden", true)).toBeGreaterThan(2 * 12 * 8);
  });

  it("pads a line without a label, added or dropped, by its half width only; one that may show a label by a label's room", () => {
    const { f, region } = afterAFirstFrame([["net", 100, 100], ["box", 400, 300]]);
    f.graph.addEdgeWithKey("net>box", "net", "box");
    f.r.internals.edgeDataCache["net>box"] = { size: 2, labelVisibility: "hidden" };
    region.mark({ nodes: [], edges: ["net>box"], ends: [] });
    region.draw(f.render);
    expect(scissorIn(f.log)).toEqual([100 - 5, 600 - 300 - 5, 300 + 10, 200 + 10]);

    f.log.length = 0;
    region.dropping("net>box");
    delete f.r.internals.edgeDataCache["net>box"];
    f.graph.dropEdge("net>box");
    region.mark({ nodes: [], edges: [], ends: [["net", "box", "net>box"]] });
    region.draw(f.render);
    expect(scissorIn(f.log)).toEqual([100 - 5, 600 - 300 - 5, 300 + 10, 200 + 10]);

    f.log.length = 0;
    f.graph.addEdgeWithKey("net>box", "net", "box");
    f.r.internals.edgeDataCache["net>box"] = { size: 2, labelVisibility: "auto" };
    region.mark({ nodes: [], edges: ["net>box"], ends: [] });
    region.draw(f.render);
    expect(scissorIn(f.log)).toEqual([100 - 24, 600 - 300 - 24, 300 + 48, 200 + 48]);
  });

  it("includes the line of an edge just dropped, by its ends", () => {
    const { f, region } = afterAFirstFrame([["net", 100, 100], ["far", 400, 300]]);
    region.mark({ nodes: [], edges: [], ends: [["net", "far"]] });
    region.draw(f.render);
    const [x, y, w, h] = scissorIn(f.log);
    expect(x <= 100 && x + w >= 400 && y <= 600 - 300 && y + h >= 600 - 100).toBe(true);
  });

  it("is drawn whole when anything else changed: camera, size, a reprocess, hover, many states or marked nodes, or an unmarked refresh", () => {
    const cases: [string, (f: ReturnType<typeof fakeRenderer>, region: NonNullable<ReturnType<typeof regionDrawing>>) => void][] = [
      ["camera", (f) => (f.camera.ratio = 0.5)],
      ["size", (f) => (f.container.offsetWidth = 700)],
      ["reprocess", (f) => (f.r.pendingProcess = "full")],
      ["hover", (f) => (f.r.stateManager.graphStateFlagsDirty = true)],
      ["many states", (f) => Array.from({ length: DIRTY_AT_MOST + 1 }, (_, i) => f.r.stateManager.dirtyNodes.add(`n${i}`))],
      [
        "many marked nodes",
        (f, region) => {
          const many = Array.from({ length: DIRTY_AT_MOST + 1 }, (_, i) => `m${i}`);
          for (const id of many) f.place(id, 10, 10);
          region.mark({ nodes: many, edges: [], ends: [] });
          for (const id of many) f.place(id, 12, 10);
        },
      ],
      ["unmarked", (_f, region) => region.wholeFrame()],
    ];
    for (const [name, change] of cases) {
      const { f, region } = afterAFirstFrame([["a", 10, 10]]);
      region.mark({ nodes: ["a"], edges: [], ends: [] });
      change(f, region);
      region.draw(f.render);
      expect(f.log.includes("scissor on"), name).toBe(false);
    }
  });

  it("takes in the items whose state changed with it (a new line's level of detail)", () => {
    const { f, region } = afterAFirstFrame([["a", 10, 10], ["b", 500, 400]]);
    region.mark({ nodes: ["a"], edges: [], ends: [] });
    f.r.stateManager.dirtyNodes.add("b");
    region.draw(f.render);
    const [x, y, w, h] = scissorIn(f.log);
    expect(x + w >= 500 && y <= 600 - 400 && h > 0).toBe(true);
  });

  it("is not offered by a renderer of another shape", () => {
    expect(regionDrawing({})).toBeNull();
  });
});

describe("the edge frame pass of a clipped frame", () => {
  it("draws the changed rows and the rows added since its last run, adjacent ones together", () => {
    expect(rowRuns([7, 3, 4, -1, 3], 10, 10)).toEqual([[3, 2], [7, 1]]);
    expect(rowRuns([9, 2], 10, 13)).toEqual([[2, 1], [9, 4]]);
    expect(rowRuns([], 10, 12)).toEqual([[10, 2]]);
    expect(rowRuns([15], 10, 10)).toEqual([]);
  });

  /** net -- a, net -- b, c alone: three lines' rows, the first frame drawn whole. */
  function withLines() {
    const { f, region } = afterAFirstFrame([["net", 100, 100], ["a", 120, 110], ["b", 300, 200], ["c", 400, 300]]);
    f.graph.addEdgeWithKey("net>a", "net", "a");
    f.graph.addEdgeWithKey("net>b", "net", "b");
    f.rows.set("net>a", 0).set("net>b", 1).set("x>y", 2);
    region.draw(f.render);
    expect(f.log).toContain("points 0+3");
    f.log.length = 0;
    return { f, region };
  }
  const points = (log: string[]) => log.filter((l) => l.startsWith("points "));

  it("runs only for the marked lines, the lines of marked nodes and of items whose state changed", () => {
    const { f, region } = withLines();
    region.mark({ nodes: [], edges: ["net>b"], ends: [] });
    region.draw(f.render);
    expect(points(f.log)).toEqual(["points 1+1"]);

    f.log.length = 0;
    region.mark({ nodes: ["a"], edges: [], ends: [] });
    f.place("a", 130, 115);
    region.mark({ nodes: ["a"], edges: [], ends: [] });
    f.r.stateManager.dirtyNodes.add("b");
    region.draw(f.render);
    expect(points(f.log)).toEqual(["points 0+2"]);
    expect(region.frames().lastClipped).toBe(true);
  });

  it("takes in a line added since its last run, and runs whole on a whole frame", () => {
    const { f, region } = withLines();
    f.graph.addEdgeWithKey("net>c", "net", "c");
    f.rows.set("net>c", 3);
    region.mark({ nodes: [], edges: ["net>c"], ends: [] });
    region.draw(f.render);
    expect(points(f.log)).toEqual(["points 3+1"]);

    f.log.length = 0;
    region.draw(f.render);
    expect(region.frames().lastClipped).toBe(false);
    expect(points(f.log)).toEqual(["points 0+4"]);
  });

  it("runs whole when its texture was re-created or its last run drew nothing", () => {
    const grown = withLines();
    grown.f.texture.height = 2;
    grown.region.mark({ nodes: [], edges: ["net>a"], ends: [] });
    grown.region.draw(grown.f.render);
    expect(grown.region.frames().lastClipped).toBe(true);
    expect(points(grown.f.log)).toEqual(["points 0+3"]);

    const moved = withLines();
    moved.f.skip(true);
    moved.region.draw(moved.f.render);
    moved.f.skip(false);
    moved.region.mark({ nodes: [], edges: ["net>a"], ends: [] });
    moved.region.draw(moved.f.render);
    expect(moved.region.frames().lastClipped).toBe(true);
    expect(points(moved.f.log)).toEqual(["points 0+3"]);
  });

  it("leaves the GL's drawArrays as it found it", () => {
    const { f, region } = withLines();
    const drawArrays = f.gl.drawArrays;
    region.mark({ nodes: [], edges: ["net>b"], ends: [] });
    region.draw(f.render);
    expect(f.gl.drawArrays).toBe(drawArrays);
  });
});
