// The networks' slice of the contract (create, remove, prune, inspect): the commands flows.ts calls, as
// they are generated (taken through backend.ts, the UI's one door to Tauri), so their signatures and docs
// are Rust's. It must hold types only: no logic.
import type { Commands } from "../backend";

/** The network commands, the generated `commands.*` of the same names: backend.ts passes them straight through. */
export type NetworksBackend = Pick<
  Commands,
  "createOptions" | "planCreate" | "createNetwork" | "planRemove" | "removeNetworks" | "prunePreview" | "pruneNetworks" | "networkJson"
>;
