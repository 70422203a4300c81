import { describe, expect, it } from "vitest";

import { withExtraContainer } from "../demo/scenarios";
import { demoTopology } from "../test/demoTopology";
import { applyBackendDiff } from "./topologyDiff";
import { indexTopology, shortId, withoutPrefix } from "./topologyIndex";

describe("indexTopology", () => {
  const index = indexTopology(demoTopology());

  it("finds the containers on a network and the networks of a container", () => {
    expect(index.endpointsOfNetwork("network:n-backend").map((e) => e.target).sort()).toEqual([
      "container:c-api",
      "container:c-db",
      "container:c-gateway",
      "container:c-nightly",
    ]);
    expect(index.endpointsOfContainer("container:c-gateway").map((e) => e.source).sort()).toEqual([
      "network:n-backend",
      "network:n-frontend",
      "network:n-vault",
    ]);
  });

  it("finds which networks reach the host", () => {
    expect(index.reachesInto("host").map((e) => e.source).sort()).toEqual([
      "network:n-backend",
      "network:n-bridge",
      "network:n-frontend",
      "network:n-host",
      "network:n-old-ci",
      "network:n-scratch",
    ]);
  });
});

describe("indexTopology after a live diff", () => {
  it("finds what an index made from scratch finds, and the earlier index still finds the earlier topology", () => {
    const current = demoTopology(1);
    const before = indexTopology(current);
    const extra = withExtraContainer(demoTopology(2));
    const cache = extra.nodes.find((n) => n.id === "container:c-cache")!;
    const cacheEdge = extra.edges.find((e) => e.id === "endpoint:n-backend:c-cache")!;
    const api = current.edges.find((e) => e.id === "endpoint:n-backend:c-api")!;
    const next = applyBackendDiff(current, {
      baseRevision: 1,
      revision: 2,
      upsertNodes: [cache],
      removeNodes: ["container:c-db"],
      upsertEdges: [cacheEdge, { ...api, label: "10.214.10.99" }],
      removeEdges: current.edges.filter((e) => e.target === "container:c-db").map((e) => e.id),
    })!;
    const derived = indexTopology(next);
    const scratch = indexTopology({ ...next });
    const ids = [...new Set([...current.nodes, ...next.nodes].map((n) => n.id).concat(["host", "external"]))];
    for (const id of ids) {
      expect(derived.node(id)).toBe(scratch.node(id));
      expect(derived.edgesOf(id).map((e) => e.id)).toEqual(scratch.edgesOf(id).map((e) => e.id));
      expect(derived.edgesOf(id)).toEqual(scratch.edgesOf(id));
    }
    for (const e of [...current.edges, ...next.edges]) expect(derived.edge(e.id)).toBe(scratch.edge(e.id));
    expect(derived.edge("endpoint:n-backend:c-api")?.label).toBe("10.214.10.99");
    expect(before.node("container:c-db")).toBeDefined();
    expect(before.edge("endpoint:n-backend:c-api")).toBe(api);
    expect(before.edgesOf("network:n-backend").map((e) => e.id)).not.toContain("endpoint:n-backend:c-cache");
  });
});

describe("formatting helpers", () => {
  it("strips the prefix length from an address", () => {
    expect(withoutPrefix("10.214.10.2/24")).toBe("10.214.10.2");
    expect(withoutPrefix("fd00::2")).toBe("fd00::2");
    expect(withoutPrefix(null)).toBeNull();
  });

  it("shortens full Docker ids only", () => {
    expect(shortId("a".repeat(64))).toBe("aaaaaaaaaaaa");
    expect(shortId("n-backend")).toBe("n-backend");
  });
});
