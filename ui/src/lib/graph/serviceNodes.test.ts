// Swarm services in the graph and the outline: their own shape and colour, their lines (virtual IP,
// task), and an outline section that lists each service and line once. The topology is staged the way
// Rust sends a manager's services (the service's words are Rust's: only their presence is checked here).
import Graph from "graphology";
import { describe, expect, it } from "vitest";

import type { EdgeDto, NodeDto, TopologyDto } from "../backend";
import { buildOutline, outlineIds, updateOutline } from "../outline";
import { outlineRows } from "../outline/rows";
import { diffTopology } from "../topologyDiff";
import { container, containerNode, demoTopology, endpointEdge, network, networkNode } from "../../test/demoTopology";
import { edgeAttributes, nodeAttributes, syncGraph, type NetlensGraph } from "./graphModel";
import { PALETTES } from "./palette";

const apps = network("n-apps", "apps", "overlay", "10.0.1.0/24", { scope: "swarm", attachable: true });
const task = container("c-web1", "web.1.x1", "running", "apps");

function serviceNode(): NodeDto {
  return {
    id: "service:s-web",
    kind: "service",
    label: "web",
    x: 40,
    y: -30,
    network: null,
    container: null,
    service: {
      id: "s-web",
      name: "web",
      mode: "replicated 2",
      replicas: 2,
      runningTasks: 2,
      desiredTasks: 2,
      image: "netlens/busybox:latest",
      endpointMode: "vip",
      networks: [{ networkId: "n-apps", networkName: "apps", virtualIp: "10.0.1.2/24", ingress: false }],
      ports: [],
      tasksHere: [{ containerId: "c-web1", containerName: "web.1.x1", state: "running" }],
      note: "(Rust's note)",
      labels: [],
    },
  };
}

const line = (id: string, kind: EdgeDto["kind"], source: string, target: string, label: string): EdgeDto => ({
  id,
  kind,
  source,
  target,
  label,
  endpoint: null,
  reach: null,
});

function withSwarm(base: TopologyDto): TopologyDto {
  return {
    ...base,
    revision: base.revision + 1,
    nodes: [...base.nodes, networkNode(apps, 300, 0), containerNode(task, { x: 320, y: 60 }), serviceNode()],
    edges: [
      ...base.edges,
      endpointEdge(apps, task, "10.0.1.3"),
      line("vip:s-web:n-apps", "serviceNetwork", "service:s-web", "network:n-apps", "10.0.1.2/24"),
      line("task:s-web:c-web1", "task", "service:s-web", "container:c-web1", "task"),
    ],
  };
}

describe("swarm services in the graph", () => {
  const palette = PALETTES.light;

  it("draws a service as a labelled triangle in the service colour", () => {
    const a = nodeAttributes(serviceNode(), palette);
    expect([a.shape, a.color, a.forceLabel, a.kind]).toEqual(["triangle", palette.service, true, "service"]);
  });

  it("draws a virtual IP as a solid labelled line and a task as a dashed one", () => {
    const vip = edgeAttributes(line("vip:s:n", "serviceNetwork", "service:s", "network:n", "10.0.1.2/24"), undefined, palette);
    expect([vip.dashSize, vip.label]).toEqual([0, "10.0.1.2/24"]);
    const t = edgeAttributes(line("task:s:c", "task", "service:s", "container:c", "task"), undefined, palette);
    expect(t.dashSize).toBeGreaterThan(0);
  });

  it("adds the service, its VIP line and its task line to a drawn graph", () => {
    const graph: NetlensGraph = new Graph({ type: "directed", multi: true });
    syncGraph(graph, demoTopology(), palette);
    const report = syncGraph(graph, withSwarm(demoTopology()), palette);
    expect(report.added).toEqual(expect.arrayContaining(["service:s-web", "vip:s-web:n-apps", "task:s-web:c-web1"]));
  });
});

describe("swarm services in the outline", () => {
  it("lists every service and its lines exactly once, in a section saying it is this node's view", () => {
    const topology = withSwarm(demoTopology());
    const outline = buildOutline(topology);
    const ids = outlineIds(outline);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...topology.nodes.map((n) => n.id), ...topology.edges.map((e) => e.id)].sort());
    expect(outline.services.map((g) => [g.service.label, g.links.map((e) => e.id)])).toEqual([
      ["web", ["vip:s-web:n-apps", "task:s-web:c-web1"]],
    ]);
    const rows = outlineRows(outline, new Set());
    const section = rows.findIndex((r) => r.key === "section:services");
    expect(section).toBeGreaterThan(0);
    expect(rows.slice(section + 1, section + 4).map((r) => r.kind)).toEqual(["service", "link", "link"]);
  });

  it("takes a service in and out as live changes arrive", () => {
    const before = demoTopology();
    const after = withSwarm(before);
    const prev = buildOutline(before);
    const added = updateOutline(prev, after, diffTopology(before, after));
    expect(added.services.map((g) => g.service.id)).toEqual(["service:s-web"]);
    const removed = updateOutline(added, before, diffTopology(after, before));
    expect(removed.services).toEqual([]);
  });
});
