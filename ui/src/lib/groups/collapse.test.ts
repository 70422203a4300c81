import { describe, expect, it } from "vitest";

import type { EdgeDto, TopologyDto } from "../backend";
import { container, containerNode, endpointEdge, network, networkNode, reachEdge } from "../../test/demoTopology";
import { collapseView, projectNodeId, projectOf, projectOfId, projectsIn } from "./collapse";

// A hand-built engine: project "shop" has its own network shop_default (api, db on it; api also on the
// shared backend, db too) and a sidecar outside the project shares api's stack; "tools" on backend only.
const backend = network("n-backend", "backend", "bridge", "10.1.0.0/24");
const shopNet = network("n-shop", "shop_default", "bridge", "10.2.0.0/24", { composeProject: "shop" });
const api = container("c-api", "api", "running", "shop_default", { composeProject: "shop" });
const db = container("c-db", "db", "running", "shop_default", { composeProject: "shop" });
const visitor = container("c-visitor", "visitor", "running", "shop_default");
const side = container("c-side", "side", "running", "container:c-api");
const lint = container("c-lint", "lint", "running", "backend", { composeProject: "tools" });
const stack: EdgeDto = { id: "stack:c-side:c-api", kind: "stack", source: "container:c-side", target: "container:c-api", label: "", endpoint: null, reach: null };

function engine(): TopologyDto {
  return {
    revision: 4,
    nodes: [
      networkNode(backend, 0, 0),
      networkNode(shopNet, 400, 0),
      containerNode(api, { x: 380, y: 60 }),
      containerNode(db, { x: 420, y: 60 }),
      containerNode(visitor, { x: 400, y: -60 }),
      containerNode(side, { x: 400, y: 90 }),
      containerNode(lint, { x: 0, y: 60 }),
    ],
    edges: [
      endpointEdge(shopNet, api, "10.2.0.2"),
      endpointEdge(shopNet, db, "10.2.0.3"),
      endpointEdge(shopNet, visitor, "10.2.0.9"),
      endpointEdge(backend, api, "10.1.0.2"),
      endpointEdge(backend, db, "10.1.0.3"),
      endpointEdge(backend, lint, "10.1.0.4"),
      reachEdge(shopNet, "external", "nat"),
      stack,
    ],
  };
}

describe("compose projects", () => {
  it("a node belongs to the project Rust put on its container or network", () => {
    const t = engine();
    expect(t.nodes.map((n) => [n.id, projectOf(n)])).toContainEqual(["network:n-shop", "shop"]);
    expect(projectOf(t.nodes.find((n) => n.id === "container:c-visitor")!)).toBeNull();
    const shop = projectsIn(t).get("shop")!;
    expect(shop.containers.map((n) => n.id)).toEqual(["container:c-api", "container:c-db"]);
    expect(shop.networks.map((n) => n.id)).toEqual(["network:n-shop"]);
    expect([...projectsIn(t).keys()].sort()).toEqual(["shop", "tools"]);
    expect([projectOfId(projectNodeId("shop")), projectOfId("network:n-shop")]).toEqual(["shop", null]);
  });

  it("with nothing collapsed, or only projects that are not there, the view is the topology itself", () => {
    const t = engine();
    expect(collapseView(t, new Set())).toBe(t);
    expect(collapseView(t, new Set(["gone"]))).toBe(t);
  });

  it("a collapsed project is one node in the middle of its members, with counted lines to the outside", () => {
    const t = engine();
    const view = collapseView(t, new Set(["shop"]));
    expect(view.revision).toBe(4);
    expect(view.nodes.map((n) => n.id)).toEqual([
      "container:c-lint",
      "container:c-side",
      "container:c-visitor",
      "network:n-backend",
      "project:shop",
    ]);
    const node = view.nodes.find((n) => n.id === "project:shop")!;
    expect(node).toMatchObject({ kind: "project", label: "shop", x: 400, y: 40, network: null, container: null });
    const lines = view.edges.map((e) => [e.id, e.kind, e.source, e.target, e.label]);
    expect(lines).toEqual([
      ["endpoint:n-backend:c-lint", "endpoint", "network:n-backend", "container:c-lint", "10.1.0.4"],
      // api and db on backend: one line standing for two.
      ["group:endpoint:network:n-backend:project:shop", "endpoint", "network:n-backend", "project:shop", "×2"],
      // A container outside the project on the project's network keeps its line and its address.
      ["group:endpoint:project:shop:container:c-visitor", "endpoint", "project:shop", "container:c-visitor", "10.2.0.9"],
      ["group:reach:project:shop:external", "reach", "project:shop", "external", t.edges.find((e) => e.kind === "reach")!.label],
      ["group:stack:container:c-side:project:shop", "stack", "container:c-side", "project:shop", ""],
    ]);
    expect(view.edges.every((e) => e.endpoint === null || e.id.startsWith("endpoint:"))).toBe(true);
    // The topology itself is untouched.
    expect(t.nodes).toHaveLength(7);
  });

  it("two collapsed projects on one network are two nodes, each with its own line to it", () => {
    const view = collapseView(engine(), new Set(["shop", "tools"]));
    expect(view.nodes.map((n) => n.id)).toEqual(["container:c-side", "container:c-visitor", "network:n-backend", "project:shop", "project:tools"]);
    expect(view.edges.map((e) => e.id)).toContain("group:endpoint:network:n-backend:project:tools");
    expect(view.edges.find((e) => e.id === "group:endpoint:network:n-backend:project:tools")?.label).toBe("10.1.0.4");
  });
});
