import { describe, expect, it } from "vitest";

import { CONNECTIONS, driverInfo, driverKey, DRIVERS, reachLabel } from "./vocabulary";

describe("driverKey", () => {
  it("maps Docker's driver names, including null for none", () => {
    expect(driverKey("bridge")).toBe("bridge");
    expect(driverKey("null")).toBe("none");
    expect(driverKey("macvlan")).toBe("macvlan");
    expect(driverKey("Overlay")).toBe("overlay");
  });

  it("calls plugin drivers other", () => {
    expect(driverKey("weaveworks/net-plugin:latest_release")).toBe("other");
    expect(driverInfo("calico").title).toBe("other");
  });
});

describe("teaching texts", () => {
  it("gives every driver one legend line and a link to Docker's documentation (the paragraph is Rust's)", () => {
    for (const info of Object.values(DRIVERS)) {
      expect(info.short.length).toBeGreaterThan(20);
      expect(info.short).not.toContain("\n");
      expect(info).not.toHaveProperty("long");
      if (info.docs) expect(info.docs).toMatch(/^https:\/\//);
    }
  });

  it("names the three kinds of connection", () => {
    expect(CONNECTIONS.map((c) => c.key)).toEqual(["external", "host", "container"]);
  });

  it("labels reach kinds from either version of the contract and passes unknown ones through", () => {
    expect(reachLabel("nat")).toBe("NAT");
    expect(reachLabel("gateway")).toBe("host.docker.internal");
    expect(reachLabel("internal")).toBe("internal only");
    expect(reachLabel("tunnel")).toBe("tunnel");
  });
});
