// The engine switcher's slice of the contract, as the switcher sees it: the generated types, taken through
// backend.ts (the UI's one door to Tauri), and the commands engines.ts calls. Types only: no logic.
import type {
  AppError,
  EngineChoiceDto,
  EngineFormDto,
  EnginePlanDto,
  EnginesDto,
  Result,
  SwitchedDto,
} from "../backend";

export type { AppError, EngineChoiceDto, EngineFormDto, EnginePlanDto, EnginesDto, ProblemDto, SwitchedDto } from "../backend";

export type EngineFormKind = EngineFormDto["kind"];
export type EngineChoiceKind = EngineChoiceDto["kind"];

/** The switcher's commands, one to one with the generated `commands.*` of the same names. */
export interface EnginesBackend {
  /** Docker contexts, saved engines and the sandbox, read afresh; which one the window follows. */
  listEngines(): Promise<EnginesDto>;
  /** Checks the add-engine form as it is now; changes nothing. */
  planEngine(form: EngineFormDto): Promise<EnginePlanDto>;
  /** Saves a new engine in the app's config folder. */
  addEngine(form: EngineFormDto): Promise<Result<EnginesDto, AppError>>;
  /** Forgets a saved engine (not the one shown). */
  removeEngine(name: string): Promise<Result<EnginesDto, AppError>>;
  /** Follows another engine; resolves once the old one is let go. */
  switchEngine(id: string): Promise<Result<SwitchedDto, AppError>>;
}
