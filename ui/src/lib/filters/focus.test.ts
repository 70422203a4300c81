import { describe, expect, it } from "vitest";

import { demoTopology } from "../../test/demoTopology";
import { indexTopology } from "../topologyIndex";
import { keptIds, neighbourhood } from "./focus";
import { computeHidden, NO_FILTER } from "./rule";

const topology = demoTopology();
const index = indexTopology(topology);
const none = new Set<string>();

describe("a node's neighbourhood", () => {
  it("one hop from a network is its containers, Host and External, and every line between two of them", () => {
    const n = neighbourhood(index, "network:n-backend", 1, none);
    const nodes = [...(n?.nodes ?? [])].sort();
    expect(nodes).toEqual([
      "container:c-api",
      "container:c-db",
      "container:c-gateway",
      "container:c-nightly",
      "external",
      "host",
      "network:n-backend",
    ]);
    // Stated as the rule rather than listed: the lines of the whole topology that stay inside the focus
    // (here the network's endpoints and its ways out), none that lead to a node left out.
    const inside = topology.edges.filter((e) => nodes.includes(e.source) && nodes.includes(e.target)).map((e) => e.id);
    expect([...(n?.edges ?? [])].sort()).toEqual(inside.sort());
  });

  it("two hops from a container reach its networks' other containers and paths out, not beyond", () => {
    const one = neighbourhood(index, "container:c-gateway", 1, none);
    expect([...(one?.nodes ?? [])].sort()).toEqual(["container:c-gateway", "network:n-backend", "network:n-frontend", "network:n-vault"]);
    const two = neighbourhood(index, "container:c-gateway", 2, none);
    expect(two?.nodes.has("container:c-api")).toBe(true);
    expect(two?.nodes.has("host")).toBe(true);
    expect(two?.nodes.has("network:n-bridge")).toBe(false);
    expect(two?.edges.has("reach:n-frontend:host")).toBe(true);
    expect(two?.edges.has("reach:n-bridge:host")).toBe(false);
  });

  it("goes through Host and External only when focused on them", () => {
    const two = neighbourhood(index, "network:n-frontend", 2, none);
    expect(two?.nodes.has("host")).toBe(true);
    expect(two?.nodes.has("network:n-bridge")).toBe(false);
    const host = neighbourhood(index, "host", 1, none);
    expect(host?.nodes.has("network:n-bridge") && host.nodes.has("network:n-backend")).toBe(true);
    expect(host?.nodes.has("external")).toBe(false);
  });

  it("never reaches or crosses what a filter hides", () => {
    const hidden = computeHidden(index, { ...NO_FILTER, hideStopped: true });
    const n = neighbourhood(index, "network:n-backend", 1, hidden);
    expect(n?.nodes.has("container:c-nightly")).toBe(false);
    expect(n?.edges.has("endpoint:n-backend:c-nightly")).toBe(false);
    expect(neighbourhood(index, "container:c-nightly", 1, hidden)).toBeNull();
  });

  it("is null for a node that is not there, and keeps nodes and lines together", () => {
    expect(neighbourhood(index, "network:n-gone", 1, none)).toBeNull();
    const n = neighbourhood(index, "container:c-printer", 1, none);
    expect(n && [...keptIds(n)].sort()).toEqual(["container:c-printer", "endpoint:n-lan:c-printer", "network:n-lan"]);
  });
});
