// Export… from the window: which exports there are, and running one: ask where (the native save dialog,
// which confirms replacing a file), make the contents (a picture of the view from the renderer, or the
// topology as text from Rust, the very text `netlens export` prints), have Rust write it, and say how it
// went in a toast. The only code of the feature that calls the backend. It must not write files itself
// nor know Tauri (backend.ts opens the dialog).
import type { AppError, Result, SavedDto } from "../backend";
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
   * The command line that prints the same (the app teaches the CLI); null for pictures of the view, which
   * only the window can draw. The format names are the CLI's (`netlens --help`).
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

export function createExports(backend: ExportBackend, view: () => GraphView | null, toasts: ToastStore): ExportState {
  async function contents(kind: ExportKind): Promise<Result<ExportContents, AppError>> {
    if (kind === "png" || kind === "svg") {
      const v = view();
      if (!v) return { status: "error", error: refusal("The graph is not drawn yet.", "Wait until the graph shows, then export again.") };
      try {
        return { status: "ok", data: kind === "png" ? { kind: "base64", data: v.snapshotPng() } : { kind: "text", text: v.snapshotSvg() } };
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return { status: "error", error: refusal(`The picture could not be made: ${message}.`, "Try the SVG export, or DOT for the topology itself.") };
      }
    }
    const text = await backend.exportTopology(kind);
    return text.status === "ok" ? { status: "ok", data: { kind: "text", text: text.data } } : text;
  }

  async function runTo(kind: ExportKind, path: string): Promise<Result<SavedDto, AppError>> {
    const made = await contents(kind);
    return made.status === "ok" ? backend.saveExport(path, made.data) : made;
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
        const saved = await runTo(kind, path);
        if (saved.status === "ok") {
          const command = choice.cli ? `${choice.cli} > ${shellQuote(saved.data.path)}` : null;
          toasts.show("ok", `Exported ${choice.label}`, saved.data.path, command);
        } else toasts.show("error", saved.error.message, saved.error.hint);
      } catch (e) {
        // The dialog itself failed (no portal, no display): say so instead of doing nothing.
        toasts.show("error", `The save dialog could not open: ${e instanceof Error ? e.message : String(e)}`, "Use `netlens export` in a terminal meanwhile.");
      } finally {
        running = false;
      }
    },
  };
}
