// The UI's one door to Tauri: the only module that imports `@tauri-apps/*` or the generated bindings.
// It hands plain contract data to stores; components never call Tauri themselves, so tests and the
// demo swap in another `Backend`. It must not hold UI logic.
import { save } from "@tauri-apps/plugin-dialog";
import { open } from "@tauri-apps/plugin-shell";

import { commands, events } from "./bindings";
import type { ExportBackend } from "./export/types";
import type { EnginesBackend } from "./engines/types";
import type { NetworksBackend } from "./networks/types";
import type {
  AliasesDto,
  AppError,
  ConnectPlanDto,
  ContainerDto,
  DisconnectPlanDto,
  DropTargetDto,
  EdgeDto,
  EndpointConfigDto,
  EngineStatusDto,
  HistoryDto,
  NodeDto,
  OutcomeDto,
  ReachDto,
  ReachItemDto,
  TopologyDiffDto,
  TopologyDto,
  VerdictDto,
  WhyNotDto,
} from "./bindings";

/** What a command that can fail resolves to (the shape tauri-specta's `typedError` returns). */
export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

/** The generated commands as they are declared (with Rust's docs): a feature's slice of `Backend` picks the
 * ones it calls from here rather than writing their signatures again. */
export type Commands = typeof commands;

export type {
  AliasesDto,
  AppError,
  AttachedDto,
  CreateOptionsDto,
  CreatePlanDto,
  DriverChoice as DriverChoiceDto,
  EntryState as HistoryStateDto,
  NetworkSpec as NetworkSpecDto,
  PreviewItem as PreviewItemDto,
  PruneFiltersDto,
  PrunePreviewDto,
  RemoveItemDto,
  RemovePlanDto,
  ReportDto,
  ReportItemDto,
  ConnectPlanDto,
  ContainerDto,
  DisconnectPlanDto,
  DropTargetDto,
  EndpointConfigDto,
  HistoryDto,
  EntryView as HistoryEntryDto,
  OutcomeDto,
  ProblemDto,
  Code as ProblemCode,
  Field as ProblemField,
  OutcomeKind,
  EdgeDto,
  EndpointDto,
  EngineChoiceDto,
  EngineFormDto,
  EnginePlanDto,
  EnginesDto,
  EngineStatusDto,
  ExportContentsDto,
  ExportFormatDto,
  ExportTextDto,
  IpamConfig as IpamConfigDto,
  KeyValue as KeyValueDto,
  NetworkDto,
  NodeDto,
  Port as PortDto,
  ReachDto,
  TopologyDiffDto,
  TopologyDto,
  EndpointRef as EndpointRefDto,
  FixDto,
  NetRefDto,
  ReachItemDto,
  SavedDto,
  SwitchedDto,
  VerdictDto,
  ViewFilter,
  WayDto,
  WhyNotDto,
} from "./bindings";

// Enum-like types are taken from the fields that carry them, not imported by name: specta names them
// after the Rust types, which the draft does not. Core types that travel as they are (`NetworkSpec`,
// `KeyValue`, `Port`, …) keep the UI's `…Dto` names above.
export type ContainerState = ContainerDto["state"];
export type NodeKind = NodeDto["kind"];
export type EdgeKind = EdgeDto["kind"];
export type ReachKind = ReachDto["kind"];
export type WhyNotCode = WhyNotDto["code"];
export type EngineState = EngineStatusDto["state"];

export type Unsubscribe = () => void;

/** Everything the window asks of the Rust side; the networks' part (create, remove, prune, inspect) is declared in
 * networks/types.ts, the export's (text of the topology, save dialog, write) in export/types.ts. */
export interface Backend extends NetworksBackend, ExportBackend, EnginesBackend {
  getTopology(): Promise<Result<TopologyDto, AppError>>;
  getEngineStatus(): Promise<EngineStatusDto>;
  onTopology(cb: (topology: TopologyDto) => void): Promise<Unsubscribe>;
  /** Live changes as diffs on a revision (issue 9: a busy engine's one connect costs one edge, not a whole
   * topology). Optional so test doubles that only send whole topologies need not implement it. */
  onTopologyPatch?(cb: (diff: TopologyDiffDto) => void): Promise<Unsubscribe>;
  onStatus(cb: (status: EngineStatusDto) => void): Promise<Unsubscribe>;
  openUrl(url: string): Promise<void>;

  // Editing endpoints. IDs are the engine's raw container and network IDs, not graph node ids.
  // connect, disconnect, undo and redo resolve only after the new topology has been emitted.
  /** Every network, and whether the container may join it (and why not). */
  dropTargets(containerId: string): Promise<Result<DropTargetDto[], AppError>>;
  /** Checks a connect as the form describes it; changes nothing. */
  planConnect(containerId: string, networkId: string, config: EndpointConfigDto): Promise<Result<ConnectPlanDto, AppError>>;
  connect(containerId: string, networkId: string, config: EndpointConfigDto): Promise<Result<OutcomeDto, AppError>>;
  /** Checks a disconnect; changes nothing. */
  planDisconnect(containerId: string, networkId: string): Promise<Result<DisconnectPlanDto, AppError>>;
  disconnect(containerId: string, networkId: string): Promise<Result<OutcomeDto, AppError>>;
  undo(): Promise<Result<OutcomeDto, AppError>>;
  redo(): Promise<Result<OutcomeDto, AppError>>;
  getHistory(): Promise<Result<HistoryDto, AppError>>;
  /** The user-chosen aliases of every container on a network (one inspect each); changes nothing. */
  networkAliases(networkId: string): Promise<Result<AliasesDto[], AppError>>;
  /** The next network of this name appears at (x, y) in layout coordinates (y down), e.g. where right-clicked. */
  placeNetwork(name: string, x: number, y: number): Promise<void>;

  // Reachability: questions about the topology the window shows; they change nothing.
  /** Everything a container can and cannot reach (the host, the outside world, every other container), each with how or why. */
  reachFrom(containerId: string): Promise<Result<ReachItemDto[], AppError>>;
  /** Whether one container reaches another: the ways, networks and names, or the reason and the connect that would fix it. */
  canReach(fromId: string, toId: string): Promise<Result<VerdictDto, AppError>>;
}

/** Only web links leave the app; the shell plugin's scope says the same on the Rust side. */
export function isWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:";
  } catch {
    return false;
  }
}

export function tauriBackend(): Backend {
  return {
    // Every command Rust exports is the Backend method of the same name as it stands: the return type checks
    // each against its declaration, so one that drifts fails to compile here. Written out below are only what
    // is not a command (events, links, the save dialog) and the one argument the UI shapes (rounded x, y).
    ...commands,
    onTopology: (cb) => events.topologyChanged.listen((event) => cb(event.payload)),
    onTopologyPatch: (cb) => events.topologyPatched.listen((event) => cb(event.payload)),
    onStatus: (cb) => events.engineStatusChanged.listen((event) => cb(event.payload)),
    openUrl: async (url) => {
      if (!isWebUrl(url)) throw new Error(`refusing to open a non-web link: ${url}`);
      await open(url);
    },
    placeNetwork: (name, x, y) => commands.placeNetwork(name, Math.round(x), Math.round(y)),
    // The plugin hands the chosen path to Rust too (its scope), which writes only such paths.
    chooseSavePath: async (fileName, filter) => (await save({ defaultPath: fileName, filters: [filter] })) ?? null,
  };
}
