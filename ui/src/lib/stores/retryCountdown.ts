// Seconds until Netlens retries an unreachable engine, counting down each second from the moment the
// status arrived (the Rust side only says "retrying in N s" once per attempt).
import { readable, type Readable } from "svelte/store";

import type { EngineStatusDto } from "../backend";
import { secondsLeft } from "../statusText";

export function createRetryCountdown(status: Readable<EngineStatusDto | null>, clock: () => number = Date.now): Readable<number | null> {
  return readable<number | null>(null, (set) => {
    let retryIn: number | null = null;
    let receivedAt = 0;
    const update = () => set(secondsLeft(retryIn, receivedAt, clock()));
    const unsubscribe = status.subscribe((s) => {
      retryIn = s?.state === "unreachable" ? s.retryInSeconds : null;
      receivedAt = clock();
      update();
    });
    const timer = setInterval(update, 1000);
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  });
}
