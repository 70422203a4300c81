// What the export feature asks of the backend (declared here, implemented by backend.ts and the test
// doubles): the topology as text and the write, as the generated commands of those names, and the native
// save dialog.
import type { Commands, ExportContentsDto, ExportFormatDto } from "../backend";

/** A text rendering of the topology, as `netlens export --format …` names it. */
export type TopologyFormat = ExportFormatDto;
export type ExportContents = ExportContentsDto;

export interface ExportBackend extends Pick<Commands, "exportTopology" | "saveExport"> {
  /** The native save dialog (it asks before replacing a file); the chosen path, or null when cancelled. */
  chooseSavePath(fileName: string, filter: { name: string; extensions: string[] }): Promise<string | null>;
}
