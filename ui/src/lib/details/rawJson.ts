// The Raw JSON tab's state: a network exactly as the engine's inspect returns it (pretty-printed by the
// backend), asked for only when the tab shows it, and again on Reload. A slow answer for a network no longer
// shown never replaces the current one. It must not reshape the JSON.
import { writable, type Readable } from "svelte/store";

import type { AppError, NetworksBackend } from "../networks/types";

export interface RawJson {
  json: Readable<string | null>;
  error: Readable<AppError | null>;
  loading: Readable<boolean>;
  load(networkId: string): Promise<void>;
}

export function createRawJson(api: Pick<NetworksBackend, "networkJson">): RawJson {
  const json = writable<string | null>(null);
  const error = writable<AppError | null>(null);
  const loading = writable(true);
  let seq = 0;
  return {
    json: { subscribe: json.subscribe },
    error: { subscribe: error.subscribe },
    loading: { subscribe: loading.subscribe },
    async load(networkId) {
      const mine = ++seq;
      loading.set(true);
      error.set(null);
      const r = await api.networkJson(networkId);
      if (mine !== seq) return;
      loading.set(false);
      if (r.status === "ok") json.set(r.data);
      else {
        json.set(null);
        error.set(r.error);
      }
    },
  };
}
