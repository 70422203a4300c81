import { describe, expect, it } from "vitest";

import { withExtraContainer } from "../demo/scenarios";
import { bigContainerId, bigNetworkId, bigTopology } from "../test/bigTopology";
import { demoTopology, endpointEdge, withoutContainer } from "../test/demoTopology";
import type { TopologyDto } from "./backend";
import { buildOutline, outlineIds, updateOutline } from "./outline";
import { diffTopology } from "./topologyDiff";

describe("buildOutline", () => {
  const topology = demoTopology();
  const outline = buildOutline(topology);

  it("lists every node and every edge exactly once", () => {
    const ids = outlineIds(outline);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...topology.nodes.map((n) => n.id), ...topology.edges.map((e) => e.id)].sort());
  });

  it("orders networks by name, then the host and the external node", () => {
    expect(outline.networks.map((g) => g.network.label)).toEqual(["backend", "bridge", "frontend", "host", "lab-vlan", "lan", "none", "old-ci", "scratch", "vault"]);
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

describe("updateOutline", () => {
  /** The outline as plain ids, to compare an updated outline with one built from scratch. */
  const shape = (o: ReturnType<typeof buildOutline>) => ({
    ids: outlineIds(o),
    homes: o.networks.flatMap((g) => g.endpoints.map((r) => `${r.edge.id}:${r.home}`)),
    labels: o.networks.flatMap((g) => [g.network.label, ...g.endpoints.map((r) => `${r.container.label}/${r.container.container?.state}`)]),
  });

  function check(prev: TopologyDto, next: TopologyDto) {
    const before = buildOutline(prev);
    const updated = updateOutline(before, next, diffTopology(prev, next));
    expect(shape(updated)).toEqual(shape(buildOutline(next)));
    return { before, updated };
  }

  it("adds a container under its network and leaves the other networks' groups as they were", () => {
    const { before, updated } = check(demoTopology(1), withExtraContainer(demoTopology(2)));
    const group = (o: typeof before, label: string) => o.networks.find((g) => g.network.label === label);
    expect(group(updated, "backend")).not.toBe(group(before, "backend"));
    expect(group(updated, "frontend")).toBe(group(before, "frontend"));
    expect(updated.places).toBe(before.places);
  });

  it("removes a multi-homed container from every network that listed it", () => {
    const { before, updated } = check(demoTopology(1), withoutContainer(demoTopology(2), "container:c-gateway"));
    expect(updated.networks.find((g) => g.network.label === "lan")).toBe(before.networks.find((g) => g.network.label === "lan"));
  });

  it("follows a container that stopped, a network that went and a container left without a network", () => {
    const next = demoTopology(2);
    const db = next.nodes.find((n) => n.id === "container:c-db");
    if (!db?.container) throw new Error("fixture lacks db");
    db.container.state = "exited";
    next.nodes = next.nodes.filter((n) => n.id !== "network:n-lan");
    next.edges = next.edges.filter((e) => e.source !== "network:n-lan");
    const { updated } = check(demoTopology(1), next);
    expect(updated.loose.map((n) => n.id)).toEqual(["container:c-printer"]);
  });

  it("moves a container's home when it joins the network of its network mode", () => {
    const prev = demoTopology(1);
    const next = demoTopology(2);
    const vault = next.nodes.find((n) => n.id === "network:n-vault")?.network;
    const api = next.nodes.find((n) => n.id === "container:c-api");
    if (!vault || !api?.container) throw new Error("fixture lacks vault or api");
    api.container.networkMode = "vault";
    next.edges.push(endpointEdge(vault, api.container, "10.214.20.3"));
    check(prev, next);
  });

  it("keeps up with a large topology changing a little", () => {
    const prev = bigTopology();
    const next = { ...bigTopology({ revision: 2 }) };
    next.nodes = next.nodes.filter((n) => n.id !== `container:${bigContainerId(10)}` && n.id !== `network:${bigNetworkId(299)}`);
    next.edges = next.edges.filter((e) => e.target !== `container:${bigContainerId(10)}` && e.source !== `network:${bigNetworkId(299)}`);
    const { before, updated } = check(prev, next);
    const same = updated.networks.filter((g) => before.networks.includes(g)).length;
    expect(same).toBeGreaterThan(290);
  });
});
