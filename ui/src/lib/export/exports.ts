// Export… from the window: which exports there are, and running one: ask where (the native save dialog,
// which confirms replacing a file), make the contents (a picture of the view from the renderer, or the
// topology as text from Rust, the very text `netlens export` prints), have Rust write it, and say how it
// went in a toast. The only code of the feature that calls the backend. It must not write files itself
// nor know Tauri (backend.ts opens the dialog).
import type { AppError, Result, SavedDto, ViewFilter } from "../backend";
import type { GraphView } from "../graph/view";
import type { ToastStore } from "../shared/toasts";
import type { ExportBackend, ExportContents, TopologyFormat } from "./types";

export type ExportKind = "png" | "svg" | TopologyFormat;

export interface ExportChoice {
  kind: ExportKind;
  label: string;
  /** The file name the dialog proposes. */
  fileName: string;
  /** The dialog's file-type filter. */
  filter: { name: string; extensions: string[] };
  /**
   * The command line that prints the same, unfiltered (the menu teaches the CLI; after an export the toast
   * shows Rust's own line with the filter's flags); null for pictures of the view, which only the window can
   * draw. The format names are the CLI's (`netlens --help`).
   */
  cli: string | null;
}

export const EXPORTS: readonly ExportChoice[] = [
  { kind: "png", label: "PNG image of the view", fileName: "netlens.png", filter: { name: "PNG image", extensions: ["png"] }, cli: null },
  { kind: "svg", label: "SVG drawing of the view", fileName: "netlens.svg", filter: { name: "SVG drawing", extensions: ["svg"] }, cli: null },
  { kind: "dot", label: "Graphviz DOT", fileName: "netlens.dot", filter: { name: "Graphviz DOT", extensions: ["dot", "gv"] }, cli: "netlens export --format dot" },
  { kind: "mermaid", label: "Mermaid", fileName: "netlens.mmd", filter: { name: "Mermaid", extensions: ["mmd", "md"] }, cli: "netlens export --format mermaid" },
  { kind: "json", label: "JSON", fileName: "netlens.json", filter: { name: "JSON", extensions: ["json"] }, cli: "netlens export --format json" },
];

export const choiceOf = (kind: ExportKind): ExportChoice => EXPORTS.find((c) => c.kind === kind) ?? EXPORTS[0]!;

/** A path as one shell word, for the command line shown with a text export. */
export function shellQuote(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

export interface ExportState {
  /** Asks where to save, then writes the export there; the outcome is a toast. Nothing when cancelled. */
  run(kind: ExportKind): Promise<void>;
  /** Writes the export to `path` without asking (the end-to-end hook; Rust writes only where it may). */
  runTo(kind: ExportKind, path: string): Promise<Result<SavedDto, AppError>>;
}

const refusal = (message: string, hint: string): AppError => ({ code: "cannotSave", message, hint });

/** What was made to be written, and for a text export the command line that prints the same. */
interface Made {
  contents: ExportContents;
  command: string | null;
}

export function createExports(
  backend: ExportBackend,
  view: () => GraphView | null,
  toasts: ToastStore,
  filter: () => ViewFilter,
): ExportState {
  async function contents(kind: ExportKind): Promise<Result<Made, AppError>> {
    if (kind === "png" || kind === "svg") {
      const v = view();
      if (!v) return { status: "error", error: refusal("The graph is not drawn yet.", "Wait until the graph shows, then export again.") };
      try {
        const contents: ExportContents = kind === "png" ? { kind: "base64", data: v.snapshotPng() } : { kind: "text", text: v.snapshotSvg() };
        return { status: "ok", data: { contents, command: null } };
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return { status: "error", error: refusal(`The picture could not be made: ${message}.`, "Try the SVG export, or DOT for the topology itself.") };
      }
    }
    // The text shows what the window shows: through the same filter.
    const text = await backend.exportTopology(kind, filter());
    return text.status === "ok" ? { status: "ok", data: { contents: { kind: "text", text: text.data.text }, command: text.data.command } } : text;
  }

  async function write(kind: ExportKind, path: string): Promise<Result<{ saved: SavedDto; command: string | null }, AppError>> {
    const made = await contents(kind);
    if (made.status !== "ok") return made;
    const saved = await backend.saveExport(path, made.data.contents);
    return saved.status === "ok" ? { status: "ok", data: { saved: saved.data, command: made.data.command } } : saved;
  }

  async function runTo(kind: ExportKind, path: string): Promise<Result<SavedDto, AppError>> {
    const written = await write(kind, path);
    return written.status === "ok" ? { status: "ok", data: written.data.saved } : written;
  }

  let running = false;
  return {
    runTo,
    async run(kind) {
      if (running) return;
      running = true;
      try {
        const choice = choiceOf(kind);
        const path = await backend.chooseSavePath(choice.fileName, choice.filter);
        if (path === null) return;
        const written = await write(kind, path);
        if (written.status === "ok") {
          const { saved, command } = written.data;
          toasts.show("ok", `Exported ${choice.label}`, saved.path, command ? `${command} --output ${shellQuote(saved.path)}` : null);
        } else toasts.show("error", written.error.message, written.error.hint);
      } catch (e) {
        // The dialog itself failed (no portal, no display): say so instead of doing nothing.
        toasts.show("error", `The save dialog could not open: ${e instanceof Error ? e.message : String(e)}`, "Use `netlens export` in a terminal meanwhile.");
      } finally {
        running = false;
      }
    },
  };
}
