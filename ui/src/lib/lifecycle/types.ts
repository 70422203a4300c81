// The network lifecycle's slice of the Rust contract, mirrored by hand so the lifecycle UI can be built
// and tested without going through ./bindings (the UI's one door to Tauri is backend.ts). Every shape here
// is structurally identical to its generated namesake in bindings.ts; contract.test.ts makes tsc prove it
// both ways, so a regenerated contract that drifts breaks the build instead of the dialogs.
// It must hold types only: no logic, no imports from Tauri or the bindings.

/** What a command that can fail resolves to (the shape tauri-specta's `typedError` returns). */
export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

export type KeyValueDto = {
  key: string;
  value: string;
};

/** One reason an operation cannot run, placed next to the form field it concerns. */
export type ProblemDto = {
  /** Stable (`nameTaken`, `badCidr`, …): the UI switches on it. */
  code: string;
  /** The form field (see `CreateField` in specForm.ts, or `until`/`labels` for prune); `null` for the whole. */
  field: string | null;
  message: string;
  hint: string;
};

export type AppError =
  | { code: "engineUnreachable"; message: string; hint: string | null }
  | { code: "engineRejected"; message: string; hint: string | null }
  | { code: "badEngineConfig"; message: string; hint: string | null }
  | { code: "notReady"; message: string; hint: string | null }
  | { code: "refused"; message: string; hint: string | null; problems: ProblemDto[] }
  | { code: "nothingToUndo"; message: string; hint: string | null }
  | { code: "nothingToRedo"; message: string; hint: string | null }
  | { code: "cannotRestore"; message: string; hint: string | null; problems: ProblemDto[] };

export type HistoryStateDto = "done" | "undone";

export type HistoryEntryDto = {
  describe: string;
  command: string;
  /** RFC 3339. */
  when: string;
  state: HistoryStateDto;
};

export type HistoryDto = {
  entries: HistoryEntryDto[];
  undo: string | null;
  redo: string | null;
};

/** What an operation, undo or redo did. */
export type OutcomeDto = {
  /** "Created network backend", for a toast. */
  done: string;
  command: string;
  history: HistoryDto;
  notice: string | null;
};

/** What the create dialog sends. Blank strings mean "not set". */
export type NetworkSpecDto = {
  name: string;
  /** Blank means `bridge`. */
  driver: string;
  subnet: string;
  ipRange: string;
  gateway: string;
  ipv6: boolean;
  subnetV6: string;
  gatewayV6: string;
  internal: boolean;
  attachable: boolean;
  encrypted: boolean;
  mtu: string;
  /** Inter-container communication on a bridge (on by default). */
  icc: boolean;
  parent: string;
  mode: string;
  labels: KeyValueDto[];
  options: KeyValueDto[];
};

export type DriverChoiceDto = {
  name: string;
  creatable: boolean;
  /** Why it cannot be chosen here (e.g. overlay outside swarm mode). */
  reason: string | null;
  /** One paragraph on what the driver is for. */
  explanation: string;
};

export type CreateOptionsDto = {
  drivers: DriverChoiceDto[];
  swarmManager: boolean;
};

/** The create form as it is now: every problem next to its field, and the command. */
export type CreatePlanDto = {
  problems: ProblemDto[];
  command: string;
  explanation: string;
};

export type AttachedDto = {
  containerId: string;
  containerName: string;
  running: boolean;
};

/** One network of a remove plan: refused with a reason, or removable after disconnecting `attached`. */
export type RemoveItemDto = {
  networkId: string;
  networkName: string;
  refusal: ProblemDto | null;
  attached: AttachedDto[];
  confirmText: string | null;
  commands: string[];
};

export type RemovePlanDto = {
  items: RemoveItemDto[];
  /** Every command of the removable networks, in order: disconnects, then one `rm`. */
  commands: string[];
  disconnectsAnything: boolean;
};

/** The prune preview's filters as the dialog writes them. */
export type PruneFiltersDto = {
  /** Go duration: `24h`, `90m`, `3600s`; blank for no age limit. */
  until: string;
  /** `label=k`, `label=k=v`, `label!=k`, `label!=k=v`, or just `k` / `k=v`. */
  labels: string[];
};

export type PreviewItemDto = {
  id: string;
  name: string;
  driver: string;
  created: string | null;
  /** "3 days ago". */
  age: string;
  labels: KeyValueDto[];
};

export type PrunePreviewDto = {
  items: PreviewItemDto[];
  /** The `docker network prune` line with these filters. */
  command: string;
};

export type ReportItemDto = {
  id: string;
  name: string;
  /** `removed`, `skipped` or `failed`. */
  outcome: string;
  reason: string | null;
};

/** What a remove or prune did, network by network. */
export type ReportDto = {
  items: ReportItemDto[];
  summary: string;
  commands: string[];
  history: HistoryDto;
  /** E.g. that undo re-creates the networks under new IDs. */
  notice: string | null;
};

/**
 * The lifecycle commands, one to one with the generated `commands.*` of the same names: backend.ts can
 * pass `commands.createOptions` etc. straight through.
 */
export interface LifecycleBackend {
  /** The drivers this engine can create networks with, and whether it is a swarm manager. */
  createOptions(): Promise<Result<CreateOptionsDto, AppError>>;
  /** Checks the create form as it is now; changes nothing. */
  planCreate(spec: NetworkSpecDto): Promise<Result<CreatePlanDto, AppError>>;
  createNetwork(spec: NetworkSpecDto): Promise<Result<OutcomeDto, AppError>>;
  /** What removing these networks takes and which cannot go; changes nothing. */
  planRemove(networkIds: string[]): Promise<Result<RemovePlanDto, AppError>>;
  removeNetworks(networkIds: string[]): Promise<Result<ReportDto, AppError>>;
  /** Exactly which networks a prune with these filters would remove now; changes nothing. */
  prunePreview(filters: PruneFiltersDto): Promise<Result<PrunePreviewDto, AppError>>;
  /** Removes the previewed networks that are still ticked, one by one. */
  pruneNetworks(networkIds: string[]): Promise<Result<ReportDto, AppError>>;
  /** The network as the engine's inspect returns it, pretty-printed. */
  networkJson(networkId: string): Promise<Result<string, AppError>>;
}
