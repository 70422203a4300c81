// TODO(golden): goes with fakeLifecycle.ts.
// The fake must behave like the contract for the dialogs' tests to mean anything: these pin the rules and
// renderings the dialog tests lean on.
import { describe, expect, it } from "vitest";

import { createCommand, FakeLifecycle, parseGoDuration, quote } from "./fakeLifecycle";
import { emptyForm, specFrom } from "../lib/networks/specForm";

const ok = <T>(r: { status: "ok"; data: T } | { status: "error" }): T => {
  if (r.status !== "ok") throw new Error("expected ok");
  return r.data;
};

describe("FakeLifecycle", () => {
  it("renders the create command in the Rust side's flag order, quoting what the shell would split", () => {
    const spec = specFrom({ ...emptyForm("my net"), subnet: "10.1.2.0/24", gateway: "10.1.2.1", internal: true, icc: false });
    expect(createCommand(spec)).toBe(
      "docker network create --driver bridge --subnet 10.1.2.0/24 --gateway 10.1.2.1 --internal --opt com.docker.network.bridge.enable_icc=false 'my net'",
    );
    expect(quote("it's")).toBe(`'it'\\''s'`);
  });

  it("places create problems on their fields", async () => {
    const fake = new FakeLifecycle();
    const plan = ok(await fake.planCreate(specFrom({ ...emptyForm("backend"), subnet: "10.214.10.0/25", gateway: "10.9.9.9" })));
    expect(plan.problems.map((p) => [p.field, p.code])).toEqual([
      ["name", "nameTaken"],
      ["subnet", "subnetOverlap"],
      ["gateway", "outsideSubnet"],
    ]);
    const vlan = ok(await fake.planCreate(specFrom({ ...emptyForm("lan"), driver: "macvlan" })));
    expect(vlan.problems.map((p) => p.code)).toEqual(["parentRequired"]);
  });

  it("creates a network that then takes its name", async () => {
    const fake = new FakeLifecycle();
    const outcome = ok(await fake.createNetwork(specFrom({ ...emptyForm("fresh"), subnet: "10.50.0.0/24" })));
    expect(outcome.done).toBe("Created network fresh");
    expect(fake.networks.some((n) => n.name === "fresh")).toBe(true);
    const again = ok(await fake.planCreate(specFrom(emptyForm("fresh"))));
    expect(again.problems[0]?.code).toBe("nameTaken");
  });

  it("prunes only the previewed networks still unused", async () => {
    const fake = new FakeLifecycle();
    const preview = ok(await fake.prunePreview({ until: "", labels: [] }));
    expect(preview.items.map((i) => i.name)).toEqual(["lab-vlan", "old-ci", "scratch"]);
    expect(ok(await fake.prunePreview({ until: "168h", labels: ["ci"] })).items.map((i) => i.name)).toEqual(["old-ci"]);
    ok(await fake.prunePreview({ until: "", labels: [] }));
    fake.attach("n-scratch", { containerId: "c-x", containerName: "web", running: true });
    const report = ok(await fake.pruneNetworks(["n-scratch", "n-old-ci"]));
    expect(report.items.map((i) => [i.name, i.outcome, i.reason])).toEqual([
      ["scratch", "skipped", "web joined it after the preview"],
      ["old-ci", "removed", null],
    ]);
    expect(parseGoDuration("1h30m")).toBe(5400);
    expect(parseGoDuration("3d")).toBeNull();
  });
});
