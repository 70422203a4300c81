// Drives the bindings through Tauri's own IPC mocks: the command names, the Result wrapping (both
// branches), the event names, and the shell plugin for links.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { afterEach, describe, expect, it } from "vitest";

import { isWebUrl, tauriBackend, type TopologyDto } from "./backend";
import { demoStatus, demoTopology } from "../test/demoTopology";

afterEach(() => clearMocks());

describe("tauriBackend", () => {
  it("asks Rust for the topology and unwraps the ok branch", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return cmd === "get_topology" ? demoTopology(4) : null;
    });
    const result = await tauriBackend().getTopology();
    expect(calls).toEqual(["get_topology"]);
    expect(result.status === "ok" && result.data.revision).toBe(4);
  });

  it("turns a rejected command into the error branch with its code", async () => {
    mockIPC(() => {
      throw { code: "engineUnreachable", message: "connection refused", hint: null };
    });
    const result = await tauriBackend().getTopology();
    expect(result).toEqual({ status: "error", error: { code: "engineUnreachable", message: "connection refused", hint: null } });
  });

  it("reads the engine status", async () => {
    mockIPC((cmd) => (cmd === "get_engine_status" ? demoStatus() : null));
    expect((await tauriBackend().getEngineStatus()).context).toBe("sandbox");
  });

  it("delivers topology-changed events to onTopology until unsubscribed", async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const seen: TopologyDto[] = [];
    const off = await tauriBackend().onTopology((t) => seen.push(t));
    await emit("topology-changed", demoTopology(7));
    off();
    await emit("topology-changed", demoTopology(8));
    expect(seen.map((t) => t.revision)).toEqual([7]);
  });

  it("delivers engine-status-changed events to onStatus", async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const states: string[] = [];
    await tauriBackend().onStatus((s) => states.push(s.state));
    await emit("engine-status-changed", demoStatus({ state: "unreachable" }));
    expect(states).toEqual(["unreachable"]);
  });

  it("opens web links through the shell plugin and refuses anything else", async () => {
    const opened: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "plugin:shell|open") opened.push(args);
      return null;
    });
    await tauriBackend().openUrl("https://docs.docker.com/engine/network/");
    expect(opened).toEqual([{ path: "https://docs.docker.com/engine/network/" }]);
    await expect(tauriBackend().openUrl("file:///etc/passwd")).rejects.toThrow(/non-web/);
    expect(opened).toHaveLength(1);
  });

  it("knows a web link", () => {
    expect(isWebUrl("http://localhost:8080")).toBe(true);
    expect(isWebUrl("javascript:alert(1)")).toBe(false);
    expect(isWebUrl("not a url")).toBe(false);
  });
});
