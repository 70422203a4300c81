// A live change drawn only where it changed. Over the 300/2,000 topology without a GPU, a whole frame
// of the stage took ~40 ms (with `gl.finish()`), ~30 of it rasterizing (the lines alone ~20), and a frame
// clipped to a 100 x 100 px box ~12-17 ms: the part that does not scale with pixels is sigma's per-frame
// JavaScript and vertex work. A CLI connect or disconnect changes one line and perhaps moves one
// container, so the frame that shows it is drawn with a scissor box around what changed (where the
// items were and where they are now), and the rest of the canvas keeps the previous frame: the stage
// keeps its drawing buffer (sigmaStage.ts). Only the stage's own framebuffer is clipped: sigma's
// offscreen passes (the node frame pass, the picking buffer) run whole, as they always do. The edge
// frame pass (where each line meets its nodes, one point per line into a texture the lines, their labels
// and backdrops read) was ~2.5 ms of such a frame's ~13 for 3,000 lines under llvmpipe; on a clipped
// frame it runs only for the lines whose ends or data changed (and rows new since its last run), as the
// texture keeps every other line's result from the frame before.
//
// The box is used only when nothing else can have changed the picture since the last frame: the same
// camera, canvas size and pixel ratio, no pending reprocess, no graph state change (hover), and at most
// a few items with changed states (their boxes join it). Anything else draws the whole frame, as before.
//
// It owns no decision about what changed (sigmaIncremental.ts marks it) and touches sigma only through
// the members typed in `RegionInternals`; with another shape (a sigma upgrade) `regionDrawing` returns
// null and every frame is drawn whole.
import type { Point } from "./geometry";
import { withReplaced } from "./replaced";
import { noFrames, type FrameCount } from "./view";

/** A box in the canvas's CSS pixels, from (x0, y0) top left to (x1, y1) bottom right. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The canvas as a frame was drawn for: what must not have changed for the next one to reuse it. */
export interface ViewState {
  x: number;
  y: number;
  ratio: number;
  angle: number;
  width: number;
  height: number;
  pixelRatio: number;
}

/** Around a line: its width, the anti-aliasing, and a line label drawn along it. */
export const LINE_PAD = 24;
/** Around a node, beyond its disc: halo, hub mark, shadow, and its label's height. */
export const NODE_PAD = 28;
/** Around a line or a node drawn without a label, halo or mark (known from sigma's data for it): the
 * anti-aliasing, beyond the line's half width or the node's disc. */
export const BARE_PAD = 4;
/** A label's width, estimated generously per character at the 13 px label font, plus its margins. */
export const LABEL_CHAR_PX = 9;
export const LABEL_MARGIN_PX = 24;
/** Past this share of the canvas a clipped frame saves too little: it is drawn whole. */
export const MAX_SHARE = 0.6;
/** More state changes (a filter, a focus) or marked nodes (a theme, a large re-read) than this and the frame
 * is drawn whole: so many changes rarely fit a box worth clipping to, and each marked node's look is
 * recorded as text before the change and again at the frame. */
export const DIRTY_AT_MOST = 64;

export const join = (a: Box | null, b: Box | null): Box | null =>
  a === null ? b : b === null ? a : { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };

export const lineBox = (a: Point, b: Point, pad = LINE_PAD): Box => ({
  x0: Math.min(a.x, b.x) - pad,
  y0: Math.min(a.y, b.y) - pad,
  x1: Math.max(a.x, b.x) + pad,
  y1: Math.max(a.y, b.y) + pad,
});

/** A node of `radius` px at `p` and its label, which may sit on either side of it. */
export function nodeBox(p: Point, radius: number, label: string | null | undefined, pad = NODE_PAD): Box {
  const across = radius + pad + (label ? label.length * LABEL_CHAR_PX + LABEL_MARGIN_PX : 0);
  const down = radius + Math.max(pad, label ? NODE_PAD : 0);
  return { x0: p.x - across, y0: p.y - down, x1: p.x + across, y1: p.y + down };
}

export const sameView = (a: ViewState | null, b: ViewState): boolean =>
  a !== null && a.x === b.x && a.y === b.y && a.ratio === b.ratio && a.angle === b.angle && a.width === b.width && a.height === b.height && a.pixelRatio === b.pixelRatio;

/**
 * The scissor box (WebGL's x, y from the bottom left, width, height, in device pixels) for `box` on a
 * canvas of `view`'s size, or null when the frame is better drawn whole (the box covers too much) or has
 * nothing to draw (the box is off the canvas).
 */
/** A scissor box that lets nothing through. */
const NOTHING: [number, number, number, number] = [0, 0, 0, 0];

export function scissorFor(box: Box, view: Pick<ViewState, "width" | "height" | "pixelRatio">): [number, number, number, number] | null {
  const x0 = Math.max(0, Math.floor(box.x0));
  const y0 = Math.max(0, Math.floor(box.y0));
  const x1 = Math.min(view.width, Math.ceil(box.x1));
  const y1 = Math.min(view.height, Math.ceil(box.y1));
  if (x1 <= x0 || y1 <= y0) return NOTHING;
  if ((x1 - x0) * (y1 - y0) > MAX_SHARE * view.width * view.height) return null;
  const pr = view.pixelRatio;
  const bottom = Math.floor((view.height - y1) * pr);
  return [Math.floor(x0 * pr), bottom, Math.ceil(x1 * pr) - Math.floor(x0 * pr), Math.ceil((view.height - y0) * pr) - bottom];
}

interface NodeData {
  x: number;
  y: number;
  size: number;
  label?: string | null;
  labelVisibility?: string;
  backdropVisibility?: string;
}

interface EdgeData {
  size: number;
  labelVisibility?: string;
}

/** The edge frame pass's output texture, as far as it tells whether it was re-created (emptied). */
interface FrameTextureLike {
  getTextureWidth(): number;
  getTextureHeight(): number;
}

/** Sigma's edge frame pass: `run` draws `edgeCount` points (gl_VertexID = the line's edge-data row). */
interface EdgeFrameInternals {
  edgeFramePass: { run(params: unknown, frameTexture: FrameTextureLike, edgeCount: number, ...rest: unknown[]): unknown };
  internals: { edgeDataTexture: { getIndex(key: string): number } };
}

/**
 * The runs [first, count] of edge-data rows a partial frame pass draws: `rows` (the changed lines'; -1 for
 * a line without one) and every row from `before` (the count the last pass drew) up to `count`, in order,
 * adjacent rows joined.
 */
export function rowRuns(rows: Iterable<number>, before: number, count: number): [number, number][] {
  const wanted = [...new Set([...rows].filter((row) => row >= 0 && row < Math.min(before, count)))].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const row of wanted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === row) last[1]++;
    else runs.push([row, 1]);
  }
  if (count > before) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === before) last[1] += count - before;
    else runs.push([before, count - before]);
  }
  return runs;
}

/** The members of a sigma 4.0.4 renderer this module reads (private ones typed here). */
export interface RegionInternals {
  webGLContext: WebGL2RenderingContext | null;
  internals: { pixelRatio: number; nodeDataCache: Record<string, NodeData | undefined>; edgeDataCache?: Record<string, EdgeData | undefined> };
  stateManager: { dirtyNodes: Set<string>; dirtyEdges: Set<string>; graphStateFlagsDirty: boolean };
  pendingProcess: string;
  getCamera(): { getState(): { x: number; y: number; ratio: number; angle: number } };
  getContainer(): HTMLElement;
  getGraph(): { hasNode(n: string): boolean; hasEdge(e: string): boolean; extremities(e: string): [string, string]; forEachEdge(n: string, fn: (e: string) => void): void };
  framedGraphToViewport(p: Point): Point;
  scaleSize(size: number): number;
}

export interface Touched {
  nodes: Iterable<string>;
  /** Edges in the graph (their lines, wherever their ends are). */
  edges: Iterable<string>;
  /** Lines by their ends (and key): the ones just dropped from the graph. */
  ends: Iterable<readonly [string, string, string?]>;
}

export interface RegionDrawing {
  /** Adds where these items are drawn as things stand: call before a change and again after it. */
  mark(touched: Touched): void;
  /** Sigma is about to forget how it drew this line (it is being dropped): call before, so the line's
   * place in a later mark by its ends is padded as it was drawn. */
  dropping(key: string): void;
  /** Something the marks cannot describe changed: the next frame is drawn whole. */
  wholeFrame(): void;
  /** Draws a frame with `render`, clipped to what was marked when that is all that changed (the edge frame
   * pass then only for the marked lines and those of items whose state changed). */
  draw<T>(render: () => T): T;
  /** Frames drawn so far, whole and clipped, and whether the last one was clipped (for the test hook: an
   * end-to-end test checks that the picture a clipped frame left is the one a whole frame draws). */
  frames(): FrameCount;
}

function hasExpectedShape(r: Partial<RegionInternals>): r is RegionInternals {
  const fns = ["getCamera", "getContainer", "getGraph", "framedGraphToViewport", "scaleSize"] as const;
  return (
    fns.every((k) => typeof r[k] === "function") &&
    typeof r.internals?.pixelRatio === "number" &&
    typeof r.internals.nodeDataCache === "object" &&
    r.stateManager?.dirtyNodes instanceof Set &&
    r.stateManager.dirtyEdges instanceof Set &&
    typeof r.stateManager.graphStateFlagsDirty === "boolean" &&
    typeof r.pendingProcess === "string"
  );
}

function hasEdgeFramePass(r: object): r is EdgeFrameInternals {
  const e = r as Partial<EdgeFrameInternals>;
  return typeof e.edgeFramePass?.run === "function" && typeof e.internals?.edgeDataTexture?.getIndex === "function";
}

/**
 * Wraps sigma's edge frame pass so a clipped frame can run it for some lines only. `only` is consulted at
 * each run: null runs it whole. A partial run needs the texture as the last run left it: same size (it
 * is re-created empty when it grows), and a last run that drew (sigma skips it while the camera moves,
 * sigmaPatches.ts); otherwise it runs whole.
 */
function partialEdgeFramePass(r: EdgeFrameInternals, gl: WebGL2RenderingContext | null, only: () => Set<string> | null): void {
  const pass = r.edgeFramePass;
  const run = pass.run;
  let last: { width: number; height: number; count: number } | null = null;
  pass.run = function (this: unknown, params, frameTexture, edgeCount, ...rest) {
    const width = frameTexture.getTextureWidth();
    const height = frameTexture.getTextureHeight();
    const lines = only();
    const runs =
      lines && gl && last && last.width === width && last.height === height
        ? rowRuns([...lines].map((key) => r.internals.edgeDataTexture.getIndex(key)), last.count, edgeCount)
        : null;
    let drew = false;
    const pass = () => run.call(this, params, frameTexture, edgeCount, ...rest);
    try {
      if (!gl) return pass();
      const drawArrays = gl.drawArrays;
      const partly: typeof drawArrays = (mode, first, count) => {
        drew = true;
        if (!runs) return drawArrays.call(gl, mode, first, count);
        for (const [from, n] of runs) drawArrays.call(gl, mode, from, n);
      };
      return withReplaced(gl, "drawArrays", partly, pass);
    } finally {
      last = drew ? { width, height, count: edgeCount } : null;
    }
  };
}

export function regionDrawing(renderer: object): RegionDrawing | null {
  const candidate = renderer as Partial<RegionInternals>;
  if (!hasExpectedShape(candidate)) return null;
  const r: RegionInternals = candidate;
  /** Where the next frame must be drawn as far as the marked lines go. */
  let marked: Box | null = null;
  /** Whether a change was marked since the last frame. */
  let anyMarked = false;
  /** The lines whose frame-pass result the marked change can have changed. */
  let lines = new Set<string>();
  /**
   * The nodes marked since the last frame, as they were first marked (before the change): how sigma drew
   * them, and where they and their lines were. A node sigma draws just as before adds nothing to the box;
   * one that changed adds where it and its lines were and are, with room for its label only where sigma
   * draws one (room on either side for a hidden label made the bench's connects ~330 px across whatever
   * the line, and every line crossing the box is drawn again).
   */
  let nodes = new Map<string, { drawn: string | null; box: Box | null; lines: string[] }>();
  /** The padding of lines dropped since the last frame, as they were drawn (`dropping`). */
  let droppedPad = new Map<string, number>();
  /** While a clipped frame is drawn: the lines its edge frame pass must run for. */
  let partial: Set<string> | null = null;
  let whole = false;
  let last: ViewState | null = null;
  const count = noFrames();
  if (hasEdgeFramePass(renderer)) partialEdgeFramePass(renderer, r.webGLContext, () => partial);

  const viewNow = (): ViewState => {
    const { x, y, ratio, angle } = r.getCamera().getState();
    const el = r.getContainer();
    return { x, y, ratio, angle, width: el.offsetWidth, height: el.offsetHeight, pixelRatio: r.internals.pixelRatio };
  };
  const at = (node: string): { p: Point; d: NodeData } | null => {
    const d = r.internals.nodeDataCache[node];
    return d ? { p: r.framedGraphToViewport({ x: d.x, y: d.y }), d } : null;
  };
  const line = (a: string, b: string, pad = LINE_PAD): Box | null => {
    const pa = at(a);
    const pb = at(b);
    return pa && pb ? lineBox(pa.p, pb.p, pad) : join(pa && nodeBox(pa.p, 0, null), pb && nodeBox(pb.p, 0, null));
  };
  /**
   * A node's box. `asDrawn` leaves out the room for a label sigma does not draw (a container's at the
   * overview): only for data read before and after a change, never for a state change about to be
   * applied, which can show a label the data still hides (hover, selection).
   */
  const node = (n: string, asDrawn = false): Box | null => {
    const here = at(n);
    if (!here) return null;
    const { d } = here;
    const bare = asDrawn && d.labelVisibility === "hidden" && d.backdropVisibility === "hidden";
    const label = asDrawn && d.labelVisibility === "hidden" ? null : d.label;
    return nodeBox(here.p, r.scaleSize(d.size), label, bare ? BARE_PAD : NODE_PAD);
  };
  /** The padding of a line as sigma's data for it says it is drawn: its half width when it has no label. */
  const linePad = (e: string): number => {
    const d = r.internals.edgeDataCache?.[e];
    return d && d.labelVisibility === "hidden" ? r.scaleSize(d.size) / 2 + BARE_PAD : LINE_PAD;
  };
  /** A line's box; `asDrawn` pads it by its drawn look (linePad), not for a label it may get. */
  const edge = (e: string, asDrawn = false): Box | null => {
    const graph = r.getGraph();
    if (!graph.hasEdge(e)) return null;
    const [a, b] = graph.extremities(e);
    return line(a, b, asDrawn ? linePad(e) : LINE_PAD);
  };
  /** A node's box and its lines' (a node's lines follow it), where they are drawn as things stand. */
  const nodeAndLines = (n: string): { box: Box | null; lines: string[] } => {
    const graph = r.getGraph();
    let box = node(n, true);
    const own: string[] = [];
    if (graph.hasNode(n))
      graph.forEachEdge(n, (e) => {
        box = join(box, edge(e, true));
        own.push(e);
      });
    return { box, lines: own };
  };
  /** Everything sigma draws a node from (position, size, colours, label, its states' styles). */
  const drawnAs = (n: string): string | null => {
    const d = r.internals.nodeDataCache[n];
    return d ? JSON.stringify(d) : null;
  };

  return {
    mark(touched) {
      anyMarked = true;
      let box = marked;
      for (const n of touched.nodes) {
        if (whole || nodes.has(n)) continue;
        if (nodes.size === DIRTY_AT_MOST) whole = true;
        else nodes.set(n, { drawn: drawnAs(n), ...nodeAndLines(n) });
      }
      for (const e of touched.edges) {
        box = join(box, edge(e, true));
        lines.add(e);
      }
      for (const [a, b, key] of touched.ends) box = join(box, line(a, b, (key !== undefined && droppedPad.get(key)) || LINE_PAD));
      marked = box;
    },
    dropping(key) {
      droppedPad.set(key, linePad(key));
    },
    wholeFrame() {
      whole = true;
    },
    draw(render) {
      const view = viewNow();
      const state = r.stateManager;
      const graph = r.getGraph();
      const changedLines = lines;
      let box = marked;
      for (const [n, before] of nodes) {
        if (before.drawn !== null && before.drawn === drawnAs(n)) continue;
        const now = nodeAndLines(n);
        box = join(join(box, before.box), now.box);
        for (const e of [...before.lines, ...now.lines]) changedLines.add(e);
      }
      let clip = !whole && anyMarked && sameView(last, view) && r.pendingProcess === "none" && !state.graphStateFlagsDirty;
      if (clip && state.dirtyNodes.size + state.dirtyEdges.size > DIRTY_AT_MOST) clip = false;
      if (clip) {
        for (const n of state.dirtyNodes) {
          box = join(box, node(n));
          if (graph.hasNode(n)) graph.forEachEdge(n, (e) => changedLines.add(e));
        }
        for (const e of state.dirtyEdges) {
          box = join(box, edge(e));
          changedLines.add(e);
        }
      }
      marked = null;
      anyMarked = false;
      lines = new Set();
      nodes = new Map();
      droppedPad = new Map();
      whole = false;
      last = view;
      const gl = r.webGLContext;
      // Marked, and nothing of it drawn otherwise than before: only the offscreen passes run.
      const scissor = clip && gl ? (box ? scissorFor(box, view) : NOTHING) : null;
      count.lastClipped = scissor !== null && gl !== null;
      if (!scissor || !gl) {
        count.whole++;
        return render();
      }
      count.clipped++;
      partial = changedLines;
      try {
        return clippedTo(gl, scissor, render);
      } finally {
        partial = null;
      }
    },
    frames: () => ({ ...count }),
  };
}

/**
 * Runs `render` with the scissor test on while the canvas's own framebuffer is bound, off while an
 * offscreen one is (sigma's frame passes and picking buffer must be drawn whole).
 */
function clippedTo<T>(gl: WebGL2RenderingContext, [x, y, w, h]: [number, number, number, number], render: () => T): T {
  const bind = gl.bindFramebuffer;
  const onCanvas = (on: boolean) => (on ? gl.enable(gl.SCISSOR_TEST) : gl.disable(gl.SCISSOR_TEST));
  const binding: typeof bind = (target, framebuffer) => {
    bind.call(gl, target, framebuffer);
    if (target !== gl.READ_FRAMEBUFFER) onCanvas(framebuffer === null);
  };
  try {
    return withReplaced(gl, "bindFramebuffer", binding, () => {
      gl.scissor(x, y, w, h);
      onCanvas(gl.getParameter(gl.DRAW_FRAMEBUFFER_BINDING) === null);
      return render();
    });
  } finally {
    gl.disable(gl.SCISSOR_TEST);
  }
}
