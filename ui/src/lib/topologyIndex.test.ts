import { describe, expect, it } from "vitest";

import { demoTopology } from "../test/demoTopology";
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
