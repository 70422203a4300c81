// Everything the components share, made from one Backend: the topology, the engine status, the
// selection and the theme, plus the few actions components may take. Components receive it through
// Svelte context (see context.ts), never by importing Tauri.
import type { Readable, Writable } from "svelte/store";

import type { AppError, Backend, EngineStatusDto, TopologyDto } from "../backend";
import type { Theme } from "../graph/palette";
import type { TopologyIndex } from "../topologyIndex";
import { createNetworkDialogs, type NetworkDialogState } from "../networks/dialogs";
import { createDriverExplanations, type DriverExplanations } from "../networks/drivers";
import { createEngines, type EnginesState } from "../engines/engines";
import type { NetworksBackend } from "../networks/types";
import type { Point } from "../graph/geometry";
import { createEditing, type EditingState } from "../endpoints/editing";
import { createFilters, type FiltersState } from "../filters/filters";
import { createGroups, type GroupsState } from "../groups/groups";
import { createHistory, type HistoryState } from "../history/history";
import { createReach, type ReachState } from "../reach/reach";
import { createSearch, type SearchState } from "../search/search";
import { createBusy } from "../shared/busy";
import { createToasts, type ToastStore } from "../shared/toasts";
import { createSelection, type Selected } from "./selection";
import { createStatusStore } from "./status";
import { createThemeStore } from "./theme";
import { createTopologyStore } from "./topology";

export interface AppState {
  topology: Readable<TopologyDto | null>;
  topologyError: Readable<AppError | null>;
  index: Readable<TopologyIndex | null>;
  status: Readable<EngineStatusDto | null>;
  selectedId: Writable<string | null>;
  selected: Readable<Selected | null>;
  theme: Readable<Theme>;
  /** What change is running now ("Connecting api to backend…"), or null: never two at once. */
  busy: Readable<string | null>;
  /** Outcomes and errors over the window. */
  toasts: ToastStore;
  /** What Netlens changed, undo and redo, and how every change's outcome is shown. */
  history: HistoryState;
  /** Connect and disconnect: the popover, the confirmation and the context menu. */
  editing: EditingState;
  /** What a container reaches, and the "Can A reach B?" dialog with its fix. */
  reach: ReachState;
  /** The view filters (kept in localStorage), what they hide, and the focus on one node's neighbourhood. */
  filters: FiltersState;
  /** The search box: query, results over the topology, the matches the graph highlights. */
  search: SearchState;
  /** Compose projects collapsed into one node (view state) and the topology the graph draws with them. */
  groups: GroupsState;
  /** Create, remove and prune dialogs: which is open (their flows call `networks`). */
  dialogs: NetworkDialogState;
  /** The network commands the dialogs' flows call; a create lands where `placeNextNetwork` last said (if it did). */
  networks: NetworksBackend;
  /** The engine switcher: docker contexts, saved engines, switching and adding. */
  engines: EnginesState;
  /** What each driver is for, in the backend's words (asked once, when a panel first needs it). */
  drivers: DriverExplanations;
  /** The user-chosen aliases on a network, by container ID (one inspect per container, so asked lazily). */
  networkAliases(networkId: string): Promise<Map<string, string[]>>;
  /** Where (layout coordinates) the network created next should appear; null lets the layout choose. */
  placeNextNetwork(at: Point | null): void;
  select(id: string | null): void;
  openUrl(url: string): void;
  start(): Promise<void>;
  stop(): void;
}

export function createAppState(backend: Backend, theme: Readable<Theme> = createThemeStore()): AppState {
  const topology = createTopologyStore(backend);
  const status = createStatusStore(backend);
  const selection = createSelection(topology);
  const busy = createBusy();
  const toasts = createToasts();
  const history = createHistory(backend, busy, toasts);
  const editing = createEditing(backend, selection.index, { busy, history, toasts });
  const placing = createPlacing(backend);
  const dialogs = createNetworkDialogs();
  const reach = createReach(backend, topology, editing);
  const filters = createFilters(selection.index);
  const search = createSearch(topology, filters.hidden);
  // After a switch nothing of the engine left may stay in view or in reach: its graph, the selection, an
  // open dialog or popover, a search; the new engine's own undo history is loaded.
  const engines = createEngines(backend, (leftRevision, name) => {
    topology.forget(leftRevision);
    selection.selectedId.set(null);
    dialogs.close();
    editing.closeConnect();
    editing.cancelDisconnect();
    reach.close();
    search.clear();
    void history.load();
    toasts.show("info", `Showing ${name}`);
  });
  return {
    topology,
    topologyError: topology.error,
    index: selection.index,
    status,
    selectedId: selection.selectedId,
    selected: selection.selected,
    theme,
    busy: busy.busy,
    toasts,
    history,
    editing,
    reach,
    filters,
    search,
    groups: createGroups(topology),
    dialogs,
    engines,
    networks: placing.networks,
    drivers: createDriverExplanations(backend),
    placeNextNetwork: placing.placeNext,
    networkAliases: async (networkId) => {
      const r = await backend.networkAliases(networkId);
      return new Map(r.status === "ok" ? r.data.map((a) => [a.containerId, a.aliases]) : []);
    },
    select: (id) => selection.selectedId.set(id),
    openUrl: (url) => {
      backend.openUrl(url).catch((e: unknown) => console.warn("could not open link", url, e));
    },
    async start() {
      await Promise.all([topology.start(), status.start(), history.load()]);
    },
    stop() {
      topology.stop();
      status.stop();
    },
  };
}

/** The network commands, with the create preceded by a placement when one was asked for. */
function createPlacing(backend: Backend): { networks: NetworksBackend; placeNext(at: Point | null): void } {
  let next: Point | null = null;
  return {
    placeNext: (at) => (next = at),
    networks: {
      createOptions: () => backend.createOptions(),
      planCreate: (spec) => backend.planCreate(spec),
      createNetwork: async (spec) => {
        if (next) await backend.placeNetwork(spec.name.trim(), next.x, next.y);
        return backend.createNetwork(spec);
      },
      planRemove: (ids) => backend.planRemove(ids),
      removeNetworks: (ids) => backend.removeNetworks(ids),
      prunePreview: (filters) => backend.prunePreview(filters),
      pruneNetworks: (ids) => backend.pruneNetworks(ids),
      networkJson: (id) => backend.networkJson(id),
    },
  };
}
