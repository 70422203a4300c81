import { describe, expect, it } from "vitest";

import { demoTopology } from "../test/demoTopology";
import { buildOutline, outlineIds } from "./outline";

describe("buildOutline", () => {
  const topology = demoTopology();
  const outline = buildOutline(topology);

  it("lists every node and every edge exactly once", () => {
    const ids = outlineIds(outline);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...topology.nodes.map((n) => n.id), ...topology.edges.map((e) => e.id)].sort());
  });

  it("orders networks by name, then the host and the external node", () => {
    expect(outline.networks.map((g) => g.network.label)).toEqual(["backend", "bridge", "frontend", "host", "lan", "none", "vault"]);
    expect(outline.places.map((p) => p.id)).toEqual(["host", "external"]);
  });

  it("files a multi-homed container under the network of its network mode", () => {
    const homeOf = (id: string) =>
      outline.networks.find((g) => g.endpoints.some((r) => r.container.id === id && r.home))?.network.label;
    expect(homeOf("container:c-gateway")).toBe("frontend");
    const vault = outline.networks.find((g) => g.network.label === "vault");
    expect(vault?.endpoints.map((r) => [r.container.label, r.home])).toEqual([["gateway", false]]);
  });

  it("keeps a network's paths out with it", () => {
    const backend = outline.networks.find((g) => g.network.label === "backend");
    expect(backend?.reaches.map((e) => e.id)).toEqual(["reach:n-backend:external", "reach:n-backend:host"]);
    const vault = outline.networks.find((g) => g.network.label === "vault");
    expect(vault?.reaches).toEqual([]);
  });

  it("puts containers without any endpoint in their own group", () => {
    const base = demoTopology();
    const sidecar = base.nodes.find((n) => n.id === "container:c-db");
    if (!sidecar?.container) throw new Error("fixture lacks db");
    const loose = { ...sidecar, id: "container:c-side", label: "side", container: { ...sidecar.container, id: "c-side", networkMode: "container:c-db" } };
    const outline2 = buildOutline({ ...base, nodes: [...base.nodes, loose] });
    expect(outline2.loose.map((n) => n.id)).toEqual(["container:c-side"]);
  });
});
