// The Raw JSON tab's state: a network exactly as the engine's inspect returns it (pretty-printed by the
// backend), asked for only when the tab shows it, and again on Reload. A slow answer for a network no longer
// shown never replaces the current one. It must not reshape the JSON.
import { writable, type Readable } from "svelte/store";

import type { AppError } from "../backend";
import type { NetworksBackend } from "../networks/types";
import { latestRequest, readonlyAll } from "../shared/stores";

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
  const latest = latestRequest(loading, error);
  return {
    ...readonlyAll({ json, error, loading }),
    async load(networkId) {
      const r = await latest(() => api.networkJson(networkId));
      if (r) json.set(r.status === "ok" ? r.data : null);
    },
  };
}
