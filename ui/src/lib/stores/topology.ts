// The latest topology from the backend, as a Svelte store. Listens before it asks so no update is lost
// between the two, and never lets an older revision replace a newer one (the answer to the first
// request can arrive after an event).
import { writable, type Readable } from "svelte/store";

import type { AppError, Backend, TopologyDiffDto, TopologyDto, Unsubscribe } from "../backend";
import { applyBackendDiff } from "../topologyDiff";
import { askUntil } from "./askUntil";

export interface TopologyStore extends Readable<TopologyDto | null> {
  /** The last failed request, cleared by the next topology. `notReady` is not an error: Rust emits soon. */
  error: Readable<AppError | null>;
  start(): Promise<void>;
  stop(): void;
  /** After an engine switch: drops the topology if it is at or below `revision` (the engine left), and
   *  never takes one that old again; the new engine's first topology follows. */
  forget(revision: number): void;
}

export function createTopologyStore(backend: Backend): TopologyStore {
  const topology = writable<TopologyDto | null>(null);
  const error = writable<AppError | null>(null);
  let current: TopologyDto | null = null;
  let unlisten: Unsubscribe | null = null;
  let unlistenPatch: Unsubscribe | null = null;
  let stopped = false;
  let cancelRetry: (() => void) | null = null;

  /** Revisions at or below this belong to an engine the window left. */
  let floor = 0;

  function accept(next: TopologyDto) {
    if (next.revision <= floor || (current && next.revision <= current.revision)) return;
    current = next;
    topology.set(next);
    error.set(null);
  }

  async function resync() {
    const result = await backend.getTopology();
    if (result.status === "ok") accept(result.data);
  }

  /** A diff on the revision we hold is applied; any other means we missed something: read it all again. */
  function patch(diff: TopologyDiffDto) {
    if (current && diff.revision <= current.revision) return;
    const next = current ? applyBackendDiff(current, diff) : null;
    if (next) accept(next);
    else void resync();
  }

  return {
    subscribe: topology.subscribe,
    error: { subscribe: error.subscribe },
    async start() {
      stopped = false;
      const off = await backend.onTopology(accept);
      if (stopped) {
        off();
        return;
      }
      unlisten = off;
      if (backend.onTopologyPatch) unlistenPatch = await backend.onTopologyPatch(patch);
      cancelRetry = await askUntil(async () => {
        try {
          const result = await backend.getTopology();
          if (result.status === "ok") accept(result.data);
          else if (result.error.code !== "notReady") error.set(result.error);
        } catch (e) {
          error.set({ code: "engineUnreachable", message: e instanceof Error ? e.message : String(e), hint: null });
        }
        return current !== null;
      }, () => stopped);
    },
    forget(revision) {
      floor = Math.max(floor, revision);
      if (current && current.revision <= revision) {
        current = null;
        topology.set(null);
      }
    },
    stop() {
      stopped = true;
      cancelRetry?.();
      unlisten?.();
      unlisten = null;
      unlistenPatch?.();
      unlistenPatch = null;
    },
  };
}
