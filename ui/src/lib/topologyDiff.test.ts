import Graph from "graphology";
import { describe, expect, it } from "vitest";

import { withExtraContainer } from "../demo/scenarios";
import { bigContainerId, bigNetworkId, bigTopology } from "../test/bigTopology";
import { demoTopology, withContainerState, withoutContainer } from "../test/demoTopology";
import type { TopologyDto } from "./backend";
import { applyDiff, syncGraph, type EdgeAttributes, type NetlensGraph, type NodeAttributes } from "./graph/graphModel";
import { PALETTES } from "./graph/palette";
import { applyBackendDiff, diffBetween, diffSize, diffTopology, isEmptyDiff, rememberDiff, samePlain } from "./topologyDiff";

const light = PALETTES.light;
const fresh = (): NetlensGraph => new Graph<NodeAttributes, EdgeAttributes>({ type: "directed", multi: false });
/** A deep copy, as a new message from the backend would be: equal content, new objects. */
const resent = (t: TopologyDto, revision: number): TopologyDto => ({ ...(JSON.parse(JSON.stringify(t)) as TopologyDto), revision });

describe("diffTopology", () => {
  it("finds nothing between two copies of the same topology (no-op)", () => {
    const d = diffTopology(demoTopology(1), resent(demoTopology(1), 2));
    expect(isEmptyDiff(d)).toBe(true);
    expect([d.base, d.revision]).toEqual([1, 2]);
  });

  it("finds an added container and its endpoint", () => {
    const d = diffTopology(demoTopology(1), withExtraContainer(demoTopology(2)));
    expect(d.nodes.added.map((n) => n.id)).toEqual(["container:c-cache"]);
    expect(d.edges.added.map((e) => e.id)).toEqual(["endpoint:n-backend:c-cache"]);
    expect(diffSize(d)).toBe(2);
  });

  it("finds a removed container with its endpoint, and a changed one", () => {
    const next = withContainerState(withoutContainer(demoTopology(2), "container:c-api"), "container:c-db", "exited");
    const d = diffTopology(demoTopology(1), next);
    expect(d.nodes.removed).toEqual(["container:c-api"]);
    expect(d.edges.removed).toEqual(["endpoint:n-backend:c-api"]);
    expect(d.nodes.changed.map((n) => n.id)).toEqual(["container:c-db"]);
    expect(d.nodes.added).toEqual([]);
  });

  it("finds a moved node and a changed address as changes", () => {
    const next = demoTopology(2);
    const api = next.nodes.find((n) => n.id === "container:c-api");
    const edge = next.edges.find((e) => e.id === "endpoint:n-backend:c-api");
    if (!api || !edge?.endpoint) throw new Error("fixture lacks api");
    api.x += 10;
    edge.endpoint.ipv4 = "10.214.10.99/24";
    const d = diffTopology(demoTopology(1), next);
    expect(d.nodes.changed.map((n) => n.id)).toEqual(["container:c-api"]);
    expect(d.edges.changed.map((e) => e.id)).toEqual(["endpoint:n-backend:c-api"]);
  });

  it("adds everything when there was nothing before", () => {
    const t = demoTopology(3);
    const d = diffTopology(null, t);
    expect(d.base).toBe(0);
    expect(d.nodes.added).toHaveLength(t.nodes.length);
    expect(d.edges.added).toHaveLength(t.edges.length);
  });

  it("compares plain data structurally", () => {
    expect(samePlain({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(samePlain({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(samePlain({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(samePlain([], {})).toBe(false);
  });
});

describe("diffBetween", () => {
  it("uses a recorded diff only when it starts where the caller is", () => {
    const prev = demoTopology(1);
    const next = withExtraContainer(demoTopology(2));
    const recorded = diffTopology(prev, next);
    rememberDiff(next, recorded);
    expect(diffBetween(prev, next)).toBe(recorded);
    const older = demoTopology(0);
    expect(diffBetween(older, next)).not.toBe(recorded);
  });

  it("a backend diff is not applied to another picture of its base revision (a collapsed project's view)", () => {
    const current = demoTopology(1);
    const next = applyBackendDiff(current, { baseRevision: 1, revision: 2, upsertNodes: [], removeNodes: ["container:c-db"], upsertEdges: [], removeEdges: [] })!;
    expect(diffBetween(current, next).nodes.removed).toEqual(["container:c-db"]);
    const collapsedView = { ...current, nodes: current.nodes.filter((n) => n.id !== "container:c-api") };
    const worked = diffBetween(collapsedView, next);
    expect(worked.nodes.added.map((n) => n.id)).toEqual(["container:c-api"]);
    expect(worked.nodes.removed).toEqual(["container:c-db"]);
  });
});

describe("applyDiff to the graph", () => {
  it("adds a container and its endpoint and touches nothing else", () => {
    const graph = fresh();
    const prev = demoTopology(1);
    syncGraph(graph, prev, light);
    const hub = graph.getNodeAttributes("network:n-backend");
    const report = applyDiff(graph, diffTopology(prev, withExtraContainer(demoTopology(2))), light);
    expect(report.added.sort()).toEqual(["container:c-cache", "endpoint:n-backend:c-cache"]);
    expect(report.updated).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(graph.getNodeAttributes("network:n-backend")).toBe(hub);
    expect(graph.getEdgeAttribute("endpoint:n-backend:c-cache", "color")).toBe(light.driver.bridge + light.endpointEdgeAlpha);
  });

  it("removes a container with its edges and applies a change", () => {
    const graph = fresh();
    const prev = demoTopology(1);
    syncGraph(graph, prev, light);
    const next = withContainerState(withoutContainer(demoTopology(2), "container:c-gateway"), "container:c-db", "exited");
    const report = applyDiff(graph, diffTopology(prev, next), light);
    expect(graph.hasNode("container:c-gateway")).toBe(false);
    expect(report.removed).toContain("endpoint:n-vault:c-gateway");
    expect(report.updated).toEqual(["container:c-db"]);
    expect(graph.getNodeAttribute("container:c-db", "color")).toBe(light.container.stopped);
  });

  it("ends where a full sync would, on a large topology with a few changes", () => {
    const prev = bigTopology({ networks: 60, containers: 400, multiHomed: 40 });
    const next = resent(prev, 2);
    const gone = `container:${bigContainerId(5)}`;
    next.nodes = next.nodes.filter((n) => n.id !== gone);
    next.edges = next.edges.filter((e) => e.target !== gone);
    const moved = next.nodes.find((n) => n.id === `container:${bigContainerId(6)}`);
    if (!moved) throw new Error("generator lacks c-0006");
    moved.y += 40;
    const netId = bigNetworkId(3);
    next.edges = next.edges.filter((e) => e.id !== `reach:${netId}:host`);

    const incremental = fresh();
    syncGraph(incremental, prev, light);
    const d = diffTopology(prev, next);
    expect(diffSize(d)).toBeLessThan(10);
    applyDiff(incremental, d, light);
    const whole = fresh();
    syncGraph(whole, next, light);
    expect(incremental.order).toBe(whole.order);
    expect(incremental.size).toBe(whole.size);
    whole.forEachNode((id, a) => expect(incremental.getNodeAttributes(id)).toEqual(a));
    whole.forEachEdge((id, a) => expect(incremental.getEdgeAttributes(id)).toEqual(a));
  });

  it("does work in proportion to the change: one new endpoint writes one edge", () => {
    const prev = bigTopology();
    const graph = fresh();
    syncGraph(graph, prev, light);
    const next = resent(prev, 2);
    const c = next.nodes.find((n) => n.id === `container:${bigContainerId(1234)}`)?.container;
    const n = next.nodes.find((x) => x.id === `network:${bigNetworkId(77)}`)?.network;
    if (!c || !n) throw new Error("generator lacks ids");
    next.edges.push({ ...next.edges[0]!, id: `endpoint:${n.id}:${c.id}`, source: `network:${n.id}`, target: `container:${c.id}`, label: "10.1.2.3" });
    let writes = 0;
    const count = () => void writes++;
    for (const event of ["nodeAdded", "edgeAdded", "nodeDropped", "edgeDropped", "nodeAttributesUpdated", "edgeAttributesUpdated"] as const)
      graph.on(event, count);
    applyDiff(graph, diffTopology(prev, next), light);
    expect(writes).toBe(1);
  });
});

describe("applyBackendDiff", () => {
  it("records the backend's diff, split into added, changed and removed, for the graph and the outline", () => {
    const current = demoTopology(3);
    const cache = withExtraContainer(demoTopology(4)).nodes.find((n) => n.id === "container:c-cache")!;
    const db = structuredClone(current.nodes.find((n) => n.id === "container:c-db")!);
    db.container!.state = "exited";
    const same = structuredClone(current.nodes.find((n) => n.id === "container:c-api")!);
    const next = applyBackendDiff(current, {
      baseRevision: 3,
      revision: 4,
      upsertNodes: [cache, db, same],
      removeNodes: ["container:c-nightly"],
      upsertEdges: [],
      removeEdges: ["endpoint:n-backend:c-nightly"],
    });
    if (!next) throw new Error("diff refused");
    const d = diffBetween(current, next);
    expect(d.nodes.added.map((n) => n.id)).toEqual(["container:c-cache"]);
    expect(d.nodes.changed.map((n) => n.id)).toEqual(["container:c-db"]);
    expect(d.nodes.removed).toEqual(["container:c-nightly"]);
    expect(d.edges.removed).toEqual(["endpoint:n-backend:c-nightly"]);
    // The graph follows it exactly as it would follow the whole topology.
    const graph = fresh();
    syncGraph(graph, current, light);
    applyDiff(graph, d, light);
    const whole = fresh();
    syncGraph(whole, next, light);
    expect(graph.order).toBe(whole.order);
    expect(graph.size).toBe(whole.size);
  });

  it("refuses a diff on another revision", () => {
    const d = { baseRevision: 2, revision: 3, upsertNodes: [], removeNodes: [], upsertEdges: [], removeEdges: [] };
    expect(applyBackendDiff(demoTopology(1), d)).toBeNull();
  });
});
