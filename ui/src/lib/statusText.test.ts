import { describe, expect, it } from "vitest";

import { demoStatus, demoTopology } from "../test/demoTopology";
import { engineSource, isEmptyTopology, sandboxText, secondsLeft, stateText } from "./statusText";

describe("retry countdown", () => {
  it("counts down from when the status arrived and stops at zero", () => {
    expect(secondsLeft(8, 1000, 1000)).toBe(8);
    expect(secondsLeft(8, 1000, 3500)).toBe(6);
    expect(secondsLeft(8, 1000, 20_000)).toBe(0);
    expect(secondsLeft(null, 0, 0)).toBeNull();
  });
});

describe("stateText", () => {
  it("says connecting before any status", () => {
    expect(stateText(null, null)).toBe("Connecting…");
  });

  it("says when the next retry comes", () => {
    const down = demoStatus({ state: "unreachable", retryInSeconds: 5 });
    expect(stateText(down, 5)).toBe("Unreachable, retrying in 5 s");
    expect(stateText(down, 0)).toBe("Unreachable, retrying now");
    expect(stateText(demoStatus(), null)).toBe("Connected");
  });
});

describe("sandboxText", () => {
  it("names the engine that did not answer, in Rust's words", () => {
    const status = demoStatus();
    expect(status.sandboxReason).toContain("unix:///var/run/docker.sock");
    expect(sandboxText(status)).toBe(`Sandbox engine — demo topology (${status.sandboxReason})`);
  });

  it("still reads well without a reason", () => {
    expect(sandboxText(demoStatus({ sandboxReason: null }))).toBe("Sandbox engine — demo topology (no other engine answered)");
  });
});

describe("isEmptyTopology", () => {
  it("is false for the demo and true with only predefined networks", () => {
    const demo = demoTopology();
    expect(isEmptyTopology(demo)).toBe(false);
    const bare = { ...demo, nodes: demo.nodes.filter((n) => n.network?.predefined || n.kind === "host" || n.kind === "external") };
    expect(isEmptyTopology(bare)).toBe(true);
  });
});

describe("engineSource", () => {
  it("reads the source the Rust side sends, when it does", () => {
    expect(engineSource(demoStatus())).toBe("Netlens sandbox");
    const { ...withoutSource } = demoStatus();
    delete (withoutSource as Record<string, unknown>)["source"];
    expect(engineSource(withoutSource)).toBeNull();
  });
});
