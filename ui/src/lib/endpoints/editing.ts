// Connecting and disconnecting containers, undo and redo, as the UI runs them: one operation at a
// time (busy), the history, the open connect popover and disconnect confirmation, and the toasts that
// report outcomes. Components call these actions; gestures (drag, menus, keys) all end up here so the
// flows are the same whichever way they started. Knows graph node ids only to resolve them to the
// engine's raw IDs the backend takes.
import { get, writable, type Readable, type Writable } from "svelte/store";

import type {
  AppError,
  Backend,
  ConnectPlanDto,
  DisconnectPlanDto,
  DropTargetDto,
  EndpointConfigDto,
  HistoryDto,
  OutcomeDto,
  ProblemDto,
  ReportDto,
  Result,
} from "../backend";
import type { Point } from "../graph/geometry";
import type { TopologyIndex } from "../topologyIndex";
import { createToasts, type ToastStore } from "../shared/toasts";

/** The connect popover: which container goes onto which network, and where to show it. */
export interface ConnectDraft {
  containerId: string;
  networkId: string;
  containerName: string;
  networkName: string;
  /** Viewport pixels to anchor at (the hub's position), or null to centre it. */
  anchor: Point | null;
}

export type ConnectResult = { kind: "done" } | { kind: "refused"; problems: ProblemDto[] } | { kind: "failed" } | { kind: "busy" };

export const NO_CONFIG: EndpointConfigDto = { aliases: [], ipv4: null, ipv6: null };

export interface EditingState {
  /** What is running now ("Connecting api to backend…"), or null. Never two at once. */
  busy: Readable<string | null>;
  history: Readable<HistoryDto | null>;
  historyOpen: Writable<boolean>;
  toasts: ToastStore;
  connectDraft: Readable<ConnectDraft | null>;
  disconnectAsk: Readable<DisconnectPlanDto | null>;
  /** The context menu to show: for which node or edge, and where (viewport pixels). */
  menu: Writable<{ target: string; at: Point } | null>;

  dropTargets(containerNodeId: string): Promise<DropTargetDto[] | null>;
  /** Opens the connect popover for a container node and a network node. */
  openConnect(containerNodeId: string, networkNodeId: string, anchor: Point | null): void;
  closeConnect(): void;
  planConnect(draft: ConnectDraft, config: EndpointConfigDto): Promise<Result<ConnectPlanDto, AppError>>;
  confirmConnect(draft: ConnectDraft, config: EndpointConfigDto): Promise<ConnectResult>;
  /** Shift-drop: connect with the engine's defaults, no questions. */
  connectNow(containerNodeId: string, networkNodeId: string): Promise<ConnectResult>;
  /** The disconnect flow for an endpoint edge: refuse, ask (running container) or go. */
  requestDisconnect(edgeId: string): Promise<void>;
  confirmDisconnect(): Promise<void>;
  cancelDisconnect(): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
  loadHistory(): Promise<void>;
  /** A change made elsewhere (the lifecycle dialogs) is toasted and its history adopted. */
  showOutcome(outcome: OutcomeDto): void;
  /** A remove or prune report: its summary toasted, its history adopted. */
  showReport(report: ReportDto): void;
}

function rawIds(index: TopologyIndex | null, containerNodeId: string, networkNodeId: string) {
  const c = index?.node(containerNodeId)?.container;
  const n = index?.node(networkNodeId)?.network;
  return c && n ? { containerId: c.id, networkId: n.id, containerName: c.name, networkName: n.name } : null;
}

export function createEditing(backend: Backend, index: Readable<TopologyIndex | null>, toasts: ToastStore = createToasts()): EditingState {
  const busy = writable<string | null>(null);
  const history = writable<HistoryDto | null>(null);
  const historyOpen = writable(false);
  const connectDraft = writable<ConnectDraft | null>(null);
  const disconnectAsk = writable<DisconnectPlanDto | null>(null);
  const menu = writable<{ target: string; at: Point } | null>(null);

  function showError(error: AppError) {
    toasts.show("error", error.message, error.hint);
  }

  function showOutcome(outcome: OutcomeDto) {
    history.set(outcome.history);
    toasts.show("ok", outcome.done, outcome.notice, outcome.command);
  }

  /** Runs one operation unless another is running; the busy label is what the spinner says. */
  async function run<T>(label: string, op: () => Promise<T>): Promise<T | "busy"> {
    if (get(busy) !== null) return "busy";
    busy.set(label);
    try {
      return await op();
    } finally {
      busy.set(null);
    }
  }

  async function outcomeOf(result: Result<OutcomeDto, AppError>): Promise<boolean> {
    if (result.status === "ok") {
      showOutcome(result.data);
      return true;
    }
    if (result.error.code === "nothingToUndo" || result.error.code === "nothingToRedo") toasts.show("info", result.error.message);
    else showError(result.error);
    return false;
  }

  async function doConnect(containerId: string, networkId: string, label: string, config: EndpointConfigDto): Promise<ConnectResult> {
    const result = await run(label, async (): Promise<ConnectResult> => {
      try {
        const r = await backend.connect(containerId, networkId, config);
        if (r.status === "error" && r.error.code === "refused") return { kind: "refused", problems: r.error.problems };
        return (await outcomeOf(r)) ? { kind: "done" } : { kind: "failed" };
      } catch (e) {
        toasts.show("error", `Could not connect: ${e instanceof Error ? e.message : String(e)}`);
        return { kind: "failed" };
      }
    });
    return result === "busy" ? { kind: "busy" } : result;
  }

  async function doDisconnect(plan: DisconnectPlanDto): Promise<void> {
    await run(`Disconnecting ${plan.containerName} from ${plan.networkName}…`, async () => {
      try {
        await outcomeOf(await backend.disconnect(plan.containerId, plan.networkId));
      } catch (e) {
        toasts.show("error", `Could not disconnect: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  }

  async function loadHistory(): Promise<void> {
    try {
      const r = await backend.getHistory();
      if (r.status === "ok") history.set(r.data);
    } catch {
      // The toolbar keeps the last history it had; the next operation brings a fresh one.
    }
  }

  function showReport(report: ReportDto) {
    history.set(report.history);
    const failed = report.items.some((i) => i.outcome === "failed");
    toasts.show(failed ? "error" : "ok", report.summary, report.notice, report.commands.join("\n") || null);
  }

  return {
    showOutcome,
    showReport,
    busy: { subscribe: busy.subscribe },
    history: { subscribe: history.subscribe },
    historyOpen,
    toasts,
    connectDraft: { subscribe: connectDraft.subscribe },
    disconnectAsk: { subscribe: disconnectAsk.subscribe },
    menu,

    async dropTargets(containerNodeId) {
      const c = get(index)?.node(containerNodeId)?.container;
      if (!c) return null;
      try {
        const r = await backend.dropTargets(c.id);
        return r.status === "ok" ? r.data : null;
      } catch {
        return null;
      }
    },

    openConnect(containerNodeId, networkNodeId, anchor) {
      const ids = rawIds(get(index), containerNodeId, networkNodeId);
      if (!ids || get(busy) !== null) return;
      disconnectAsk.set(null);
      connectDraft.set({ ...ids, anchor });
    },

    closeConnect() {
      connectDraft.set(null);
    },

    planConnect(draft, config) {
      return backend.planConnect(draft.containerId, draft.networkId, config);
    },

    async confirmConnect(draft, config) {
      const result = await doConnect(draft.containerId, draft.networkId, `Connecting ${draft.containerName} to ${draft.networkName}…`, config);
      if (result.kind === "done") connectDraft.set(null);
      return result;
    },

    async connectNow(containerNodeId, networkNodeId) {
      const ids = rawIds(get(index), containerNodeId, networkNodeId);
      if (!ids) return { kind: "failed" };
      const result = await doConnect(ids.containerId, ids.networkId, `Connecting ${ids.containerName} to ${ids.networkName}…`, NO_CONFIG);
      // Without a popover there is nowhere else to show why the engine's defaults were refused.
      if (result.kind === "refused") {
        const first = result.problems[0];
        toasts.show("error", first?.message ?? `${ids.containerName} cannot join ${ids.networkName}.`, first?.hint ?? null);
      }
      return result;
    },

    async requestDisconnect(edgeId) {
      const ep = get(index)?.edge(edgeId)?.endpoint;
      if (!ep || get(busy) !== null) return;
      let plan: Result<DisconnectPlanDto, AppError>;
      try {
        plan = await backend.planDisconnect(ep.containerId, ep.networkId);
      } catch (e) {
        toasts.show("error", `Could not check the disconnect: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      if (plan.status === "error") return showError(plan.error);
      if (plan.data.problem) {
        toasts.show("error", plan.data.problem.message, plan.data.problem.hint);
        return;
      }
      // A running container loses live connections: ask first. A stopped one loses nothing yet.
      if (plan.data.containerRunning) {
        connectDraft.set(null);
        disconnectAsk.set(plan.data);
      } else await doDisconnect(plan.data);
    },

    async confirmDisconnect() {
      const plan = get(disconnectAsk);
      if (!plan || get(busy) !== null) return;
      // The dialog stays (with a spinner) until the graph shows the change: its closing means "done".
      await doDisconnect(plan);
      disconnectAsk.set(null);
    },

    cancelDisconnect() {
      disconnectAsk.set(null);
    },

    async undo() {
      const what = get(history)?.undo;
      await run(what ? `Undoing: ${what}…` : "Undoing…", async () => {
        try {
          await outcomeOf(await backend.undo());
        } catch (e) {
          toasts.show("error", `Could not undo: ${e instanceof Error ? e.message : String(e)}`);
        }
      });
      // A refused undo (cannotRestore) changes nothing, but the history may still have moved on.
      await loadHistory();
    },

    async redo() {
      const what = get(history)?.redo;
      await run(what ? `Redoing: ${what}…` : "Redoing…", async () => {
        try {
          await outcomeOf(await backend.redo());
        } catch (e) {
          toasts.show("error", `Could not redo: ${e instanceof Error ? e.message : String(e)}`);
        }
      });
      await loadHistory();
    },

    loadHistory,
  };
}
