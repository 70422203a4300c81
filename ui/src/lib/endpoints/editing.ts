// Connecting and disconnecting containers as the UI runs them: the open connect popover, the disconnect
// confirmation and the context menu, each change run one at a time (shared/busy.ts) and its outcome shown
// and recorded through history/history.ts. Components call these actions; gestures (drag, menus, keys) all
// end up here so the flows are the same whichever way they started. Knows graph node ids only to resolve
// them to the engine's raw IDs the backend takes.
import { get, writable, type Readable, type Writable } from "svelte/store";

import type {
  AppError,
  Backend,
  ConnectPlanDto,
  DisconnectPlanDto,
  DropTargetDto,
  EndpointConfigDto,
  ProblemDto,
  Result,
} from "../backend";
import type { Point } from "../graph/geometry";
import type { HistoryState } from "../history/history";
import type { Busy } from "../shared/busy";
import type { ToastStore } from "../shared/toasts";
import type { TopologyIndex } from "../topologyIndex";

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
  /** The same by the engine's raw IDs, for a connect Rust proposed (a reachability fix). */
  connectWithDefaults(target: ConnectTarget): Promise<ConnectResult>;
  /** The disconnect flow for an endpoint edge: refuse, ask (running container) or go. */
  requestDisconnect(edgeId: string): Promise<void>;
  confirmDisconnect(): Promise<void>;
  cancelDisconnect(): void;
}

/** A container and a network by the engine's raw IDs, with the names the busy label and toasts use. */
export interface ConnectTarget {
  containerId: string;
  networkId: string;
  containerName: string;
  networkName: string;
}

/** What endpoint editing shares with the rest of the window. */
export interface EditingDeps {
  busy: Busy;
  history: HistoryState;
  toasts: ToastStore;
}

function rawIds(index: TopologyIndex | null, containerNodeId: string, networkNodeId: string) {
  const c = index?.node(containerNodeId)?.container;
  const n = index?.node(networkNodeId)?.network;
  return c && n ? { containerId: c.id, networkId: n.id, containerName: c.name, networkName: n.name } : null;
}

export function createEditing(backend: Backend, index: Readable<TopologyIndex | null>, { busy, history, toasts }: EditingDeps): EditingState {
  const connectDraft = writable<ConnectDraft | null>(null);
  const disconnectAsk = writable<DisconnectPlanDto | null>(null);
  const menu = writable<{ target: string; at: Point } | null>(null);
  const running = () => get(busy.busy) !== null;

  async function doConnect(containerId: string, networkId: string, label: string, config: EndpointConfigDto): Promise<ConnectResult> {
    const result = await busy.run(label, async (): Promise<ConnectResult> => {
      try {
        const r = await backend.connect(containerId, networkId, config);
        if (r.status === "error" && r.error.code === "refused") return { kind: "refused", problems: r.error.problems ?? [] };
        return history.settle(r) ? { kind: "done" } : { kind: "failed" };
      } catch (e) {
        toasts.show("error", `Could not connect: ${e instanceof Error ? e.message : String(e)}`);
        return { kind: "failed" };
      }
    });
    return result === "busy" ? { kind: "busy" } : result;
  }

  async function connectWithDefaults(ids: ConnectTarget): Promise<ConnectResult> {
    const result = await doConnect(ids.containerId, ids.networkId, `Connecting ${ids.containerName} to ${ids.networkName}…`, NO_CONFIG);
    // Without a popover there is nowhere else to show why the engine's defaults were refused.
    if (result.kind === "refused") {
      const first = result.problems[0];
      toasts.show("error", first?.message ?? `${ids.containerName} cannot join ${ids.networkName}.`, first?.hint ?? null);
    }
    return result;
  }

  async function doDisconnect(plan: DisconnectPlanDto): Promise<void> {
    await busy.run(`Disconnecting ${plan.containerName} from ${plan.networkName}…`, async () => {
      try {
        history.settle(await backend.disconnect(plan.containerId, plan.networkId));
      } catch (e) {
        toasts.show("error", `Could not disconnect: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  }

  return {
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
      if (!ids || running()) return;
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
      return connectWithDefaults(ids);
    },

    connectWithDefaults,

    async requestDisconnect(edgeId) {
      const ep = get(index)?.edge(edgeId)?.endpoint;
      if (!ep || running()) return;
      let plan: Result<DisconnectPlanDto, AppError>;
      try {
        plan = await backend.planDisconnect(ep.containerId, ep.networkId);
      } catch (e) {
        toasts.show("error", `Could not check the disconnect: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      if (plan.status === "error") {
        toasts.show("error", plan.error.message, plan.error.hint);
        return;
      }
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
      if (!plan || running()) return;
      // The dialog stays (with a spinner) until the graph shows the change: its closing means "done".
      await doDisconnect(plan);
      disconnectAsk.set(null);
    },

    cancelDisconnect() {
      disconnectAsk.set(null);
    },

  };
}
