// The latest topology from the backend, as a Svelte store. Listens and asks at once, and never lets an
// older revision replace a newer one (the answer to the first request can arrive after an event, or an
// event before the listener is in place: then the "not yet" answer is asked again, askUntil.ts).
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
      // The question goes out with the listeners, not after them: on a busy engine the answer is a big
      // topology that Rust serializes while the page is still busy building its renderer (registering
      // the listeners first held the question back ~0.2 s of the window's first draw).
      const listening = Promise.all([backend.onTopology(accept), backend.onTopologyPatch?.(patch) ?? null]);
      const asking = askUntil(async () => {
        try {
          const result = await backend.getTopology();
          if (result.status === "ok") accept(result.data);
          else if (result.error.code !== "notReady") error.set(result.error);
        } catch (e) {
          error.set({ code: "engineUnreachable", message: e instanceof Error ? e.message : String(e), hint: null });
        }
        return current !== null;
      }, () => stopped);
      const [[off, offPatch], cancel] = await Promise.all([listening, asking]);
      if (stopped) {
        off();
        offPatch?.();
        cancel();
        return;
      }
      unlisten = off;
      unlistenPatch = offPatch;
      cancelRetry = cancel;
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
