import Graph from "graphology";
import { describe, expect, it } from "vitest";

import { demoTopology } from "../../test/demoTopology";
import { withExtraContainer } from "../../demo/scenarios";
import { syncGraph, type EdgeAttributes, type NetlensGraph, type NodeAttributes } from "./graphModel";
import { PALETTES } from "./palette";

const light = PALETTES.light;
const fresh = (): NetlensGraph => new Graph<NodeAttributes, EdgeAttributes>({ type: "directed", multi: false });

describe("syncGraph", () => {
  it("adds every node and edge of a first topology", () => {
    const graph = fresh();
    const t = demoTopology();
    const report = syncGraph(graph, t, light);
    expect(graph.order).toBe(t.nodes.length);
    expect(graph.size).toBe(t.edges.length);
    expect(report.added).toHaveLength(t.nodes.length + t.edges.length);
  });

  it("places nodes at Rust's coordinates with y flipped", () => {
    const graph = fresh();
    const t = demoTopology();
    syncGraph(graph, t, light);
    const host = graph.getNodeAttributes("network:n-host");
    const sent = t.nodes.find((n) => n.id === "network:n-host")!;
    expect(sent.y).not.toBe(0);
    expect([host.x, host.y]).toEqual([sent.x, -sent.y]);
  });

  it("colours networks by driver, containers by state, and makes hubs bigger", () => {
    const graph = fresh();
    syncGraph(graph, demoTopology(), light);
    expect(graph.getNodeAttribute("network:n-lan", "color")).toBe(light.driver.macvlan);
    expect(graph.getNodeAttribute("network:n-none", "color")).toBe(light.driver.none);
    expect(graph.getNodeAttribute("network:n-backend", "color")).toBe(light.driver.bridge);
    expect(graph.getNodeAttribute("container:c-api", "color")).toBe(light.container.running);
    expect(graph.getNodeAttribute("container:c-nightly", "color")).toBe(light.container.stopped);
    expect(graph.getNodeAttribute("container:c-nightly", "labelColor")).toBe(light.labelMuted);
    expect(graph.getNodeAttribute("network:n-backend", "size")).toBeGreaterThan(graph.getNodeAttribute("container:c-api", "size"));
  });

  it("labels endpoint edges with the IPv4 address and dashes the paths out", () => {
    const graph = fresh();
    syncGraph(graph, demoTopology(), light);
    expect(graph.getEdgeAttribute("endpoint:n-backend:c-api", "label")).toBe("10.214.10.2");
    expect(graph.getEdgeAttribute("endpoint:n-backend:c-api", "dashSize")).toBe(0);
    expect(graph.getEdgeAttribute("reach:n-backend:external", "dashSize")).toBeGreaterThan(0);
    expect(graph.getEdgeAttribute("reach:n-backend:external", "kind")).toBe("reach");
  });

  it("updates in place: an added container is the only change and nothing else moves", () => {
    const graph = fresh();
    syncGraph(graph, demoTopology(1), light);
    const before = graph.getNodeAttributes("network:n-backend");
    const report = syncGraph(graph, withExtraContainer(demoTopology(2)), light);
    expect(report.added.sort()).toEqual(["container:c-cache", "endpoint:n-backend:c-cache"]);
    expect(report.removed).toEqual([]);
    expect(report.updated).toEqual([]);
    // Same attribute object: graphology was not asked to touch the node.
    expect(graph.getNodeAttributes("network:n-backend")).toBe(before);
    expect(graph.getNodeAttributes("container:c-cache")).toMatchObject({ x: -54, y: -96 });
  });

  it("removes vanished nodes with their edges, and updates changed ones", () => {
    const graph = fresh();
    syncGraph(graph, demoTopology(1), light);
    const t = demoTopology(2);
    t.nodes = t.nodes.filter((n) => n.id !== "container:c-api");
    t.edges = t.edges.filter((e) => e.target !== "container:c-api");
    const db = t.nodes.find((n) => n.id === "container:c-db");
    if (db?.container) db.container.state = "exited";
    const report = syncGraph(graph, t, light);
    expect(report.removed).toEqual(["endpoint:n-backend:c-api", "container:c-api"]);
    expect(report.updated).toEqual(["container:c-db"]);
    expect(graph.hasNode("container:c-api")).toBe(false);
    expect(graph.getNodeAttribute("container:c-db", "color")).toBe(light.container.stopped);
  });

  it("re-creates an edge whose ends changed", () => {
    const graph = fresh();
    syncGraph(graph, demoTopology(1), light);
    const t = demoTopology(2);
    const edge = t.edges.find((e) => e.id === "reach:n-backend:host");
    if (!edge) throw new Error("fixture lacks the edge");
    edge.target = "external";
    t.edges = t.edges.filter((e) => e.id !== "reach:n-backend:external");
    syncGraph(graph, t, light);
    expect(graph.target("reach:n-backend:host")).toBe("external");
  });

  it("recolours everything for the dark theme without re-adding anything", () => {
    const graph = fresh();
    syncGraph(graph, demoTopology(), light);
    const report = syncGraph(graph, demoTopology(), PALETTES.dark);
    expect(report.added).toEqual([]);
    expect(graph.getNodeAttribute("network:n-backend", "color")).toBe(PALETTES.dark.driver.bridge);
    expect(graph.getNodeAttribute("network:n-backend", "labelColor")).toBe(PALETTES.dark.label);
  });
});
