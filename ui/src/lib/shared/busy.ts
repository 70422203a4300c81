// One change at a time, whichever feature asks (connect, disconnect, undo, redo): what is running now, as
// the spinner says it ("Connecting api to backend…"), or null. A second change asked meanwhile is not run.
import { get, writable, type Readable } from "svelte/store";

export interface Busy {
  /** The label of the change running now, or null. */
  busy: Readable<string | null>;
  /** Runs `op` unless another change is running ("busy" then, and `op` never starts). */
  run<T>(label: string, op: () => Promise<T>): Promise<T | "busy">;
}

export function createBusy(): Busy {
  const busy = writable<string | null>(null);
  return {
    busy: { subscribe: busy.subscribe },
    async run(label, op) {
      if (get(busy) !== null) return "busy";
      busy.set(label);
      try {
        return await op();
      } finally {
        busy.set(null);
      }
    },
  };
}
