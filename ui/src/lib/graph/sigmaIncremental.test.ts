import Graph from "graphology";
import { describe, expect, it } from "vitest";

import { addToRanges, incrementalUpdates, removeFromRanges, withRoom, type Range } from "./sigmaIncremental";
import type { RegionDrawing, Touched } from "./sigmaRegion";

/** A region drawing that records what it is told. */
function recordingRegion() {
  const said: string[] = [];
  const region: RegionDrawing = {
    mark: (t: Touched) => void said.push(`mark nodes=${[...t.nodes].join(",")} edges=${[...t.edges].join(",")} ends=${[...t.ends].map((e) => e.join(">")).join(",")}`),
    dropping: (key: string) => void said.push(`dropping ${key}`),
    wholeFrame: () => void said.push("whole"),
    draw: (render) => {
      said.push("draw");
      return render();
    },
    frames: () => ({ whole: 0, clipped: 0, lastClipped: false }),
  };
  return { region, said };
}

type RefreshOptions = { partialGraph?: { nodes?: string[]; edges?: string[] }; skipIndexation?: boolean; schedule?: boolean };

/**
 * The members of a sigma 4.0.4 renderer that sigmaIncremental uses, acting as sigma does where it
 * matters: graph handlers bound to the methods of the moment (as sigma's bindGraphHandlers binds them),
 * a full refresh that marks everything for a full pass, a render that runs that pass (processEdges:
 * every edge gets slot i and picking id i + 1, one drawn range).
 */
function fakeSigma(graph: Graph) {
  const calls: RefreshOptions[] = [];
  const fake = {
    pendingProcess: "none" as "none" | "nodes" | "full",
    edgeProgramIndex: {} as Record<string, number>,
    nodeProgramIndex: {} as Record<string, number>,
    depthRanges: { edges: {} as Record<string, Range[]> },
    pickingState: { lookup: [null] as ({ kind: string; key: string } | null)[], idsByKind: { edge: new Map<string, number>() }, nextId: 1 },
    edgeProgram: {
      capacity: 0,
      reallocate(capacity: number) {
        this.capacity = capacity;
      },
      invalidateBuffers() {},
    },
    labelRenderer: { labelsDirty: false },
    internals: { graph, edgeDataCache: {} as Record<string, { depth?: string } | undefined>, hoverResolver: { invalidate() {} } },
    fullPasses: 0,
    scheduled: 0,
    refresh(opts?: RefreshOptions) {
      calls.push(opts ?? {});
      if (!opts?.partialGraph) this.pendingProcess = "full";
    },
    render() {
      if (this.pendingProcess !== "none") this.processEdges();
      this.pendingProcess = "none";
    },
    scheduleRender() {
      this.scheduled++;
    },
    removeEdge(key: string) {
      delete this.edgeProgramIndex[key];
      delete this.internals.edgeDataCache[key];
    },
    removeNode(key: string) {
      delete this.nodeProgramIndex[key];
    },
    processEdges() {
      this.fullPasses++;
      const edges = graph.edges();
      this.edgeProgram.reallocate(edges.length);
      this.edgeProgramIndex = Object.fromEntries(edges.map((e, i) => [e, i]));
      this.depthRanges.edges = edges.length ? { edges: [{ offset: 0, count: edges.length }] } : {};
      this.pickingState.idsByKind.edge = new Map(edges.map((e, i) => [e, i + 1]));
      this.pickingState.lookup = [null, ...edges.map((key) => ({ kind: "edge", key }))];
      this.pickingState.nextId = edges.length + 1;
      this.nodeProgramIndex = Object.fromEntries(graph.nodes().map((n, i) => [n, i]));
    },
    addEdgeToProgram(edge: string, position: number) {
      this.edgeProgramIndex[edge] = position;
    },
    bindGraphHandlers() {
      const refresh = this.refresh.bind(this);
      const removeEdge = this.removeEdge.bind(this);
      const removeNode = this.removeNode.bind(this);
      const cache = this.internals.edgeDataCache;
      graph.on("edgeAdded", ({ key }) => {
        cache[key] = { depth: "edges" };
        refresh({ partialGraph: { edges: [key] }, schedule: true });
      });
      graph.on("edgeDropped", ({ key }) => {
        removeEdge(key);
        refresh({ schedule: true });
      });
      graph.on("nodeAdded", ({ key }) => refresh({ partialGraph: { nodes: [key] }, schedule: true }));
      graph.on("nodeAttributesUpdated", ({ key }) => refresh({ partialGraph: { nodes: [key] }, schedule: true }));
      graph.on("nodeDropped", ({ key }) => {
        removeNode(key);
        refresh({ schedule: true });
      });
    },
    unbindGraphHandlers() {
      graph.removeAllListeners();
    },
  };
  return { fake, calls };
}

/** A network `n` with containers a, b, c and edges from n to the first `edges` of them, drawn once. */
function drawn(edges: number, region: RegionDrawing | null = null) {
  const graph = new Graph({ type: "directed", multi: false });
  graph.addNode("n");
  for (const c of ["a", "b", "c"]) graph.addNode(c);
  const { fake, calls } = fakeSigma(graph);
  fake.bindGraphHandlers();
  const inc = incrementalUpdates(fake, region);
  for (const c of ["a", "b", "c"].slice(0, edges)) graph.addEdgeWithKey(`n>${c}`, "n", c);
  fake.refresh();
  fake.render();
  calls.length = 0;
  return { graph, fake, calls, inc };
}

describe("drawing a live change without sigma's whole-graph pass", () => {
  it("puts an edge a connect adds in a spare slot at the next frame, with a picking id and no full pass", () => {
    const { graph, fake, calls, inc } = drawn(1);
    inc.apply(() => graph.addEdgeWithKey("n>b", "n", "b"));
    expect(calls).toEqual([]);
    expect(fake.scheduled).toBe(1);
    fake.render();
    expect(fake.fullPasses).toBe(1);
    expect(fake.edgeProgramIndex["n>b"]).toBe(1);
    expect(fake.depthRanges.edges).toEqual({ edges: [{ offset: 0, count: 2 }] });
    const id = fake.pickingState.idsByKind.edge.get("n>b") ?? 0;
    expect([id, fake.pickingState.lookup[id]]).toEqual([2, { kind: "edge", key: "n>b" }]);
  });

  it("takes an edge a disconnect drops out of what is drawn, and gives its slot to the next edge added", () => {
    const { graph, fake, inc } = drawn(3);
    inc.apply(() => graph.dropEdge("n>b"));
    fake.render();
    expect(fake.depthRanges.edges).toEqual({ edges: [{ offset: 0, count: 1 }, { offset: 2, count: 1 }] });
    expect([fake.pickingState.idsByKind.edge.has("n>b"), fake.pickingState.lookup[2]]).toEqual([false, null]);
    inc.apply(() => graph.addEdgeWithKey("n>b again", "n", "b"));
    fake.render();
    expect(fake.edgeProgramIndex["n>b again"]).toBe(1);
    expect(fake.depthRanges.edges).toEqual({ edges: [{ offset: 0, count: 3 }] });
    expect(fake.fullPasses).toBe(1);
  });

  it("rewrites a container that moved in its own slot (sigma's in-place refresh)", () => {
    const { graph, calls, inc } = drawn(1);
    inc.apply(() => graph.mergeNodeAttributes("a", { x: 5 }));
    expect(calls).toEqual([{ partialGraph: { nodes: ["a"], edges: [] }, skipIndexation: true, schedule: true }]);
  });

  it("leaves a node added or removed to sigma's full pass", () => {
    const added = drawn(1);
    added.inc.apply(() => added.graph.addNode("d"));
    expect(added.calls).toEqual([{ schedule: true }]);
    const removed = drawn(2);
    removed.inc.apply(() => removed.graph.dropNode("b"));
    removed.fake.render();
    expect(removed.fake.fullPasses).toBe(2);
    expect(removed.fake.depthRanges.edges).toEqual({ edges: [{ offset: 0, count: 1 }] });
  });

  it("falls back to sigma's full pass when no spare slot is left", () => {
    const { graph, fake, inc } = drawn(1);
    fake.edgeProgram.capacity = 1;
    inc.apply(() => graph.addEdgeWithKey("n>b", "n", "b"));
    fake.render();
    expect(fake.fullPasses).toBe(2);
    expect(fake.edgeProgramIndex).toEqual({ "n>a": 0, "n>b": 1 });
  });

  it("marks where a change was drawn and where it goes, a dropped line by its ends, and draws through the region", () => {
    const { region, said } = recordingRegion();
    const { graph, fake, inc } = drawn(2, region);
    said.length = 0;
    inc.apply(() => {
      graph.dropEdge("n>b");
      graph.addEdgeWithKey("n>c", "n", "c");
    });
    // Told before sigma forgets how it drew the line, then the line by its ends and key.
    expect(said).toEqual(["dropping n>b", "mark nodes= edges=n>c ends=n>b>n>b", "mark nodes= edges=n>c ends=n>b>n>b"]);
    fake.render();
    expect(said.at(-1)).toBe("draw");
  });

  it("asks the region for a whole frame for what it cannot mark: a node removed, a refresh outside a change", () => {
    const { region, said } = recordingRegion();
    const { graph, fake, inc } = drawn(1, region);
    said.length = 0;
    inc.apply(() => graph.dropNode("c"));
    expect(said).toEqual(["whole"]);
    said.length = 0;
    fake.refresh({ partialGraph: { nodes: ["a"] } });
    expect(said).toEqual(["whole"]);
  });

  it("passes sigma's own refreshes through outside a change", () => {
    const { fake, calls } = drawn(1);
    fake.refresh({ partialGraph: { nodes: ["a"] } });
    expect(calls).toEqual([{ partialGraph: { nodes: ["a"] } }]);
  });

  it("does nothing but run the change when sigma's internals have another shape", () => {
    expect(incrementalUpdates({ refresh() {} }).apply(() => 42)).toBe(42);
  });
});

describe("spare edge slots and drawn ranges", () => {
  it("keeps at least 64 spare slots, in steps of 256, so one more edge does not reallocate", () => {
    expect([withRoom(0), withRoom(1), withRoom(3000), withRoom(3001), withRoom(3010)]).toEqual([0, 256, 3072, 3072, 3328]);
  });

  it("splits a range around a slot taken out, and merges a slot put back between two", () => {
    const ranges: Record<string, Range[]> = { edges: [{ offset: 0, count: 5 }], topEdges: [{ offset: 5, count: 1 }] };
    removeFromRanges(ranges, 2);
    removeFromRanges(ranges, 5);
    expect(ranges).toEqual({ edges: [{ offset: 0, count: 2 }, { offset: 3, count: 2 }], topEdges: [] });
    addToRanges(ranges, "edges", 2);
    addToRanges(ranges, "topEdges", 7);
    expect(ranges).toEqual({ edges: [{ offset: 0, count: 5 }], topEdges: [{ offset: 7, count: 1 }] });
  });
});
