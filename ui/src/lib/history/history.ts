// What Netlens changed in this session, as the UI shows and walks it: the history the backend last sent,
// whether its panel is open, undo and redo (one change at a time, like every other), and how any change's
// outcome is shown (a toast with its docker command, the history it brought adopted). The endpoint editing
// and the network dialogs report through here, so every change ends the same way.
import { get, writable, type Readable, type Writable } from "svelte/store";

import type { AppError, Backend, HistoryDto, OutcomeDto, ReportDto, Result } from "../backend";
import type { Busy } from "../shared/busy";
import type { ToastStore } from "../shared/toasts";

export interface HistoryState {
  history: Readable<HistoryDto | null>;
  historyOpen: Writable<boolean>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  load(): Promise<void>;
  /** A change's outcome: toasted with its command, its history adopted. */
  showOutcome(outcome: OutcomeDto): void;
  /** A remove or prune report: its summary toasted, its history adopted. */
  showReport(report: ReportDto): void;
  /** What came of a change, shown: the outcome, or the error (a plain note for nothing to undo/redo). True if it was made. */
  settle(result: Result<OutcomeDto, AppError>): boolean;
}

export function createHistory(backend: Pick<Backend, "undo" | "redo" | "getHistory">, busy: Busy, toasts: ToastStore): HistoryState {
  const history = writable<HistoryDto | null>(null);
  const historyOpen = writable(false);

  function showOutcome(outcome: OutcomeDto) {
    history.set(outcome.history);
    toasts.show("ok", outcome.done, outcome.notice, outcome.command);
  }

  function settle(result: Result<OutcomeDto, AppError>): boolean {
    if (result.status === "ok") {
      showOutcome(result.data);
      return true;
    }
    if (result.error.code === "nothingToUndo" || result.error.code === "nothingToRedo") toasts.show("info", result.error.message);
    else toasts.show("error", result.error.message, result.error.hint);
    return false;
  }

  async function load(): Promise<void> {
    try {
      const r = await backend.getHistory();
      if (r.status === "ok") history.set(r.data);
    } catch {
      // The toolbar keeps the last history it had; the next change brings a fresh one.
    }
  }

  async function walk(which: "undo" | "redo"): Promise<void> {
    const what = get(history)?.[which];
    const [doing, failed] = which === "undo" ? ["Undoing", "undo"] : ["Redoing", "redo"];
    await busy.run(what ? `${doing}: ${what}…` : `${doing}…`, async () => {
      try {
        settle(await backend[which]());
      } catch (e) {
        toasts.show("error", `Could not ${failed}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    // A refused undo (cannotRestore) changes nothing, but the history may still have moved on.
    await load();
  }

  return {
    history: { subscribe: history.subscribe },
    historyOpen,
    undo: () => walk("undo"),
    redo: () => walk("redo"),
    load,
    showOutcome,
    showReport(report) {
      history.set(report.history);
      const failed = report.items.some((i) => i.outcome === "failed");
      toasts.show(failed ? "error" : "ok", report.summary, report.notice, report.commands.join("\n") || null);
    },
    settle,
  };
}
