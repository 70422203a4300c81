// The networks' slice of the contract (create, remove, prune, inspect): the commands flows.ts calls. The
// types they carry are the generated ones, imported from backend.ts (the UI's one door to Tauri).
// It must hold types only: no logic.
import type {
  AppError,
  CreateOptionsDto,
  CreatePlanDto,
  NetworkSpecDto,
  OutcomeDto,
  PruneFiltersDto,
  PrunePreviewDto,
  RemovePlanDto,
  ReportDto,
  Result,
} from "../backend";

/**
 * The network commands, one to one with the generated `commands.*` of the same names: backend.ts can
 * pass `commands.createOptions` etc. straight through.
 */
export interface NetworksBackend {
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
