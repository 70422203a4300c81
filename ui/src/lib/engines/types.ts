// The engine switcher's slice of the contract: the generated types and commands it uses, taken through
// backend.ts (the UI's one door to Tauri). Types only: no logic.
import type { Commands, EngineChoiceDto, EngineFormDto } from "../backend";

export type { AppError, EngineChoiceDto, EngineFormDto, EnginePlanDto, EnginesDto, ProblemDto, SwitchedDto } from "../backend";

export type EngineFormKind = EngineFormDto["kind"];
export type EngineChoiceKind = EngineChoiceDto["kind"];

/** The switcher's commands, the generated `commands.*` of the same names (their docs are Rust's). */
export type EnginesBackend = Pick<Commands, "listEngines" | "planEngine" | "addEngine" | "removeEngine" | "switchEngine">;
