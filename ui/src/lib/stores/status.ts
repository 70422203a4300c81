// The engine's connection status as a Svelte store: what Netlens talks to and whether it answers.
// An event that arrives while the first request is in flight wins over that request's older answer.
import { writable, type Readable } from "svelte/store";

import type { Backend, EngineStatusDto, Unsubscribe } from "../backend";
import { askUntil } from "./askUntil";

export interface StatusStore extends Readable<EngineStatusDto | null> {
  start(): Promise<void>;
  stop(): void;
}

export function createStatusStore(backend: Backend): StatusStore {
  const status = writable<EngineStatusDto | null>(null);
  let heardEvent = false;
  let unlisten: Unsubscribe | null = null;
  let stopped = false;
  let cancelRetry: (() => void) | null = null;

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
      // "connecting" is not an answer yet: the first event may have been lost while the page loaded.
      cancelRetry = await askUntil(async () => {
        try {
          const first = await backend.getEngineStatus();
          if (!heardEvent) status.set(first);
          return heardEvent || first.state !== "connecting";
        } catch {
          // The status bar keeps saying "connecting" until the next answer.
          return heardEvent;
        }
      }, () => stopped);
    },
    stop() {
      stopped = true;
      cancelRetry?.();
      unlisten?.();
      unlisten = null;
    },
  };
}
