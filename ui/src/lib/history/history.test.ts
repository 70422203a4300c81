// Undo, redo and the history as the window walks them, after changes made through the endpoint editing,
// replaying Rust's recorded sequences (golden/: nightly-job off backend, undone, redone; gateway's fixed
// address taken meanwhile, so its undo cannot restore).
import { get, type Readable } from "svelte/store";
import { afterEach, describe, expect, it } from "vitest";

import { recordedError, recordedOk, ReplayBackend } from "../../test/replayBackend";
import { createEditing } from "../endpoints/editing";
import { createBusy } from "../shared/busy";
import { createToasts } from "../shared/toasts";
import { indexTopology, type TopologyIndex } from "../topologyIndex";
import { createHistory } from "./history";

afterEach(() => expect(ReplayBackend.takeMissed()).toEqual([]));

async function setup() {
  const backend = new ReplayBackend();
  await backend.getTopology();
  const live: Readable<TopologyIndex | null> = {
    subscribe: (run) => {
      run(indexTopology(backend.lastTopology!));
      return () => {};
    },
  };
  const toasts = createToasts(60_000);
  const busy = createBusy();
  const history = createHistory(backend, busy, toasts);
  const editing = createEditing(backend, live, { busy, history, toasts });
  return { backend, editing, history, toasts };
}

const hasEdge = (b: ReplayBackend, id: string) => b.lastTopology!.edges.some((e) => e.id === id);

describe("undo and redo", () => {
  it("undoes and redoes, and says what the next undo and redo would do", async () => {
    const { backend, editing, history } = await setup();
    await editing.requestDisconnect("endpoint:n-backend:c-nightly");
    await history.undo();
    expect(hasEdge(backend, "endpoint:n-backend:c-nightly")).toBe(true);
    const undone = recordedOk("getHistory", {}, "nightlyUndone");
    expect(undone).toMatchObject({ undo: null, redo: expect.any(String) });
    expect(get(history.history)).toEqual(undone);
    await history.redo();
    expect(hasEdge(backend, "endpoint:n-backend:c-nightly")).toBe(false);
    expect(get(history.history)?.entries.map((e) => e.state)).toEqual(["done"]);
    expect(backend.calls.map((c) => c.command).filter((c) => c === "undo" || c === "redo")).toEqual(["undo", "redo"]);
  });

  it("shows why an undo cannot restore exactly and changes nothing", async () => {
    const { backend, editing, history, toasts } = await setup();
    await editing.requestDisconnect("endpoint:n-backend:c-gateway");
    await editing.confirmDisconnect();
    // Someone else gives gateway's fixed address on backend to db meanwhile.
    backend.stage("gatewayOffBackendAddressTaken");
    const before = backend.lastTopology!;
    await history.undo();
    expect(backend.lastTopology).toBe(before);
    const refused = recordedError("undo", {}, "gatewayOffBackendAddressTaken");
    expect(refused.code).toBe("cannotRestore");
    const last = get(toasts).at(-1);
    expect(last).toMatchObject({ kind: "error", title: refused.message, detail: refused.hint });
    const still = recordedOk("getHistory", {}, "gatewayOffBackendAddressTaken");
    expect(still.undo).toBeTruthy();
    expect(get(history.history)?.undo).toBe(still.undo);
  });
});
