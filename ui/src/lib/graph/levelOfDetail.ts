// Level of detail: which labels, edge labels and paths out (reach edges) the graph draws, given the zoom,
// the part of the graph in view, the selection and the hovered item. A small graph shows everything; a
// busy host (hundreds of networks, thousands of containers) shows hubs and container dots, labels only
// where they fit, IPv4 labels only zoomed in or around the selection, and a network's Host/External
// lines only while it is hovered or selected (a mark on the hub says it has some). Pure over a
// graphology graph and numbers: lodStates.ts turns the decision into the renderer's item states.
import type { Bounds } from "./geometry";
import type { NetlensGraph } from "./graphModel";

/** Up to this many nodes, every label and every line is drawn, as on a laptop-sized engine. */
export const SMALL_GRAPH = 80;
/** Up to this many networks, every network's paths out are drawn. */
export const FEW_NETWORKS = 12;
/** At or below this camera ratio (1 = one graph unit per pixel) endpoint edges show their IPv4 label. */
export const EDGE_LABEL_RATIO = 1.5;
/** A container's label is offered once its dot is drawn at least this many pixels across (radius). */
export const CONTAINER_LABEL_RADIUS = 4.5;
/** Labels picked beyond the ones that are always drawn (selected, hovered, matches, Host, External). */
export const LABEL_BUDGET = 160;
/** Pixels kept free around each label box when deciding whether two labels fit. */
const LABEL_GAP = 4;
/** Label text sizes (px) and the distance from a node's edge to its label, as sigmaView draws them. */
export const LABEL_FONT = { hub: 13, container: 12, margin: 6 } as const;
/** Average glyph width as a share of the font size, for estimating label widths without a canvas. */
const GLYPH_WIDTH = 0.58;

/**
 * Above this many edges, lines are not drawn while the camera moves. Measured on the generated
 * 300/2,000 topology in headless Chromium with software WebGL (SwiftShader, 2 busy cores): panning went
 * from a median frame of 640 ms (p95 1.2 s) before this module to 117 ms (p95 233 ms) with it and this;
 * without hiding lines, 480 ms. Lines are most of the pixels a software rasterizer fills.
 */
export const HIDE_EDGES_WHILE_MOVING = 1000;

export function hideEdgesWhileMoving(edgeCount: number): boolean {
  return edgeCount > HIDE_EDGES_WHILE_MOVING;
}

export type ZoomTier = "overview" | "detail";

export interface LodInput {
  /** Camera ratio: 1 shows one graph unit per pixel, larger is further out. */
  ratio: number;
  /** The graph area in view (graph coordinates); labels outside it are not picked. Null: everywhere. */
  view: Bounds | null;
  /** Selected node and edge ids. */
  selected: readonly string[];
  hovered: string | null;
  /** Ids a search matched (none today); their labels are drawn like the selection's. */
  matches?: ReadonlySet<string>;
  /** The tier last decided, so a camera resting on the threshold does not flicker. */
  previousTier?: ZoomTier;
}

export interface LodDecision {
  tier: ZoomTier;
  /** Every network's paths out are drawn (a small graph, or few networks). */
  everyReach: boolean;
  /** Node ids whose label is drawn. */
  labels: Set<string>;
  /** Reach edge ids drawn, and the ones hidden. */
  reachShown: Set<string>;
  reachHidden: Set<string>;
  /** Network hubs whose paths out are hidden: they wear a mark instead. */
  marks: Set<string>;
  /** Edge ids whose label may be drawn. */
  edgeLabels: Set<string>;
}

/** How far the camera is out: "detail" shows endpoint labels. A 10 % band keeps the tier steady. */
export function zoomTier(ratio: number, order: number, previous?: ZoomTier): ZoomTier {
  if (order <= SMALL_GRAPH) return "detail";
  const limit = previous === "detail" ? EDGE_LABEL_RATIO * 1.1 : EDGE_LABEL_RATIO;
  return ratio <= limit ? "detail" : "overview";
}

/** Radius in pixels of a node of graph size `size` at `ratio` (sigma scales sizes by 1/√ratio). */
export function renderedRadius(size: number, ratio: number): number {
  return size / Math.sqrt(Math.max(ratio, 1e-6));
}

export interface Focus {
  /** Nodes selected or hovered, and the ends of selected or hovered edges. */
  nodes: Set<string>;
  /** Networks whose paths out are drawn. */
  networks: Set<string>;
  /** Edges selected or hovered, and edges touching a focused node. */
  edges: Set<string>;
}

/**
 * What the selection and the hovered item bring into focus: a network brings its paths out, a container
 * the paths out of its networks, an edge its network, Host or External the lines of every network reaching it.
 */
export function focusOf(graph: NetlensGraph, ids: Iterable<string>): Focus {
  const focus: Focus = { nodes: new Set(), networks: new Set(), edges: new Set() };
  const addNode = (id: string) => {
    focus.nodes.add(id);
    graph.forEachEdge(id, (edge) => {
      focus.edges.add(edge);
    });
  };
  for (const id of ids) {
    if (graph.hasNode(id)) {
      addNode(id);
      const kind = graph.getNodeAttribute(id, "kind");
      // A container's in-neighbours are its networks; Host and External bring their own lines only.
      if (kind === "network") focus.networks.add(id);
      else if (kind === "container") graph.forEachInNeighbor(id, (n) => void focus.networks.add(n));
    } else if (graph.hasEdge(id)) {
      focus.edges.add(id);
      const source = graph.source(id);
      focus.nodes.add(source);
      focus.nodes.add(graph.target(id));
      if (graph.getNodeAttribute(source, "kind") === "network") focus.networks.add(source);
    }
  }
  return focus;
}

/** A label's box in pixels (relative to the graph origin at the current ratio). */
interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export function labelBox(x: number, y: number, size: number, label: string, fontSize: number, ratio: number): Box {
  const px = x / ratio;
  const py = -y / ratio;
  const left = px + renderedRadius(size, ratio) + LABEL_FONT.margin;
  const width = label.length * fontSize * GLYPH_WIDTH;
  const half = fontSize * 0.65;
  return { x1: left - LABEL_GAP, y1: py - half - LABEL_GAP, x2: left + width + LABEL_GAP, y2: py + half + LABEL_GAP };
}

/** Boxes hashed into square cells, so "does this box hit a taken one" looks at a few neighbours only. */
class BoxGrid {
  private cells = new Map<string, Box[]>();
  constructor(private readonly cell: number) {}
  private keys(b: Box): string[] {
    const keys: string[] = [];
    for (let cx = Math.floor(b.x1 / this.cell); cx <= Math.floor(b.x2 / this.cell); cx++)
      for (let cy = Math.floor(b.y1 / this.cell); cy <= Math.floor(b.y2 / this.cell); cy++) keys.push(`${cx}:${cy}`);
    return keys;
  }
  hits(b: Box): boolean {
    for (const key of this.keys(b))
      for (const o of this.cells.get(key) ?? []) if (b.x1 < o.x2 && o.x1 < b.x2 && b.y1 < o.y2 && o.y1 < b.y2) return true;
    return false;
  }
  add(b: Box): void {
    for (const key of this.keys(b)) {
      const list = this.cells.get(key);
      if (list) list.push(b);
      else this.cells.set(key, [b]);
    }
  }
}

export interface LabelCandidate {
  id: string;
  box: Box;
  /** Higher goes first. */
  priority: number;
}

/**
 * The labels to draw: every `always` one (even if they overlap: the person asked for them), then
 * candidates by priority while they fit beside what is taken, up to `budget` of them.
 */
export function pickLabels(always: readonly LabelCandidate[], candidates: readonly LabelCandidate[], budget: number): Set<string> {
  const grid = new BoxGrid(96);
  const picked = new Set<string>();
  for (const c of always) {
    picked.add(c.id);
    grid.add(c.box);
  }
  const order = [...candidates].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let left = budget;
  for (const c of order) {
    if (left <= 0) break;
    if (picked.has(c.id) || grid.hits(c.box)) continue;
    picked.add(c.id);
    grid.add(c.box);
    left--;
  }
  return picked;
}

function inView(view: Bounds | null, x: number, y: number, margin: number): boolean {
  return !view || (x >= view.minX - margin && x <= view.maxX + margin && y >= view.minY - margin && y <= view.maxY + margin);
}

/**
 * The whole decision for one moment: tier, node labels, paths out and marks, edge labels. Linear in the
 * graph; the hovered item is laid over it by `withHovered`, which is linear in what the hover touches.
 */
export function decideLod(graph: NetlensGraph, input: LodInput): LodDecision {
  const base = decideBase(graph, input);
  return input.hovered ? withHovered(graph, base, input.hovered) : base;
}

function decideBase(graph: NetlensGraph, input: LodInput): LodDecision {
  const order = graph.order;
  const tier = zoomTier(input.ratio, order, input.previousTier);
  const focus = focusOf(graph, input.selected);
  let networks = 0;
  graph.forEachNode((_id, a) => {
    if (a.kind === "network") networks++;
  });
  const everyReach = order <= SMALL_GRAPH || networks <= FEW_NETWORKS;
  const decision: LodDecision = {
    tier,
    everyReach,
    labels: new Set(),
    reachShown: new Set(),
    reachHidden: new Set(),
    marks: new Set(),
    edgeLabels: new Set(),
  };
  graph.forEachEdge((id) => placeEdge(graph, decision, focus, id));
  // A hub whose lines are drawn needs no mark.
  for (const id of focus.networks) decision.marks.delete(id);

  if (order <= SMALL_GRAPH) {
    graph.forEachNode((id) => void decision.labels.add(id));
    return decision;
  }

  const ratio = Math.max(input.ratio, 1e-6);
  const candidate = (id: string, priority: number): LabelCandidate => {
    const a = graph.getNodeAttributes(id);
    const font = a.kind === "container" ? LABEL_FONT.container : LABEL_FONT.hub;
    return { id, priority, box: labelBox(a.x, a.y, a.size, a.label, font, ratio) };
  };
  const wanted = new Set<string>(focus.nodes);
  for (const id of input.matches ?? []) if (graph.hasNode(id)) wanted.add(id);
  const always: LabelCandidate[] = [];
  const others: LabelCandidate[] = [];
  // Labels may hang into view from a node just outside it.
  const margin = 150 * ratio;
  graph.forEachNode((id, a) => {
    if (wanted.has(id) || a.kind === "host" || a.kind === "external") {
      always.push(candidate(id, 0));
      return;
    }
    if (!inView(input.view, a.x, a.y, margin)) return;
    if (a.kind === "network") others.push(candidate(id, 1_000_000 + graph.outDegree(id)));
    else if (renderedRadius(a.size, ratio) >= CONTAINER_LABEL_RADIUS) others.push(candidate(id, graph.degree(id)));
  });
  decision.labels = pickLabels(always, others, LABEL_BUDGET);
  return decision;
}

/** Where one edge goes in a decision: a path out drawn or hidden (marking its hub), a label or not. */
function placeEdge(graph: NetlensGraph, decision: LodDecision, focus: Focus, id: string): void {
  const a = graph.getEdgeAttributes(id);
  const source = graph.source(id);
  if (a.kind === "reach") {
    if (decision.everyReach || focus.networks.has(source) || focus.edges.has(id)) decision.reachShown.add(id);
    else {
      decision.reachHidden.add(id);
      if (!focus.networks.has(source)) decision.marks.add(source);
    }
    if (focus.edges.has(id)) decision.edgeLabels.add(id);
  } else if (decision.tier === "detail" || focus.edges.has(id)) decision.edgeLabels.add(id);
}

const copy = (d: LodDecision): LodDecision => ({
  tier: d.tier,
  everyReach: d.everyReach,
  labels: new Set(d.labels),
  reachShown: new Set(d.reachShown),
  reachHidden: new Set(d.reachHidden),
  marks: new Set(d.marks),
  edgeLabels: new Set(d.edgeLabels),
});

/** The two ends of an edge, by its id (`endpoint:<network>:<container>`, `reach:<network>:host|external`). */
function endsOf(id: string): string[] {
  const endpoint = /^endpoint:([^:]+):(.+)$/.exec(id);
  if (endpoint) return [`network:${endpoint[1]}`, `container:${endpoint[2]}`];
  const reach = /^reach:(.+):(host|external)$/.exec(id);
  return reach ? [`network:${reach[1]}`, reach[2] ?? ""] : [];
}

/**
 * `base` after edges came and went while every node stayed (a connect, a disconnect): only those edges
 * are placed, and only their hubs' marks looked at again; labels and the tier stand. Null when an edge
 * touches the selection (what is in focus changes): decide again from scratch then.
 */
export function withEdgesChanged(
  graph: NetlensGraph,
  base: LodDecision,
  selected: readonly string[],
  added: readonly string[],
  removed: readonly string[],
): LodDecision | null {
  const focus = focusOf(graph, selected);
  const touches = (ends: string[]) => ends.some((end) => focus.nodes.has(end) || focus.networks.has(end));
  for (const id of added) if (graph.hasEdge(id) && touches(graph.extremities(id))) return null;
  for (const id of removed) if (touches(endsOf(id))) return null;
  const next = copy(base);
  const hubs = new Set<string>();
  for (const id of removed) {
    next.reachShown.delete(id);
    next.edgeLabels.delete(id);
    if (next.reachHidden.delete(id)) {
      const hub = endsOf(id)[0];
      if (hub) hubs.add(hub);
    }
  }
  for (const id of added) if (graph.hasEdge(id)) placeEdge(graph, next, focus, id);
  for (const hub of hubs) {
    if (!graph.hasNode(hub)) continue;
    const hidden = graph.someOutEdge(hub, (edge) => next.reachHidden.has(edge));
    if (!hidden) next.marks.delete(hub);
  }
  return next;
}

/**
 * `base` with the hovered item in focus as well: its label, its network's paths out (no mark then), the
 * labels of its edges. Copies the sets (cheap) and looks only at what the hover touches.
 */
export function withHovered(graph: NetlensGraph, base: LodDecision, hovered: string): LodDecision {
  const focus = focusOf(graph, [hovered]);
  const next = copy(base);
  for (const id of focus.nodes) next.labels.add(id);
  for (const id of focus.edges) next.edgeLabels.add(id);
  const reveal = (edge: string) => {
    if (!next.reachHidden.delete(edge)) return;
    next.reachShown.add(edge);
  };
  for (const net of focus.networks) {
    next.marks.delete(net);
    graph.forEachOutEdge(net, (edge, a) => {
      if (a.kind === "reach") reveal(edge);
    });
  }
  for (const edge of focus.edges) reveal(edge);
  return next;
}

/** What to switch on and off to go from one decision to the next (the renderer touches only these). */
export interface SetChange {
  on: string[];
  off: string[];
}

export function setChange(before: ReadonlySet<string>, after: ReadonlySet<string>): SetChange {
  const on: string[] = [];
  const off: string[] = [];
  for (const id of after) if (!before.has(id)) on.push(id);
  for (const id of before) if (!after.has(id)) off.push(id);
  return { on, off };
}
