// Undo, redo and the history as the window walks them, after changes made through the endpoint editing
// (against the fake backend's small model: TODO(golden) replay Rust's recorded sequence instead).
import { get, type Readable } from "svelte/store";
import { describe, expect, it } from "vitest";

import { demoStatus, demoTopology } from "../../test/demoTopology";
import { FakeBackend } from "../../test/fakeBackend";
import { createEditing } from "../endpoints/editing";
import { createBusy } from "../shared/busy";
import { createToasts } from "../shared/toasts";
import { indexTopology, type TopologyIndex } from "../topologyIndex";
import { createHistory } from "./history";

function setup() {
  const backend = new FakeBackend(demoTopology(1), demoStatus());
  const live: Readable<TopologyIndex | null> = {
    subscribe: (run) => {
      run(indexTopology(backend.topology!));
      return () => {};
    },
  };
  const toasts = createToasts(60_000);
  const busy = createBusy();
  const history = createHistory(backend, busy, toasts);
  const editing = createEditing(backend, live, { busy, history, toasts });
  return { backend, editing, history, toasts };
}

const hasEdge = (b: FakeBackend, id: string) => b.topology!.edges.some((e) => e.id === id);

describe("undo and redo", () => {
  it("undoes and redoes, and says what the next undo and redo would do", async () => {
    const { backend, editing, history } = setup();
    await editing.requestDisconnect("endpoint:n-backend:c-nightly");
    await history.undo();
    expect(hasEdge(backend, "endpoint:n-backend:c-nightly")).toBe(true);
    expect(get(history.history)).toMatchObject({ undo: null, redo: "Disconnect nightly-job from backend" });
    await history.redo();
    expect(hasEdge(backend, "endpoint:n-backend:c-nightly")).toBe(false);
    expect(get(history.history)?.entries.map((e) => e.state)).toEqual(["done"]);
  });

  it("shows why an undo cannot restore exactly and changes nothing", async () => {
    const { backend, editing, history, toasts } = setup();
    await editing.requestDisconnect("endpoint:n-backend:c-api");
    await editing.confirmDisconnect();
    // Someone else takes api's old address meanwhile.
    const t = backend.topology!;
    backend.emitTopology({
      ...t,
      revision: t.revision + 1,
      edges: t.edges.map((e) => (e.id === "endpoint:n-backend:c-db" && e.endpoint ? { ...e, endpoint: { ...e.endpoint, ipv4: "10.214.10.2/24" } } : e)),
    });
    const before = backend.topology!;
    await history.undo();
    expect(backend.topology).toBe(before);
    const last = get(toasts).at(-1);
    expect(last?.kind).toBe("error");
    expect(last?.title).toMatch(/Cannot restore.*10\.214\.10\.2/);
    expect(last?.detail).toMatch(/Disconnect that container first/);
    expect(get(history.history)?.undo).toBe("Connect api to backend");
  });
});
