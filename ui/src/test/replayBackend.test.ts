// The replaying test double: answers only what Rust recorded, by exact arguments, and says what to record
// when asked anything else. The answers here are hand-made stand-ins, not Rust's words: these tests pin the
// replay machinery, never a rule.
import { afterEach, describe, expect, it } from "vitest";

import type { AppError, TopologyDto } from "../lib/backend";
import { canonical, MissingGolden, recorded, recordedGoldens, ReplayBackend, type Goldens } from "./replayBackend";

const topology = (revision: number): TopologyDto => ({ revision, nodes: [], edges: [] });
const refused: AppError = { code: "refused", message: "stand-in refusal", hint: null, problems: [] };
const config = { aliases: [], ipv4: null, ipv6: null };

const goldens: Goldens = {
  planDisconnect: [
    {
      args: { containerId: "c-api", networkId: "n-backend" },
      result: {
        ok: {
          containerId: "c-api",
          containerName: "api",
          networkId: "n-backend",
          networkName: "backend",
          problem: null,
          command: "stand-in command",
          containerRunning: true,
          ipv4: null,
          warning: null,
        },
      },
    },
  ],
  connect: [{ args: { containerId: "c-api", networkId: "n-backend", config }, result: { error: refused } }],
  disconnect: [
    {
      args: { containerId: "c-api", networkId: "n-backend" },
      result: { ok: { done: "first", command: "", history: { entries: [], undo: null, redo: null }, notice: null } },
      emits: topology(2),
      next: "disconnected",
    },
  ],
  undo: [
    { args: {}, result: { error: { code: "nothingToUndo", message: "stand-in: nothing", hint: null } } },
    {
      args: {},
      state: "disconnected",
      result: { ok: { done: "undone", command: "", history: { entries: [], undo: null, redo: null }, notice: null } },
      emits: topology(3),
      next: "initial",
    },
  ],
  getEngineStatus: [
    {
      args: {},
      result: {
        ok: {
          state: "connected",
          context: "sandbox",
          endpoint: "unix:///x.sock",
          source: "stand-in",
          engineVersion: null,
          apiVersion: null,
          sandbox: true,
          sandboxReason: null,
          message: null,
          retryInSeconds: null,
          limits: [],
        },
      },
    },
  ],
};

afterEach(() => void ReplayBackend.takeMissed());

describe("ReplayBackend", () => {
  it("answers a recorded call whatever the order of the argument's keys", async () => {
    const replay = new ReplayBackend(goldens);
    const r = await replay.planDisconnect("c-api", "n-backend");
    expect(r.status === "ok" && r.data.command).toBe("stand-in command");
    const refusedAnswer = await replay.connect("c-api", "n-backend", { ipv6: null, ipv4: null, aliases: [] });
    expect(refusedAnswer).toEqual({ status: "error", error: refused });
    expect(replay.calls.map((c) => c.command)).toEqual(["planDisconnect", "connect"]);
    expect(canonical({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonical({ a: [{ c: 3, d: 2 }], b: 1 }));
  });

  it("fails loudly, naming the command and its arguments, for a call nobody recorded", async () => {
    const replay = new ReplayBackend(goldens);
    const missing = replay.planDisconnect("c-db", "n-backend");
    await expect(missing).rejects.toBeInstanceOf(MissingGolden);
    await expect(replay.planDisconnect("c-db", "n-backend")).rejects.toThrow(
      'no golden answer for planDisconnect({"containerId":"c-db","networkId":"n-backend"}); add the case to the Rust golden writer',
    );
  });

  it("emits the recorded view before resolving, and follows a recorded sequence through its states", async () => {
    const replay = new ReplayBackend(goldens);
    const seen: number[] = [];
    await replay.onTopology((t) => seen.push(t.revision));
    expect((await replay.undo()).status).toBe("error");
    const done = await replay.disconnect("c-api", "n-backend");
    expect(seen).toEqual([2]);
    expect(done.status === "ok" && done.data.done).toBe("first");
    expect(replay.state).toBe("disconnected");
    const undone = await replay.undo();
    expect(undone.status === "ok" && undone.data.done).toBe("undone");
    expect(seen).toEqual([2, 3]);
    expect(replay.state).toBe("initial");
  });

  it("answers the commands that cannot fail with the bare value, and records placements without a golden", async () => {
    const replay = new ReplayBackend(goldens);
    expect((await replay.getEngineStatus()).context).toBe("sandbox");
    await replay.placeNetwork("made", 899.6, -350.2);
    expect(replay.calls.at(-1)).toEqual({ command: "placeNetwork", args: { name: "made", x: 900, y: -350 } });
  });

  it("in the demo, answers an unrecorded question with an error the window can show", async () => {
    const replay = new ReplayBackend(goldens, { onMissing: "answer" });
    const r = await replay.planCreate({ name: "x" } as never);
    expect(r.status === "error" && r.error.message).toContain("no recorded answer for planCreate");
  });

  it("remembers a miss even when the caller swallows it, until a test takes it", async () => {
    const replay = new ReplayBackend(goldens);
    await replay.planDisconnect("c-db", "n-backend").catch(() => null);
    expect(ReplayBackend.takeMissed()).toEqual([expect.stringContaining("no golden answer for planDisconnect")]);
    expect(ReplayBackend.takeMissed()).toEqual([]);
  });

  it("stages an outside change: the state moves and the view recorded there is pushed", async () => {
    const staged: Goldens = { ...goldens, getTopology: [{ args: {}, state: "disconnected", result: { ok: topology(9) } }] };
    const replay = new ReplayBackend(staged);
    const seen: number[] = [];
    await replay.onTopology((t) => seen.push(t.revision));
    replay.stage("disconnected");
    expect(replay.state).toBe("disconnected");
    expect(seen).toEqual([9]);
    expect(replay.lastTopology?.revision).toBe(9);
    expect(recorded("undo", {}, "disconnected", staged).next).toBe("initial");
  });

  it("answers a command a test staged, whatever its arguments, instead of the recording", async () => {
    const replay = new ReplayBackend(goldens);
    replay.answerWith("getTopology", { ok: topology(5) });
    expect(await replay.getTopology()).toEqual({ status: "ok", data: topology(5) });
    expect(replay.lastTopology?.revision).toBe(5);
    replay.answerWith("planDisconnect", { error: refused });
    expect(await replay.planDisconnect("anything", "at all")).toEqual({ status: "error", error: refused });
  });

  it("reads the golden files Rust wrote, each named after a command", () => {
    // Until the Rust golden writer has run there are none; each one present must parse and name a command.
    for (const [command, cases] of Object.entries(recordedGoldens())) {
      expect(Array.isArray(cases), command).toBe(true);
      for (const c of cases ?? []) expect("ok" in c.result || "error" in c.result, command).toBe(true);
    }
  });
});
