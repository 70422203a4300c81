// What the export feature asks of the backend (declared here, implemented by backend.ts and the test
// doubles): the topology as text, the native save dialog, and the write.
import type { AppError, ExportContentsDto, ExportFormatDto, Result, SavedDto } from "../backend";

/** A text rendering of the topology, as `netlens export --format …` names it. */
export type TopologyFormat = ExportFormatDto;
export type ExportContents = ExportContentsDto;

export interface ExportBackend {
  /** The topology the window shows, as `netlens export --format <format>` prints it; changes nothing. */
  exportTopology(format: TopologyFormat): Promise<Result<string, AppError>>;
  /** The native save dialog (it asks before replacing a file); the chosen path, or null when cancelled. */
  chooseSavePath(fileName: string, filter: { name: string; extensions: string[] }): Promise<string | null>;
  /** Writes an export, atomically, to a path chosen in the save dialog; Rust refuses any other path. */
  saveExport(path: string, contents: ExportContents): Promise<Result<SavedDto, AppError>>;
}
