// The editing flows wired as the window wires them, over Rust's recorded answers: shared by the tests of
// endpoint editing and of undo/redo, which walk the same wiring from the same recorded topology.
import type { Readable } from "svelte/store";

import { createEditing } from "../lib/endpoints/editing";
import { createHistory } from "../lib/history/history";
import { createBusy } from "../lib/shared/busy";
import { createToasts } from "../lib/shared/toasts";
import { indexTopology, type TopologyIndex } from "../lib/topologyIndex";
import { ReplayBackend } from "./replayBackend";

export async function setupEditing() {
  const backend = new ReplayBackend();
  await backend.getTopology();
  // The index is read afresh from the last topology Rust showed, as the app's topology store would.
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
  return { backend, editing, history, busy: busy.busy, toasts };
}

/** Whether the last topology Rust showed has the edge `id`. */
export const hasEdge = (b: ReplayBackend, id: string) => b.lastTopology!.edges.some((e) => e.id === id);
