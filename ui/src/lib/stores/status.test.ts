import { get, writable } from "svelte/store";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { EngineStatusDto } from "../backend";
import { demoStatus } from "../../test/demoTopology";
import { ReplayBackend } from "../../test/replayBackend";
import { createRetryCountdown } from "./retryCountdown";
import { createStatusStore } from "./status";

describe("status store", () => {
  it("holds the first status and follows events", async () => {
    const backend = new ReplayBackend();
    const store = createStatusStore(backend);
    await store.start();
    expect(get(store)).toEqual(demoStatus());
    expect(get(store)?.state).toBe("connected");
    backend.emitStatus(demoStatus({ state: "unreachable", retryInSeconds: 3 }));
    expect(get(store)?.state).toBe("unreachable");
  });

  it("does not let a late answer to the first request undo a newer event", async () => {
    const backend = new ReplayBackend();
    backend.getEngineStatus = async () => {
      backend.emitStatus(demoStatus({ state: "unreachable" }));
      return demoStatus({ state: "connected" });
    };
    const store = createStatusStore(backend);
    await store.start();
    expect(get(store)?.state).toBe("unreachable");
  });
});

describe("retry countdown", () => {
  afterEach(() => vi.useRealTimers());

  it("ticks down each second while unreachable and clears when connected", () => {
    vi.useFakeTimers();
    let now = 0;
    const status = writable<EngineStatusDto | null>(demoStatus({ state: "unreachable", retryInSeconds: 3 }));
    const countdown = createRetryCountdown(status, () => now);
    const seen: (number | null)[] = [];
    const off = countdown.subscribe((v) => seen.push(v));
    now = 1000;
    vi.advanceTimersByTime(1000);
    now = 2000;
    vi.advanceTimersByTime(1000);
    status.set(demoStatus());
    off();
    expect(seen).toEqual([3, 2, 1, null]);
  });
});
