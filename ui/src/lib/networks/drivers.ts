// What each network driver is for, in the backend's words (`createOptions`, the same paragraphs the create
// dialog shows), asked once and kept: the details panel explains a network's driver with them. The UI
// writes no such paragraph itself (vocabulary.ts keeps only the legend's one-liners and the documentation
// links, which Rust does not send). A failed ask is tried again the next time a panel needs it.
import { writable, type Readable } from "svelte/store";

import type { NetworksBackend } from "./types";

export interface DriverExplanations {
  /** Driver name (`bridge`, `null`, a plugin's) → the backend's paragraph; empty until loaded. */
  explanations: Readable<ReadonlyMap<string, string>>;
  load(): Promise<void>;
}

export function createDriverExplanations(api: Pick<NetworksBackend, "createOptions">): DriverExplanations {
  const explanations = writable<ReadonlyMap<string, string>>(new Map());
  let asked: Promise<void> | null = null;
  return {
    explanations: { subscribe: explanations.subscribe },
    load() {
      asked ??= api.createOptions().then(
        (r) => {
          if (r.status === "ok") explanations.set(new Map(r.data.drivers.map((d) => [d.name, d.explanation])));
          else asked = null;
        },
        () => {
          asked = null;
        },
      );
      return asked;
    },
  };
}
