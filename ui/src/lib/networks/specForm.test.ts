import { describe, expect, it } from "vitest";

import { emptyForm, fieldsFor, groupProblems, modesFor, newRow, pairsFrom, specFrom } from "./specForm";
import type { ProblemCode, ProblemField } from "../backend";
import type { ProblemDto } from "../backend";

const p = (field: ProblemField | null, code: ProblemCode = "badCidr"): ProblemDto => ({ code, field, message: `${code} msg`, hint: "hint" });

describe("the create form", () => {
  it("starts as a bridge with inter-container communication on", () => {
    const spec = specFrom(emptyForm("web"));
    expect(spec).toMatchObject({ name: "web", driver: "bridge", icc: true, ipv6: false, labels: [], options: [] });
  });

  it("offers parent and mode only to macvlan and ipvlan, icc only to bridge, attachable only to overlay", () => {
    expect(fieldsFor("macvlan").has("parent")).toBe(true);
    expect(fieldsFor("ipvlan").has("mode")).toBe(true);
    expect(fieldsFor("bridge").has("parent")).toBe(false);
    expect(fieldsFor("bridge").has("icc")).toBe(true);
    expect(fieldsFor("overlay").has("icc")).toBe(false);
    expect(fieldsFor("overlay").has("attachable")).toBe(true);
    expect(fieldsFor("macvlan").has("mtu")).toBe(false);
    expect(fieldsFor("weave").has("subnet")).toBe(true);
    expect(fieldsFor("host").has("subnet")).toBe(false);
  });

  it("leaves out what the chosen driver does not take, but keeps it in the form", () => {
    const form = { ...emptyForm("lan"), driver: "macvlan", parent: "eth0", mode: "vepa", icc: false, mtu: "1400" };
    expect(specFrom(form)).toMatchObject({ parent: "eth0", mode: "vepa", icc: true, mtu: "" });
    const back = specFrom({ ...form, driver: "bridge" });
    expect(back).toMatchObject({ parent: "", mode: "", icc: false, mtu: "1400" });
    expect(form.parent).toBe("eth0");
  });

  it("drops a macvlan mode when the driver becomes ipvlan", () => {
    expect(specFrom({ ...emptyForm("x"), driver: "ipvlan", mode: "vepa", parent: "eth0" }).mode).toBe("");
    expect(modesFor("ipvlan")).toEqual(["l2", "l3", "l3s"]);
  });

  it("sends IPv6 addresses only while IPv6 is on", () => {
    const form = { ...emptyForm("x"), subnetV6: "fd00:1::/64", gatewayV6: "fd00:1::1" };
    expect(specFrom(form)).toMatchObject({ ipv6: false, subnetV6: "", gatewayV6: "" });
    expect(specFrom({ ...form, ipv6: true })).toMatchObject({ ipv6: true, subnetV6: "fd00:1::/64" });
  });

  it("turns rows into pairs, skipping wholly blank rows but not a value without a key", () => {
    const rows = [newRow("team", "web"), newRow("", ""), newRow("", "orphan"), newRow("flag", "")];
    expect(pairsFrom(rows)).toEqual([
      { key: "team", value: "web" },
      { key: "", value: "orphan" },
      { key: "flag", value: "" },
    ]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(4);
  });
});

describe("grouping problems", () => {
  it("puts each problem next to its field, and whole-network or off-screen ones at the top", () => {
    const shown = fieldsFor("bridge");
    const g = groupProblems([p("name", "nameTaken"), p("subnet", "badCidr"), p("subnet", "subnetOverlap"), p(null, "networkGone"), p("parent", "notForDriver")], shown);
    expect(g.byField.get("name")?.map((x) => x.code)).toEqual(["nameTaken"]);
    expect(g.byField.get("subnet")?.map((x) => x.code)).toEqual(["badCidr", "subnetOverlap"]);
    expect(g.general.map((x) => x.code)).toEqual(["networkGone", "notForDriver"]);
  });
});
