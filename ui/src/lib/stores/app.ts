// Everything the components share, made from one Backend: the topology, the engine status, the
// selection and the theme, plus the few actions components may take. Components receive it through
// Svelte context (see context.ts), never by importing Tauri.
import type { Readable, Writable } from "svelte/store";

import type { AppError, Backend, EngineStatusDto, TopologyDto } from "../backend";
import type { Theme } from "../graph/palette";
import type { TopologyIndex } from "../topologyIndex";
import { createLifecycleDialogs, type LifecycleDialogs } from "../lifecycle/dialogs";
import type { LifecycleBackend } from "../lifecycle/types";
import { createEditing, type EditingState } from "./editing";
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
  /** Connect, disconnect, undo, redo: busy state, history, popover, confirmation and toasts. */
  editing: EditingState;
  /** Create, remove and prune dialogs: which is open, and the commands they call. */
  dialogs: LifecycleDialogs;
  lifecycle: LifecycleBackend;
  select(id: string | null): void;
  openUrl(url: string): void;
  start(): Promise<void>;
  stop(): void;
}

export function createAppState(backend: Backend, theme: Readable<Theme> = createThemeStore()): AppState {
  const topology = createTopologyStore(backend);
  const status = createStatusStore(backend);
  const selection = createSelection(topology);
  const editing = createEditing(backend, selection.index);
  return {
    topology,
    topologyError: topology.error,
    index: selection.index,
    status,
    selectedId: selection.selectedId,
    selected: selection.selected,
    theme,
    editing,
    dialogs: createLifecycleDialogs(),
    lifecycle: backend,
    select: (id) => selection.selectedId.set(id),
    openUrl: (url) => {
      backend.openUrl(url).catch((e: unknown) => console.warn("could not open link", url, e));
    },
    async start() {
      await Promise.all([topology.start(), status.start(), editing.loadHistory()]);
    },
    stop() {
      topology.stop();
      status.stop();
    },
  };
}
