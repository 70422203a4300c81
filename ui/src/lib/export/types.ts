// What the export feature asks of the backend (declared here, implemented by backend.ts and the test
// doubles): the topology as text, the native save dialog, and the write.
import type { AppError, ExportContentsDto, ExportFormatDto, ExportTextDto, Result, SavedDto, ViewFilter } from "../backend";

/** A text rendering of the topology, as `netlens export --format …` names it. */
export type TopologyFormat = ExportFormatDto;
export type ExportContents = ExportContentsDto;

export interface ExportBackend {
  /**
   * The topology the window shows through its filter, as `netlens export --format <format> <filter flags>`
   * prints it, with that command line; changes nothing.
   */
  exportTopology(format: TopologyFormat, filter: ViewFilter): Promise<Result<ExportTextDto, AppError>>;
  /** The native save dialog (it asks before replacing a file); the chosen path, or null when cancelled. */
  chooseSavePath(fileName: string, filter: { name: string; extensions: string[] }): Promise<string | null>;
  /** Writes an export, atomically, to a path chosen in the save dialog; Rust refuses any other path. */
  saveExport(path: string, contents: ExportContents): Promise<Result<SavedDto, AppError>>;
}
