// Small workarounds for sigma 4.0.4 behaviour that has no setting: each reaches into a private member,
// says why, and is skipped if sigma's internals ever take another shape. (The larger one, drawing a live
// change without sigma's whole-graph pass, is sigmaIncremental.ts.)
import type { NetlensGraph } from "./graphModel";
import type { NetlensRenderer } from "./sigmaLook";
import { withReplaced } from "./replaced";

/**
 * Sigma 4.0.4 reads its hover picking buffer back after every frame while the pointer is over the
 * canvas, the camera moving or not. Under software WebGL that readback waits for the whole frame: in a
 * Chromium (SwiftShader) profile of a pan over the 300/2,000 topology it was 40 % of the main thread
 * (getBufferSubData). Nothing can be hovered usefully while the camera pans or zooms, so the read waits
 * until it is idle again (sigma draws a frame then, which asks again). Nor while `busy`: a container
 * dragged onto a hub or a line pulled away (canvasGestures.ts) finds its target by geometry, and at every
 * move of such a drag the read had waited for a whole frame (12-20 ms over the 300/2,000 topology).
 */
export function quietHoverWhileMoving(renderer: { getGraphState(): { isIdle: boolean } }, busy: () => boolean = () => false): void {
  const resolver = (renderer as unknown as { internals?: { hoverResolver?: { request?: unknown } } }).internals?.hoverResolver;
  if (!resolver || typeof resolver.request !== "function") return;
  const request = (resolver.request as () => void).bind(resolver);
  resolver.request = () => {
    if (renderer.getGraphState().isIdle && !busy()) request();
  };
}

/**
 * `renderer.setGraph(graph)`, working around sigma 4.0.4: its index of parallel edges keeps the graph the
 * renderer was constructed with, so after setGraph every edge added later is looked up in the old graph
 * and `Graph.source` throws half way through the update (the edge was in the graph, the topology never
 * recorded as drawn: a later CLI disconnect of it was never taken off the screen). Pointing the index at
 * the new graph before setGraph lets setGraph's own refresh rebuild it from the right graph.
 */
export function adoptGraph(renderer: { setGraph(graph: NetlensGraph): unknown }, graph: NetlensGraph): void {
  const groups = (renderer as unknown as { edgeGroups?: { graph?: unknown } }).edgeGroups;
  if (groups && "graph" in groups) groups.graph = graph;
  drawingAtNextFrame(renderer, () => renderer.setGraph(graph));
}

/**
 * Runs `step` (which calls sigma's `refresh()`) with the drawing left to the next frame. `setGraph` draws
 * the whole graph before returning; its caller then sets the level of detail's states, which needed another
 * whole pass (the picked labels, the hub marks, the hidden paths out). Over the 300/2,000 topology that first
 * frame was drawn twice, ~0.9 s and ~0.6 s of the page's main thread under load, before the first picture a
 * person sees. Here sigma indexes and processes the graph at once (the positions it draws at, which fitting
 * the camera and the test hook read, exist only once it has processed it) and draws at the next frame, once,
 * with every state in place. Without those internals, `step` runs as it is.
 */
function drawingAtNextFrame(renderer: object, step: () => void): void {
  type Refresh = (opts?: { schedule?: boolean }) => unknown;
  const r = renderer as { refresh?: Refresh; processData?: () => unknown };
  const { refresh, processData } = r;
  if (typeof refresh !== "function" || typeof processData !== "function") {
    step();
    return;
  }
  withReplaced(r, "refresh", (opts) => refresh.call(renderer, { ...opts, schedule: true }), step);
  processData.call(renderer);
}

/**
 * Sigma 4.0.4 draws every node, label and line a second time, into a picking buffer it also re-creates,
 * on every frame, so that a pointer over the canvas can hover or click what is under it. Under software
 * WebGL (llvmpipe, no GPU) each switch to that buffer waits for the frame drawn so far: in a pan over the
 * 300/2,000 topology the label and node draws that switch took ~16 and ~9 ms of the page's main thread per
 * frame. Only a pointer resting over the canvas reads the buffer (hover waits for an idle camera,
 * `quietHoverWhileMoving`), so it is drawn only then: not while the camera pans or zooms, not while the
 * pointer is elsewhere (a person typing docker commands sees a live change sooner). A frame with it is
 * drawn when the pointer comes onto the canvas, once the camera is idle again, and at once before sigma
 * reads what is under a press or click. Pointer events cover touch and pen too. While `busy` (a drag that
 * finds its target by geometry, see quietHoverWhileMoving) the pointer counts as moving.
 */
export function pickOnlyUnderAnIdlePointer(renderer: NetlensRenderer, container: HTMLElement, busy: () => boolean = () => false): void {
  type Method = (this: unknown, ...args: unknown[]) => unknown;
  const r = renderer as unknown as {
    internals?: { settings?: { enableEdgeEvents?: unknown } };
    render?: Method;
    getRenderParams?: Method;
    resetWebGLTexture?: Method;
    getHitAtPosition?: Method;
  };
  const settings = r.internals?.settings;
  const { render, getRenderParams, resetWebGLTexture, getHitAtPosition } = r;
  if (!settings || typeof settings.enableEdgeEvents !== "boolean") return;
  if (typeof render !== "function" || typeof getRenderParams !== "function") return;
  if (typeof resetWebGLTexture !== "function" || typeof getHitAtPosition !== "function") return;

  let over = container.matches(":hover");
  let force = false;
  let picking = false;
  /** The buffer does not match the picture: frames were drawn without it since the last one with it. */
  let stale = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  settings.enableEdgeEvents = over;
  const drawWithPicking = () => renderer.refresh({ partialGraph: {}, skipIndexation: true });
  const idle = () => renderer.getGraphState().isIdle && !busy();
  const settle = () => {
    timer = null;
    if (!stale || !over) return;
    if (idle()) drawWithPicking();
    else timer = setTimeout(settle, SETTLE_MS);
  };
  const captor = renderer.getMouseCaptor();
  captor.on("mouseenter", () => {
    over = true;
    settings.enableEdgeEvents = true;
    drawWithPicking();
  });
  captor.on("mouseleave", () => {
    over = false;
    settings.enableEdgeEvents = false;
  });

  r.render = function (...args) {
    picking = force || (over && idle());
    stale = !picking;
    if (stale && over && timer === null) timer = setTimeout(settle, SETTLE_MS);
    return render.apply(this, args);
  };
  r.resetWebGLTexture = function (...args) {
    return picking ? resetWebGLTexture.apply(this, args) : this;
  };
  r.getRenderParams = function (...args) {
    const params = getRenderParams.apply(this, args) as Record<string, unknown>;
    return picking ? params : { ...params, pickingFrameBuffer: null };
  };
  r.getHitAtPosition = function (...args) {
    if (stale) {
      force = true;
      try {
        (r.render as Method).call(this);
      } finally {
        force = false;
      }
    }
    return getHitAtPosition.apply(this, args);
  };
  renderer.on("kill", () => {
    if (timer !== null) clearTimeout(timer);
  });
}

/** How often a canvas drawn without its picking buffer checks whether the camera is idle again (ms). */
const SETTLE_MS = 100;

/** While the camera moves, the labels are laid out again at most this often (ms). */
export const LABEL_RELAYOUT_MS = 120;

/**
 * Sigma 4.0.4 lays every shown label out again (its glyphs, from the text) on every frame the camera
 * moves: its camera listener marks the label buffers dirty, because a move can bring other labels into
 * view. The buffers hold graph positions and the GPU places them with the camera, so a frame after a pan
 * or zoom draws the labels it has where they belong; only labels coming into view wait for the next
 * layout (its own cost was not measured apart: the ~16 ms first charged to it in a pan frame's
 * `renderWebGLLabels` stayed after this change and was the picking switch, `pickOnlyUnderAnIdlePointer`).
 * So a moving camera lays them out at most every LABEL_RELAYOUT_MS and once more when it stops (which
 * labels are shown is decided by the level of detail, lodStates.ts: for a person's pan or zoom, once it
 * stops).
 */
export function relayoutLabelsAtMostEvery(renderer: NetlensRenderer, ms: number): void {
  const r = renderer as unknown as {
    activeListeners?: { camera?: unknown };
    labelRenderer?: { labelsDirty?: unknown };
    refreshMatrices?: unknown;
    scheduleRender?: unknown;
  };
  const own = r.activeListeners?.camera;
  const labels = r.labelRenderer;
  const refreshMatrices = r.refreshMatrices;
  const scheduleRender = r.scheduleRender;
  if (!r.activeListeners || typeof own !== "function" || !labels || typeof labels.labelsDirty !== "boolean") return;
  if (typeof refreshMatrices !== "function" || typeof scheduleRender !== "function") return;
  const camera = renderer.getCamera();
  let last = -Infinity;
  let trailing: ReturnType<typeof setTimeout> | null = null;
  const relayout = () => {
    labels.labelsDirty = true;
    last = performance.now();
  };
  const listener = () => {
    refreshMatrices.call(renderer);
    if (trailing !== null) clearTimeout(trailing);
    trailing = null;
    if (performance.now() - last >= ms) relayout();
    else
      trailing = setTimeout(() => {
        trailing = null;
        relayout();
        scheduleRender.call(renderer);
      }, ms);
    scheduleRender.call(renderer);
  };
  camera.removeListener("updated", own as () => void);
  camera.on("updated", listener);
  // Sigma's kill() takes its listener off the camera by this reference: ours, now.
  r.activeListeners.camera = listener;
  renderer.on("kill", () => {
    if (trailing !== null) clearTimeout(trailing);
  });
}

/**
 * Sigma's own test, in its render, for "the camera moves and the lines are hidden meanwhile": only on a graph
 * big enough for `hideEdgesOnMove` (levelOfDetail.ts). What else stands for the lines or sits behind them
 * (the hub marks, the Compose projects' shapes) follows it.
 */
export function movingCameraHides(renderer: NetlensRenderer): () => boolean {
  const settings = (renderer as unknown as { internals?: { settings?: { hideEdgesOnMove?: unknown } } }).internals?.settings;
  const captor = renderer.getMouseCaptor() as unknown as { isMoving?: unknown; draggedEvents?: unknown; currentWheelDirection?: unknown };
  const camera = renderer.getCamera();
  return () =>
    settings?.hideEdgesOnMove === true && Boolean(camera.isAnimating() || captor.isMoving || captor.draggedEvents || captor.currentWheelDirection);
}

/**
 * While the camera moves on a big graph, sigma hides the lines (`hideEdgesOnMove`, levelOfDetail.ts) but
 * still does the lines' other work every frame: its edge frame pass (where each line meets its nodes), the
 * line labels' layout and drawing. And the hub marks (rings standing for hidden Host/External lines, drawn
 * as backdrops of the "nodes" depth) are rebuilt in JavaScript every frame. In a pan over the 300/2,000
 * topology those were ~1.2, ~1.5 and ~2.5 ms of a ~13 ms render. None of it shows while the lines are
 * hidden (the marks stand for lines), so it waits for the camera to stop; hover, selection and search
 * halos are backdrops of the "topNodes" depth and stay.
 */
export function skipWhatAMovingCameraHides(renderer: NetlensRenderer): void {
  type Method = (this: unknown, ...args: unknown[]) => unknown;
  const r = renderer as unknown as {
    internals?: { settings?: { hideEdgesOnMove?: unknown } };
    edgeFramePass?: { run?: Method };
    labelRenderer?: {
      computeDisplayedEdgeLabels?: Method;
      renderEdgeLabelBackgrounds?: Method;
      renderEdgeLabels?: Method;
      renderBackdrops?: Method;
    };
  };
  const settings = r.internals?.settings;
  const pass = r.edgeFramePass;
  const labels = r.labelRenderer;
  if (!settings || typeof settings.hideEdgesOnMove !== "boolean" || !pass || !labels) return;
  const hiding = movingCameraHides(renderer);
  const unlessHiding = (owner: Record<string, unknown>, name: string, skip: (args: unknown[]) => boolean = () => true) => {
    const method = owner[name];
    if (typeof method !== "function") return;
    owner[name] = function (this: unknown, ...args: unknown[]) {
      return hiding() && skip(args) ? undefined : (method as Method).apply(this, args);
    };
  };
  unlessHiding(pass as Record<string, unknown>, "run");
  const l = labels as Record<string, unknown>;
  unlessHiding(l, "computeDisplayedEdgeLabels");
  unlessHiding(l, "renderEdgeLabelBackgrounds");
  unlessHiding(l, "renderEdgeLabels");
  unlessHiding(l, "renderBackdrops", (args) => args[1] === "nodes");
}
