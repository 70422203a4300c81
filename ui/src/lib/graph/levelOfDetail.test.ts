import Graph from "graphology";
import { describe, expect, it } from "vitest";

import { bigContainerId, bigNetworkId, bigTopology } from "../../test/bigTopology";
import { demoTopology } from "../../test/demoTopology";
import { syncGraph, type EdgeAttributes, type NetlensGraph, type NodeAttributes } from "./graphModel";
import {
  decideLod,
  EDGE_LABEL_RATIO,
  hideEdgesWhileMoving,
  LABEL_BUDGET,
  LABEL_FONT,
  labelBox,
  pickLabels,
  setChange,
  withEdgesChanged,
  withHovered,
  zoomTier,
  type LodInput,
} from "./levelOfDetail";
import { PALETTES } from "./palette";

function graphOf(topology = bigTopology()): NetlensGraph {
  const graph: NetlensGraph = new Graph<NodeAttributes, EdgeAttributes>({ type: "directed", multi: false });
  syncGraph(graph, topology, PALETTES.light);
  return graph;
}

const big = graphOf();
/** The whole big graph framed in a 1,200 px window, roughly. */
const OVERVIEW: LodInput = { ratio: 8, view: null, selected: [], hovered: null };
const net = (i: number) => `network:${bigNetworkId(i)}`;
const ctr = (i: number) => `container:${bigContainerId(i)}`;
const reachOf = (graph: NetlensGraph, network: string) => graph.filterOutEdges(network, (_e, a) => a.kind === "reach");
const endpointEdges = (graph: NetlensGraph) => graph.filterEdges((_e, a) => a.kind === "endpoint");

describe("level of detail", () => {
  it("draws everything on a laptop-sized graph: every label, every path out, IPv4 labels", () => {
    const graph = graphOf(demoTopology());
    const d = decideLod(graph, { ...OVERVIEW, ratio: 1 });
    expect(d.labels.size).toBe(graph.order);
    expect(d.reachHidden.size).toBe(0);
    expect(d.marks.size).toBe(0);
    for (const e of endpointEdges(graph)) expect(d.edgeLabels.has(e)).toBe(true);
  });

  it("edge labels hidden at overview", () => {
    const d = decideLod(big, OVERVIEW);
    expect(d.tier).toBe("overview");
    expect(endpointEdges(big).filter((e) => d.edgeLabels.has(e))).toEqual([]);
  });

  it("edge labels shown once zoomed in past the threshold", () => {
    const d = decideLod(big, { ...OVERVIEW, ratio: EDGE_LABEL_RATIO * 0.9 });
    expect(d.tier).toBe("detail");
    expect(endpointEdges(big).every((e) => d.edgeLabels.has(e))).toBe(true);
  });

  it("edge labels of the selection shown at overview", () => {
    const d = decideLod(big, { ...OVERVIEW, selected: [ctr(7)] });
    const own = big.edges(ctr(7));
    expect(own.length).toBeGreaterThan(0);
    for (const e of own) expect(d.edgeLabels.has(e)).toBe(true);
    expect(endpointEdges(big).filter((e) => d.edgeLabels.has(e)).sort()).toEqual([...own].sort());
  });

  it("reach edges only for the selected network", () => {
    const none = decideLod(big, OVERVIEW);
    expect(none.reachShown.size).toBe(0);
    const reachy = big.filterNodes((id, a) => a.kind === "network" && reachOf(big, id).length > 0);
    expect([...none.marks].sort()).toEqual(reachy.sort());

    const d = decideLod(big, { ...OVERVIEW, selected: [net(4)] });
    expect([...d.reachShown].sort()).toEqual(reachOf(big, net(4)).sort());
    expect(d.reachShown.size).toBe(2);
    expect(d.marks.has(net(4))).toBe(false);
    expect(d.marks.has(net(5))).toBe(true);
    expect(d.reachHidden.size + d.reachShown.size).toBe(big.filterEdges((_e, a) => a.kind === "reach").length);
  });

  it("a selected container brings the paths out of each of its networks", () => {
    const d = decideLod(big, { ...OVERVIEW, selected: [ctr(0)] });
    const networks = big.inNeighbors(ctr(0));
    expect(networks).toHaveLength(2);
    expect([...d.reachShown].sort()).toEqual(networks.flatMap((n) => reachOf(big, n)).sort());
  });

  it("selecting External draws every network's line to it, and no other path out", () => {
    const d = decideLod(big, { ...OVERVIEW, selected: ["external"] });
    const toExternal = big.inEdges("external");
    expect(toExternal.length).toBeGreaterThan(250);
    expect([...d.reachShown].sort()).toEqual([...toExternal].sort());
  });

  it("hovering a network lays its paths out over the selection's", () => {
    const base = decideLod(big, { ...OVERVIEW, selected: [net(4)] });
    const d = withHovered(big, base, net(6));
    expect([...d.reachShown].sort()).toEqual([...reachOf(big, net(4)), ...reachOf(big, net(6))].sort());
    expect(d.marks.has(net(6))).toBe(false);
    expect(d.labels.has(net(6))).toBe(true);
    // The base decision is left as it was.
    expect(base.reachShown.size).toBe(2);
    expect(decideLod(big, { ...OVERVIEW, selected: [net(4)], hovered: net(6) }).reachShown).toEqual(d.reachShown);
  });

  it("label budget keeps selected and hovered", () => {
    const far = ctr(1999);
    const d = decideLod(big, { ...OVERVIEW, selected: [far], hovered: ctr(1500) });
    expect(d.labels.has(far)).toBe(true);
    expect(d.labels.has(ctr(1500))).toBe(true);
    // At overview no other container is labelled: their dots are too small.
    const containers = [...d.labels].filter((id) => big.getNodeAttribute(id, "kind") === "container");
    expect(containers.sort()).toEqual([far, ctr(1500)].sort());
    // The rest stays within the budget; Host and External are always named.
    expect(d.labels.has("host") && d.labels.has("external")).toBe(true);
    expect(d.labels.size).toBeLessThanOrEqual(LABEL_BUDGET + 4 + big.degree(far));
  });

  it("labels the biggest hubs first and never lets two picked labels overlap", () => {
    const d = decideLod(big, OVERVIEW);
    expect(d.labels.has(net(0))).toBe(true);
    const hubs = big.filterNodes((id, a) => a.kind === "network");
    const labelled = hubs.filter((id) => d.labels.has(id));
    expect(labelled.length).toBeGreaterThan(10);
    expect(labelled.length).toBeLessThan(hubs.length);
    const boxes = labelled.map((id) => {
      const a = big.getNodeAttributes(id);
      return labelBox(a.x, a.y, a.size, a.label, LABEL_FONT.hub, OVERVIEW.ratio);
    });
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        expect(a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2).toBe(false);
      }
  });

  it("labels containers only zoomed in, and only those in view", () => {
    const hub = big.getNodeAttributes(net(0));
    const view = { minX: hub.x - 300, maxX: hub.x + 300, minY: hub.y - 300, maxY: hub.y + 300 };
    const d = decideLod(big, { ratio: 0.5, view, selected: [], hovered: null });
    const near = big.outNeighbors(net(0)).filter((c) => {
      const a = big.getNodeAttributes(c);
      return Math.abs(a.x - hub.x) < 150 && Math.abs(a.y - hub.y) < 150;
    });
    expect(near.length).toBeGreaterThan(3);
    expect(near.some((c) => d.labels.has(c))).toBe(true);
    const farHub = big.getNodeAttributes(net(299));
    expect(Math.abs(farHub.x - hub.x) > 1000 || Math.abs(farHub.y - hub.y) > 1000).toBe(true);
    expect(d.labels.has(net(299))).toBe(false);
  });

  it("keeps the zoom tier within a tenth past the threshold, so a resting camera does not flicker", () => {
    const order = 1000;
    expect(zoomTier(EDGE_LABEL_RATIO * 1.05, order)).toBe("overview");
    expect(zoomTier(EDGE_LABEL_RATIO * 1.05, order, "detail")).toBe("detail");
    expect(zoomTier(EDGE_LABEL_RATIO * 1.2, order, "detail")).toBe("overview");
    expect(zoomTier(50, 20)).toBe("detail");
  });

  it("picks by priority, skipping what would overlap, up to the budget", () => {
    const box = (x: number) => ({ x1: x, y1: 0, x2: x + 10, y2: 10 });
    const always = [{ id: "sel", box: box(0), priority: 0 }];
    const candidates = [
      { id: "clash", box: box(5), priority: 9 },
      { id: "a", box: box(20), priority: 5 },
      { id: "b", box: box(40), priority: 4 },
      { id: "c", box: box(60), priority: 3 },
    ];
    expect([...pickLabels(always, candidates, 2)].sort()).toEqual(["a", "b", "sel"]);
  });

  it("places a connect's new edge and a dropped path out without deciding the rest again", () => {
    const graph = graphOf();
    const input: LodInput = { ...OVERVIEW, ratio: 1, selected: [net(7)] };
    const base = decideLod(graph, input);
    // A new endpoint away from the selection, a new path out of an internal network, two removed.
    const endpoint = `endpoint:${bigNetworkId(42)}:${bigContainerId(1500)}`;
    graph.addDirectedEdgeWithKey(endpoint, net(42), ctr(1500), { ...graph.getEdgeAttributes(graph.edges(ctr(1500))[0]!) });
    const internal = graph.filterNodes((id, a) => a.kind === "network" && reachOf(graph, id).length === 0)[0]!;
    const reach = `reach:${internal.slice("network:".length)}:external`;
    graph.addDirectedEdgeWithKey(reach, internal, "external", { ...graph.getEdgeAttributes(reachOf(graph, net(4))[0]!) });
    const gone = reachOf(graph, net(5));
    for (const e of gone) graph.dropEdge(e);

    const next = withEdgesChanged(graph, base, input.selected, [endpoint, reach], gone);
    if (!next) throw new Error("the change does not touch the selection");
    expect(next.edgeLabels.has(endpoint)).toBe(true);
    expect(next.reachHidden.has(reach)).toBe(true);
    expect(next.marks.has(internal)).toBe(true);
    expect(next.marks.has(net(5))).toBe(false);
    expect(next.labels).toEqual(base.labels);
    // The same as deciding it all again.
    const whole = decideLod(graph, input);
    for (const key of ["reachShown", "reachHidden", "marks", "edgeLabels"] as const) expect([...next[key]].sort()).toEqual([...whole[key]].sort());
  });

  it("decides again when a connect touches the selection (its paths out come into focus)", () => {
    const graph = graphOf();
    const base = decideLod(graph, { ...OVERVIEW, selected: [ctr(1500)] });
    const endpoint = `endpoint:${bigNetworkId(42)}:${bigContainerId(1500)}`;
    graph.addDirectedEdgeWithKey(endpoint, net(42), ctr(1500), { ...graph.getEdgeAttributes(graph.edges(ctr(1500))[0]!) });
    expect(withEdgesChanged(graph, base, [ctr(1500)], [endpoint], [])).toBeNull();
    expect(withEdgesChanged(graph, base, [net(7)], [], [`endpoint:${bigNetworkId(7)}:${bigContainerId(3)}`])).toBeNull();
  });

  it("stops drawing lines while the camera moves only on a large graph", () => {
    expect(hideEdgesWhileMoving(graphOf(demoTopology()).size)).toBe(false);
    expect(hideEdgesWhileMoving(big.size)).toBe(true);
  });

  it("says which ids to switch on and off", () => {
    expect(setChange(new Set(["a", "b"]), new Set(["b", "c"]))).toEqual({ on: ["c"], off: ["a"] });
  });
});
