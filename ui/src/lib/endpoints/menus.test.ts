import { describe, expect, it } from "vitest";

import { demoTopology } from "../../test/demoTopology";
import { recordedOk } from "../../test/replayBackend";
import { indexTopology } from "../topologyIndex";
import { menuFor } from "./menus";

/** Rust's drop targets for a container of the sandbox, as recorded. */
const targetsOf = (containerId: string) => recordedOk("dropTargets", { containerId });

describe("context menus", () => {
  it("offers a container every network, refused ones disabled with their reason, and its disconnects", async () => {
    const log: string[] = [];
    const items = menuFor("container:c-gateway", indexTopology(demoTopology()), targetsOf("c-gateway"), {
      connect: (c, n) => log.push(`connect ${c} ${n}`),
      disconnect: (e) => log.push(`disconnect ${e}`),
      select: (id) => log.push(`select ${id}`),
    });
    expect(items.map((i) => i.label)).toEqual(["Connect to", "Disconnect from backend", "Disconnect from frontend", "Disconnect from vault", "Show details"]);
    const connect = items[0]!.items!;
    const lan = connect.find((i) => i.label === "lan")!;
    expect(lan.disabled).toBe(false);
    expect(lan.subtitle).toBe("docker network connect lan gateway");
    lan.run!();
    const backend = connect.find((i) => i.label === "backend")!;
    expect(backend.disabled).toBe(true);
    const refusal = targetsOf("c-gateway").find((t) => t.networkId === "n-backend")?.refusal;
    expect(refusal?.code).toBe("alreadyConnected");
    expect(backend.subtitle).toBe(refusal?.message);
    // Allowed networks come first.
    expect(connect.findIndex((i) => i.disabled)).toBeGreaterThan(connect.findIndex((i) => i.label === "lan"));
    items[2]!.run!();
    expect(log).toEqual(["connect container:c-gateway network:n-lan", "disconnect endpoint:n-frontend:c-gateway"]);
  });

  it("disables Connect to until the targets are known", () => {
    const items = menuFor("container:c-api", indexTopology(demoTopology()), null, { connect: () => {}, disconnect: () => {}, select: () => {} });
    expect(items[0]).toMatchObject({ label: "Connect to", disabled: true });
  });

  it("offers an endpoint edge its disconnect with the command", () => {
    const log: string[] = [];
    const items = menuFor("endpoint:n-backend:c-api", indexTopology(demoTopology()), null, { connect: () => {}, disconnect: (e) => log.push(e), select: () => {} });
    expect(items[0]).toMatchObject({ label: "Disconnect api from backend", subtitle: "docker network disconnect backend api" });
    items[0]!.run!();
    expect(log).toEqual(["endpoint:n-backend:c-api"]);
  });
});
