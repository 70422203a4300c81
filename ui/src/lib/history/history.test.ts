// Undo, redo and the history as the window walks them, after changes made through the endpoint editing,
// replaying Rust's recorded sequences (golden/: nightly-job off backend, undone, redone; gateway's fixed
// address taken meanwhile, so its undo cannot restore).
import { get } from "svelte/store";
import { afterEach, describe, expect, it } from "vitest";

import { hasEdge, setupEditing } from "../../test/editingSetup";
import { recordedError, recordedOk, ReplayBackend } from "../../test/replayBackend";

afterEach(() => expect(ReplayBackend.takeMissed()).toEqual([]));

describe("undo and redo", () => {
  it("undoes and redoes, and says what the next undo and redo would do", async () => {
    const { backend, editing, history } = await setupEditing();
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
    const { backend, editing, history, toasts } = await setupEditing();
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
