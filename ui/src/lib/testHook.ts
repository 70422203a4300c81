// The end-to-end test hook, installed only when a WebDriver session drives the page (`navigator.webdriver`,
// which WebKit sets for a web view under automation: tauri-driver starts the app that way), so WebDriver
// tests of the real app can drive the graph, which is a WebGL canvas with nothing in the DOM to click
// or drag (drags are real pointer events: press on a node or edge position, move, release). A person's
// window never has it:
//
//   window.__NETLENS_TEST__ = {
//     nodePosition(id): { x: number; y: number } | null
//       // the node's centre in viewport CSS pixels, usable for W3C pointer actions
//       // (pointerMove with origin "viewport"); null when the node is not drawn
//     edgePosition(id): { x: number; y: number } | null
//       // the middle of the edge's drawn line in viewport CSS pixels (where to press to pull it away);
//       // null when it is not drawn
//     revision(): number
//       // revision of the topology last drawn on the graph; 0 before the first
//     select(id): void
//       // selects a node or edge id alone (as a plain click would) and opens its details
//     revealInOutline(id): boolean
//       // opens the outline's group holding node or edge `id` and scrolls it into view, so its row
//       // (button[data-node-id] / button[data-edge-id]) is in the DOM; false when the outline is
//       // hidden or has no row for it. The outline draws only the rows in view on a big engine.
//     itemLook(id): "drawn" | "faded" | "hidden" | "absent"
//       // how node or edge `id` is drawn: at full strength, faded by a focus, hidden by a filter, or not
//       // in the graph at all
//     selectedIds(): string[]
//       // every selected node and edge id, in the order they were added (Ctrl/Shift+click adds);
//       // the last is the primary selection, whose details show when it is the only one
//     exportTo(kind, path): Promise<{ status: "ok", data: { path, bytes } } | { status: "error", error }>
//       // Export… without the native save dialog, which WebDriver cannot drive: the same export
//       // ("png" | "svg" | "dot" | "mermaid" | "json") written to `path`. Rust writes only paths chosen in
//       // the dialog, or new files directly inside the folder NETLENS_TEST_EXPORT_DIR named when the app
//       // started (service/export.rs): the hook opens nothing a person's window could not do.
//
//     stagePng(redrawn): string | null
//       // the graph's canvases as a base64 PNG: as they are on screen (false), or drawn whole again first
//       // (true); null before the graph exists. A live change is drawn only where it changed
//       // (graph/sigmaRegion.ts): the two must match.
//     frames(): { whole: number; clipped: number; lastClipped: boolean }
//       // how many frames were drawn whole and that way so far, and whether the last one was
//     misdrawnLines(): string[] | null
//       // draws the graph whole, then the ids of shown lines the GPU did not draw between their own two
//       // nodes (graph/sigmaCheck.ts); [] when all are right, null before the graph exists or when the
//       // renderer's internals cannot be read (a test should fail then)
//
//     // Added by installTestHook for `make bench` (bench/): when things were drawn, as wall-clock
//     // milliseconds (performance.timeOrigin + performance.now(), comparable with the host's clock):
//     clock(): number
//       // now, on that clock
//     drawTimes(): { revision: number; at: number; painted: number | null }[]
//       // every data-revision the page set (the last 2,000): `at` when <main data-revision> changed,
//       // `painted` at the next animation frame, i.e. after the renderer drew that revision (null until then)
//     watch(id): void
//       // from now on, note each time node or edge `id` appears or disappears in a drawn revision
//       // (the first note is its state when watch was called, revision 0)
//     seen(id): { present: boolean; revision: number; at: number; painted: number | null }[]
//       // those changes for a watched id, oldest first
//   }
//
// Alongside, <main data-ready="true" data-revision="N"> is set once the first topology is drawn, so a
// test can wait for `main[data-ready="true"]` and then for `data-revision` to pass a known value;
// `data-dragging="true"` while a container is dragged or an edge pulled, `data-busy="true"` while an
// operation runs.
// Node ids: "network:<id>", "container:<id>", "host", "external"; edge ids "endpoint:<net>:<ctr>",
// "reach:<net>:host|external".
import type { AppError, Result, SavedDto } from "./backend";
import type { ExportKind } from "./export/exports";
import type { Point } from "./graph/geometry";
import type { FrameCount, ItemLook } from "./graph/view";

export interface NetlensTestHook {
  nodePosition(id: string): Point | null;
  edgePosition(id: string): Point | null;
  revision(): number;
  select(id: string): void;
  selectedIds(): string[];
  itemLook(id: string): ItemLook;
  exportTo(kind: ExportKind, path: string): Promise<Result<SavedDto, AppError>>;
  stagePng(redrawn: boolean): string | null;
  frames(): FrameCount;
  misdrawnLines(): string[] | null;
}

/** What the outline lends the hook while it is shown (see revealInOutline above). */
export interface NetlensOutlineHook {
  revealInOutline(id: string): boolean;
}

let outlineHook: NetlensOutlineHook | null = null;

/** The outline registers itself while mounted; the returned function takes it away again. */
export function provideOutlineHook(part: NetlensOutlineHook): () => void {
  outlineHook = part;
  return () => {
    if (outlineHook === part) outlineHook = null;
  };
}

/** When things were drawn, for the benchmark harness (bench/); see the comment at the top. */
export interface NetlensDrawTimes {
  clock(): number;
  drawTimes(): DrawTime[];
  watch(id: string): void;
  seen(id: string): Sighting[];
}

export interface DrawTime {
  revision: number;
  at: number;
  /** null until the frame after `at` has run */
  painted: number | null;
}

export interface Sighting extends DrawTime {
  present: boolean;
}

declare global {
  interface Window {
    __NETLENS_TEST__?: NetlensTestHook & NetlensDrawTimes & NetlensOutlineHook;
  }
}

const KEEP = 2000;

/** Records the moments <main data-revision> changes, and watched ids coming and going with them. */
function recordDrawTimes(hook: NetlensTestHook, win: Window): NetlensDrawTimes & { stop(): void } {
  const perf = win.performance;
  const clock = () => perf.timeOrigin + perf.now();
  const times: DrawTime[] = [];
  const watched = new Map<string, Sighting[]>();
  const present = (id: string) => (hook.nodePosition(id) ?? hook.edgePosition(id)) !== null;
  const onChange = (records: MutationRecord[]) => {
    const at = clock();
    for (const r of records) {
      const el = r.target as Element;
      const revision = Number(el.getAttribute("data-revision"));
      if (!Number.isFinite(revision) || revision === times.at(-1)?.revision) continue;
      const entry: DrawTime = { revision, at, painted: null };
      times.push(entry);
      if (times.length > KEEP) times.splice(0, times.length - KEEP);
      const changed: Sighting[] = [];
      for (const [id, list] of watched) {
        const now = present(id);
        if (list.at(-1)?.present !== now) {
          const s: Sighting = { present: now, revision, at, painted: null };
          list.push(s);
          changed.push(s);
        }
      }
      // The renderer schedules its frame when it is handed the topology, before this callback runs,
      // so this frame callback comes after that revision was drawn.
      win.requestAnimationFrame(() => {
        const painted = clock();
        entry.painted = painted;
        for (const s of changed) s.painted = painted;
      });
    }
  };
  const observer = new MutationObserver(onChange);
  observer.observe(win.document.documentElement, { subtree: true, attributeFilter: ["data-revision"] });
  return {
    clock,
    drawTimes: () => times.map((t) => ({ ...t })),
    watch: (id) => {
      if (!watched.has(id)) watched.set(id, [{ present: present(id), revision: 0, at: clock(), painted: clock() }]);
    },
    seen: (id) => (watched.get(id) ?? []).map((s) => ({ ...s })),
    stop: () => observer.disconnect(),
  };
}

export function installTestHook(hook: NetlensTestHook, win: Window = window): () => void {
  if (win.navigator.webdriver !== true) return () => {};
  const { stop, ...drawTimes } = recordDrawTimes(hook, win);
  const installed = { ...hook, ...drawTimes, revealInOutline: (id: string) => outlineHook?.revealInOutline(id) ?? false };
  win.__NETLENS_TEST__ = installed;
  return () => {
    stop();
    if (win.__NETLENS_TEST__ === installed) delete win.__NETLENS_TEST__;
  };
}
