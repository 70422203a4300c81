// Store helpers the feature stores share: their state handed out read-only, and a request whose slow answer
// never replaces the answer to a newer one. They hold no feature's state and call no backend themselves.
import { readonly, type Readable, type Writable } from "svelte/store";

import type { AppError, Result } from "../backend";

/** Each writable handed out read-only, under its own name (what a feature store returns). */
export function readonlyAll<T extends Record<string, unknown>>(stores: { [K in keyof T]: Writable<T[K]> }): { [K in keyof T]: Readable<T[K]> } {
  return Object.fromEntries(Object.entries(stores).map(([name, store]) => [name, readonly(store)])) as { [K in keyof T]: Readable<T[K]> };
}

/**
 * Asks the backend through `ask`, `loading` meanwhile and `error` cleared, then kept if the answer is one.
 * Returns the answer, or null when a newer request was made meanwhile (the older answer is then dropped).
 */
export type LatestRequest = <T>(ask: () => Promise<Result<T, AppError>>) => Promise<Result<T, AppError> | null>;

export function latestRequest(loading: Writable<boolean>, error: Writable<AppError | null>): LatestRequest {
  let seq = 0;
  return async (ask) => {
    const mine = ++seq;
    loading.set(true);
    error.set(null);
    const r = await ask();
    if (mine !== seq) return null;
    loading.set(false);
    if (r.status === "error") error.set(r.error);
    return r;
  };
}
