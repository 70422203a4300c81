import { describe, expect, it } from "vitest";

import { container, containerNode, demoTopology, endpointEdge, network, networkNode } from "../../test/demoTopology";
import type { TopologyDto } from "../backend";
import { searchTopology } from "./match";

const demo = demoTopology();
const ids = (q: string, t: TopologyDto = demo) => searchTopology(t, q).map((r) => r.id);

describe("searchTopology", () => {
  it("finds nothing for an empty or blank query", () => {
    expect(searchTopology(demo, "")).toEqual([]);
    expect(searchTopology(demo, "   ")).toEqual([]);
  });

  it("puts an exact name before names that start with it and names that contain it", () => {
    const t = demoTopology();
    const extra = container("c-xapi", "xapi", "running", "default");
    const apiary = container("c-apiary", "apiary", "running", "default");
    t.nodes.push(containerNode(extra, { x: 0, y: 0 }), containerNode(apiary, { x: 0, y: 0 }));
    expect(ids("api", t)).toEqual(["container:c-api", "container:c-apiary", "container:c-xapi"]);
    expect(searchTopology(t, "api")[0]?.what).toBe("Container name");
  });

  it("matches names whatever their case", () => {
    expect(ids("BACKEND")[0]).toBe("network:n-backend");
  });

  it("finds a container by its IPv4 and says on which network", () => {
    const [first] = searchTopology(demo, "10.214.10.2");
    expect(first).toMatchObject({ id: "container:c-api", what: "IPv4 10.214.10.2 on backend" });
  });

  it("ranks an exact address before addresses it is a prefix of", () => {
    expect(ids("10.214.10.1")).toEqual(["container:c-gateway"]);
    expect(ids("10.214.10.")).toEqual(["container:c-api", "network:n-backend", "container:c-db", "container:c-gateway"]);
  });

  it("finds a network by the start of its subnet", () => {
    const r = searchTopology(demo, "10.214.30");
    expect(r.map((x) => x.id)).toContain("network:n-lan");
    expect(r.find((x) => x.id === "network:n-lan")?.what).toMatch(/^Subnet 10\.214\.30\.0 on lan$/);
  });

  it("finds a container by ID prefix only from three characters on", () => {
    // Same rank, then by name: "api" before "host-agent".
    expect(ids("c-a")).toEqual(["container:c-api", "container:c-agent"]);
    expect(searchTopology(demo, "c-ap")[0]?.what).toBe("ID c-api");
    expect(ids("c-").length).toBe(0);
  });

  it("finds a container by MAC address", () => {
    expect(searchTopology(demo, "02:42:0a:00:00:02")[0]?.what).toBe("MAC 02:42:0a:00:00:02 on backend");
  });

  it("finds containers by image and by compose project", () => {
    expect(searchTopology(demo, "busybox").length).toBe(8);
    expect(searchTopology(demo, "busybox")[0]?.what).toBe("Image netlens/busybox:latest");
    expect(searchTopology(demo, "shop")).toMatchObject([{ id: "container:c-api", what: "Compose project shop" }]);
  });

  it("leaves hidden items out before it cuts the list, so they never take the places of shown ones", () => {
    const all = searchTopology(demo, "busybox").map((r) => r.id);
    const hidden = new Set(all.slice(0, 3));
    const shown = searchTopology(demo, "busybox", 3, hidden).map((r) => r.id);
    expect(shown).toEqual(all.slice(3, 6));
  });

  it("finds a container by a network alias and by IPv6", () => {
    const net = network("n-x", "mesh", "bridge", "10.9.0.0/24");
    const c = container("c-cache", "cache", "running", "mesh");
    const edge = endpointEdge(net, c, "10.9.0.5", { aliases: ["redis"] });
    edge.endpoint!.ipv6 = "fd00::5/64";
    const t: TopologyDto = { revision: 1, nodes: [networkNode(net, 0, 0), containerNode(c, { x: 1, y: 1 })], edges: [edge] };
    expect(searchTopology(t, "redis")).toMatchObject([{ id: "container:c-cache", what: "Alias redis on mesh" }]);
    expect(searchTopology(t, "fd00::5")).toMatchObject([{ id: "container:c-cache", what: "IPv6 fd00::5 on mesh" }]);
  });

  it("lists at most the limit it is given", () => {
    expect(searchTopology(demo, "e", 3).length).toBe(3);
  });
});
