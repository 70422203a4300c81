// Reachability as the window asks it: what a container reaches (the details panel's Reaches section) and the
// "Can A reach B?" dialog — which two containers are picked, Rust's verdict on them, kept fresh while the
// topology changes, and its fix applied through the editing flow (a connect with the engine's defaults, so
// it is shown, recorded and undone like any connect). Every answer, word and command line is Rust's
// (`reachFrom`, `canReach`); this module only asks, keeps the latest answer, and must not judge reachability.
import { get, writable, type Readable } from "svelte/store";

import type { AppError, Backend, ReachItemDto, Result, TopologyDto, VerdictDto } from "../backend";
import type { ConnectResult, EditingState } from "../endpoints/editing";
import { reachLight, type ReachLight } from "./light";

/** The dialog's two picks (raw container IDs); null until picked. */
export interface ReachPicks {
  fromId: string | null;
  toId: string | null;
}

export type VerdictView =
  | { status: "idle" }
  | { status: "asking" }
  | { status: "ok"; verdict: VerdictDto }
  | { status: "error"; error: AppError };

export interface ReachState {
  /** The open "Can A reach B?" dialog's picks, or null while it is closed. */
  picks: Readable<ReachPicks | null>;
  /** Rust's answer for the picks. */
  verdict: Readable<VerdictView>;
  /** Opens the dialog, A prefilled (the selected container) and B when given. */
  open(fromId?: string | null, toId?: string | null): void;
  close(): void;
  pick(which: keyof ReachPicks, containerId: string | null): void;
  /** Asks the other way round (B to A): reachability is not symmetric (a `host`-mode container, published ports). */
  swap(): void;
  /** Runs the verdict's fix (one connect) and asks again; null when there is no fix to run. */
  applyFix(): Promise<ConnectResult | null>;
  /** Everything a container can and cannot reach, for the details panel. */
  reachFrom(containerId: string): Promise<Result<ReachItemDto[], AppError>>;
  /** What the graph lights up: the selected container's reach, while its details show it. */
  light: Readable<ReachLight | null>;
  /** Lights up `containerId`'s reach from Rust's answer; null (or another container's id) puts it out. */
  showLight(containerId: string, answer: readonly ReachItemDto[]): void;
  hideLight(containerId: string): void;
}

const failure = (e: unknown): AppError => ({
  code: "engineRejected",
  message: `Could not ask: ${e instanceof Error ? e.message : String(e)}`,
  hint: null,
});

export function createReach(
  backend: Pick<Backend, "reachFrom" | "canReach">,
  topology: Readable<TopologyDto | null>,
  editing: Pick<EditingState, "connectWithDefaults">,
): ReachState {
  const picks = writable<ReachPicks | null>(null);
  const light = writable<ReachLight | null>(null);
  const verdict = writable<VerdictView>({ status: "idle" });
  // Only the latest question's answer is shown (the picks or the topology may change while one is asked).
  let asked = 0;
  let stopFollowing: (() => void) | null = null;

  async function ask(): Promise<void> {
    const p = get(picks);
    const n = ++asked;
    if (!p?.fromId || !p.toId) {
      verdict.set({ status: "idle" });
      return;
    }
    // A fresh question for the same pair keeps the answer shown until the new one arrives.
    const shown = get(verdict);
    const same = shown.status === "ok" && shown.verdict.fromId === p.fromId && shown.verdict.to.containerId === p.toId;
    if (!same) verdict.set({ status: "asking" });
    let view: VerdictView;
    try {
      const r = await backend.canReach(p.fromId, p.toId);
      view = r.status === "ok" ? { status: "ok", verdict: r.data } : { status: "error", error: r.error };
    } catch (e) {
      view = { status: "error", error: failure(e) };
    }
    if (n === asked) verdict.set(view);
  }

  return {
    picks: { subscribe: picks.subscribe },
    verdict: { subscribe: verdict.subscribe },

    open(fromId = null, toId = null) {
      picks.set({ fromId, toId: toId === fromId ? null : toId });
      stopFollowing?.();
      // The answer follows the engine: every new view (a connect here or outside) asks again. The
      // subscription's first call is the view as it is now, which asks the first time.
      stopFollowing = topology.subscribe(() => void ask());
    },

    close() {
      stopFollowing?.();
      stopFollowing = null;
      asked++;
      picks.set(null);
      verdict.set({ status: "idle" });
    },

    pick(which, containerId) {
      const p = get(picks);
      if (!p || p[which] === containerId) return;
      picks.set({ ...p, [which]: containerId });
      void ask();
    },

    swap() {
      const p = get(picks);
      if (!p) return;
      picks.set({ fromId: p.toId, toId: p.fromId });
      void ask();
    },

    async applyFix() {
      const v = get(verdict);
      const connect = v.status === "ok" ? v.verdict.fix?.connect : null;
      if (!connect) return null;
      const result = await editing.connectWithDefaults(connect);
      // The connect resolves once the new view is out, which asked again already; ask once more so the
      // answer never rests on a view older than the connect.
      if (get(picks)) await ask();
      return result;
    },

    async reachFrom(containerId) {
      try {
        return await backend.reachFrom(containerId);
      } catch (e) {
        return { status: "error", error: failure(e) };
      }
    },

    light: { subscribe: light.subscribe },
    showLight(containerId, answer) {
      light.set(reachLight(containerId, answer));
    },
    hideLight(containerId) {
      // Only the container lit now: a details panel closing late must not put out the next one's light.
      if (get(light)?.from === `container:${containerId}`) light.set(null);
    },
  };
}
