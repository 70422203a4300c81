// The reach store: asks Rust for the picked pair, keeps only the latest answer, follows new views, and runs a
// fix through the editing flow. Answers are Rust's (golden/canReach.json), replayed or handed out by hand
// where a test needs to hold one back.
import { get, writable } from "svelte/store";
import { afterEach, describe, expect, it } from "vitest";

import type { AppError, Result, TopologyDto, VerdictDto } from "../backend";
import { createAppState } from "../stores/app";
import { recordedOk, ReplayBackend } from "../../test/replayBackend";
import type { ConnectResult, ConnectTarget } from "../endpoints/editing";
import { createReach } from "./reach";

afterEach(() => expect(ReplayBackend.takeMissed()).toEqual([]));

const flush = () => new Promise((r) => setTimeout(r, 0));

async function started() {
  const backend = new ReplayBackend();
  const app = createAppState(backend, writable("light" as const));
  await app.start();
  return { backend, app, reach: app.reach };
}

describe("Can A reach B?", () => {
  it("asks nothing until both are picked, then shows Rust's verdict for the pair", async () => {
    const { backend, reach } = await started();
    reach.open("c-api");
    await flush();
    expect(get(reach.verdict)).toEqual({ status: "idle" });
    expect(backend.calls.map((c) => c.command)).not.toContain("canReach");

    reach.pick("toId", "c-db");
    await flush();
    const yes = recordedOk("canReach", { fromId: "c-api", toId: "c-db" });
    expect(get(reach.verdict)).toEqual({ status: "ok", verdict: yes });
    expect(yes.to.reachable).toBe(true);

    reach.pick("toId", "c-legacy");
    await flush();
    const v = get(reach.verdict);
    expect(v.status === "ok" && v.verdict.to.reachable).toBe(false);
  });

  it("never pre-picks a container as its own target", async () => {
    const { reach } = await started();
    reach.open("c-api", "c-api");
    expect(get(reach.picks)).toEqual({ fromId: "c-api", toId: null });
  });

  it("asks the other way round on swap", async () => {
    const { backend, reach } = await started();
    reach.open("c-api", "c-legacy");
    await flush();
    reach.swap();
    await flush();
    expect(get(reach.picks)).toEqual({ fromId: "c-legacy", toId: "c-api" });
    expect(backend.calls.filter((c) => c.command === "canReach").at(-1)?.args).toEqual({ fromId: "c-legacy", toId: "c-api" });
  });

  it("applies the fix as a connect with the engine's defaults, recorded in the history, and then says yes", async () => {
    const { backend, app, reach } = await started();
    reach.open("c-api", "c-legacy");
    await flush();
    const no = recordedOk("canReach", { fromId: "c-api", toId: "c-legacy" });
    const fix = no.fix!.connect!;
    expect(await reach.applyFix()).toEqual({ kind: "done" });
    const config = { aliases: [], ipv4: null, ipv6: null };
    expect(backend.calls.filter((c) => c.command === "connect").map((c) => c.args)).toEqual([
      { containerId: fix.containerId, networkId: fix.networkId, config },
    ]);
    const v = get(reach.verdict);
    expect(v.status === "ok" && v.verdict).toEqual(recordedOk("canReach", { fromId: "c-api", toId: "c-legacy" }, "legacyOnBackend"));
    expect(v.status === "ok" && v.verdict.to.reachable).toBe(true);
    // Undoable like any connect.
    expect(get(app.history.history)?.undo).toBe(recordedOk("connect", { containerId: fix.containerId, networkId: fix.networkId, config }).history.undo);
  });

  it("has no fix to apply when the answer is yes", async () => {
    const { backend, reach } = await started();
    reach.open("c-api", "c-db");
    await flush();
    expect(await reach.applyFix()).toBeNull();
    expect(backend.calls.map((c) => c.command)).not.toContain("connect");
  });
});

/** A backend whose answers the test hands out one by one, to hold one back. */
function held() {
  const pending: { args: [string, string]; answer: (r: Result<VerdictDto, AppError>) => void }[] = [];
  const backend = {
    reachFrom: () => Promise.reject(new Error("not asked here")),
    canReach: (fromId: string, toId: string) =>
      new Promise<Result<VerdictDto, AppError>>((answer) => pending.push({ args: [fromId, toId], answer })),
  };
  const editing = { connectWithDefaults: (_: ConnectTarget): Promise<ConnectResult> => Promise.resolve({ kind: "done" }) };
  return { backend, editing, pending };
}

describe("answers in flight", () => {
  const ok = (fromId: string, toId: string): Result<VerdictDto, AppError> => ({ status: "ok", data: recordedOk("canReach", { fromId, toId }) });

  it("drops an answer that comes back after the picks changed", async () => {
    const { backend, editing, pending } = held();
    const reach = createReach(backend, writable<TopologyDto | null>(null), editing);
    reach.open("c-api", "c-db");
    reach.pick("toId", "c-legacy");
    expect(pending.map((p) => p.args)).toEqual([["c-api", "c-db"], ["c-api", "c-legacy"]]);
    pending[1]!.answer(ok("c-api", "c-legacy"));
    await flush();
    pending[0]!.answer(ok("c-api", "c-db"));
    await flush();
    const v = get(reach.verdict);
    expect(v.status === "ok" && v.verdict.to.containerId).toBe("c-legacy");
  });

  it("asks again for every new view while open, and not after closing", async () => {
    const { backend, editing, pending } = held();
    const topology = writable<TopologyDto | null>(null);
    const reach = createReach(backend, topology, editing);
    reach.open("c-api", "c-db");
    expect(pending).toHaveLength(1);
    topology.set(recordedOk("getTopology", {}));
    expect(pending).toHaveLength(2);
    reach.close();
    topology.set(null);
    expect(pending).toHaveLength(2);
    // A late answer does not reopen anything.
    pending[1]!.answer(ok("c-api", "c-db"));
    await flush();
    expect(get(reach.verdict)).toEqual({ status: "idle" });
    expect(get(reach.picks)).toBeNull();
  });

  it("says so when the question cannot be asked", async () => {
    const reach = createReach(
      { reachFrom: () => Promise.reject(new Error("ipc down")), canReach: () => Promise.reject(new Error("ipc down")) },
      writable<TopologyDto | null>(null),
      held().editing,
    );
    reach.open("c-api", "c-db");
    await flush();
    const v = get(reach.verdict);
    expect(v.status === "error" && v.error.message).toContain("ipc down");
    const list = await reach.reachFrom("c-api");
    expect(list.status === "error" && list.error.message).toContain("ipc down");
  });
});
