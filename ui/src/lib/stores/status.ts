// The engine's connection status as a Svelte store: what Netlens talks to and whether it answers.
// An event that arrives while the first request is in flight wins over that request's older answer.
import { writable, type Readable } from "svelte/store";

import type { Backend, EngineStatusDto, Unsubscribe } from "../backend";

export interface StatusStore extends Readable<EngineStatusDto | null> {
  start(): Promise<void>;
  stop(): void;
}

export function createStatusStore(backend: Backend): StatusStore {
  const status = writable<EngineStatusDto | null>(null);
  let heardEvent = false;
  let unlisten: Unsubscribe | null = null;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | null = null;

  return {
    subscribe: status.subscribe,
    async start() {
      stopped = false;
      const off = await backend.onStatus((s) => {
        heardEvent = true;
        status.set(s);
      });
      if (stopped) {
        off();
        return;
      }
      unlisten = off;
      // While the answer is still "connecting" and no event came, ask again: an event emitted while the
      // page was loading is lost, and the status must not stay stale.
      const ask = async (): Promise<void> => {
        let again = true;
        try {
          const first = await backend.getEngineStatus();
          if (!heardEvent) status.set(first);
          again = first.state === "connecting";
        } catch {
          // The status bar keeps saying "connecting" until the next answer.
        }
        if (again && !stopped && !heardEvent) retry = setTimeout(() => void ask(), 400);
      };
      await ask();
    },
    stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      unlisten?.();
      unlisten = null;
    },
  };
}
