// A GraphView that draws nothing, for component tests under jsdom (no WebGL): it records what the UI
// asked of it, places each node at its layout position shifted by ORIGIN (viewport pixels, y down),
// hit-tests with the same pure geometry as the real view, and lets a test click, press, move, release
// and right-click as sigma would report them.
import type { TopologyDto } from "../lib/backend";
import { EDGE_GRAB_TOLERANCE, hitEdge, hitNode, midpoint, type Point, type Segment } from "../lib/graph/geometry";
import { sceneToSvg } from "../lib/graph/exportImage";
import type { SyncReport } from "../lib/graph/graphModel";
import type { Palette } from "../lib/graph/palette";
import { isToggleClick, type ClickModifiers } from "../lib/selectionSet";
import { noFrames, type DropMark, type FrameCount, type GraphView, type GraphViewCallbacks, type GraphViewFactory, type Hit, type ItemLook } from "../lib/graph/view";

/** Where layout (0, 0) lands in the fake viewport. */
export const ORIGIN: Point = { x: 600, y: 400 };
const NODE_RADIUS = 10;
const HUB_RADIUS = 24;

export class FakeGraphView implements GraphView {
  updates: { revision: number; palette: Palette }[] = [];
  selected: readonly string[] = [];
  fits = 0;
  /** Every set of nodes the camera was asked to frame, in order. */
  framed: string[][] = [];
  matched: readonly string[] = [];
  /** Every node the camera was asked to centre on, in order. */
  focused: string[] = [];
  destroyed = false;
  dropMarks: ReadonlyMap<string, DropMark> | null = null;
  dropSource: string | null = null;
  dropOver: string | null = null;
  gesture = false;
  pulled: string | null = null;
  private nodes = new Map<string, { kind: string; at: Point }>();
  private edges = new Map<string, { kind: string; source: string; target: string }>();

  constructor(readonly callbacks: GraphViewCallbacks) {}

  update(topology: TopologyDto, palette: Palette): SyncReport {
    this.updates.push({ revision: topology.revision, palette });
    this.nodes = new Map(topology.nodes.map((n) => [n.id, { kind: n.kind, at: { x: ORIGIN.x + n.x, y: ORIGIN.y + n.y } }]));
    this.edges = new Map(topology.edges.map((e) => [e.id, { kind: e.kind, source: e.source, target: e.target }]));
    return { added: [], removed: [], updated: [] };
  }
  setSelected(ids: readonly string[]): void {
    this.selected = [...ids];
  }
  setMatched(ids: readonly string[]): void {
    this.matched = [...ids];
  }
  focusNode(id: string): void {
    if (this.nodes.has(id)) this.focused.push(id);
  }
  frame(ids: Iterable<string>): void {
    this.framed.push([...ids].filter((id) => this.nodes.has(id)).sort());
  }
  fit(): void {
    this.fits += 1;
  }
  zoom(): void {}
  nodeViewportPosition(id: string): Point | null {
    return this.nodes.get(id)?.at ?? null;
  }
  edgeViewportSegment(id: string): Segment | null {
    const e = this.edges.get(id);
    const a = e && this.nodes.get(e.source);
    const b = e && this.nodes.get(e.target);
    return a && b ? { a: a.at, b: b.at } : null;
  }
  edgeMidpoint(id: string): Point {
    const s = this.edgeViewportSegment(id);
    if (!s) throw new Error(`no edge ${id}`);
    return midpoint(s);
  }
  hitTest(at: Point): Hit | null {
    const discs = [...this.nodes].map(([id, n]) => ({ id, centre: n.at, radius: NODE_RADIUS }));
    const node = hitNode(at, discs);
    if (node) return { kind: "node", id: node.id };
    const lines = [...this.edges.keys()]
      .filter((id) => this.edges.get(id)?.kind === "endpoint")
      .flatMap((id) => {
        const segment = this.edgeViewportSegment(id);
        return segment ? [{ id, segment }] : [];
      });
    const edge = hitEdge(at, lines, EDGE_GRAB_TOLERANCE);
    return edge ? { kind: "edge", id: edge.id } : null;
  }
  layoutPointAt(at: Point): Point | null {
    return { x: at.x - ORIGIN.x, y: at.y - ORIGIN.y };
  }
  networkAt(at: Point): string | null {
    const hubs = [...this.nodes].filter(([, n]) => n.kind === "network").map(([id, n]) => ({ id, centre: n.at, radius: HUB_RADIUS }));
    return hitNode(at, hubs)?.id ?? null;
  }
  setDropMarks(marks: ReadonlyMap<string, DropMark> | null, source: string | null): void {
    this.dropMarks = marks;
    this.dropSource = source;
  }
  misdrawnLines(): string[] {
    return [];
  }
  setGesture(active: boolean): void {
    this.gesture = active;
  }
  setDropOver(id: string | null): void {
    this.dropOver = id;
  }
  setPulledEdge(id: string | null): void {
    this.pulled = id;
  }
  /** What the filters hide and the focus keeps, as the UI last said. */
  hiddenBy: { has(id: string): boolean } = { has: () => false };
  kept: ReadonlySet<string> | null = null;
  setHidden(hidden: { has(id: string): boolean }): void {
    this.hiddenBy = hidden;
  }
  setFocus(keep: ReadonlySet<string> | null): void {
    this.kept = keep;
  }
  itemLook(id: string): ItemLook {
    if (!this.nodes.has(id) && !this.edges.has(id)) return "absent";
    return this.hiddenBy.has(id) ? "hidden" : this.kept && !this.kept.has(id) ? "faded" : "drawn";
  }
  /** A 1×1 transparent PNG: the fake draws nothing, but an export still has bytes to write. */
  snapshotPng(): string {
    return "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
  }
  shownPng(): string {
    return this.snapshotPng();
  }
  frames(): FrameCount {
    return noFrames();
  }
  /** An SVG of one circle per node, through the real writer. */
  snapshotSvg(): string {
    const nodes = [...this.nodes].map(([id, n]) => ({ id, at: n.at, radius: NODE_RADIUS, shape: "circle" as const, color: "#000000", label: id, labelColor: "#000000", labelSize: 12 }));
    return sceneToSvg({ width: 1200, height: 800, background: "#ffffff", font: "sans-serif", labelMargin: 6, edges: [], nodes });
  }
  destroy(): void {
    this.destroyed = true;
  }

  /** A click sigma reports itself (on a node or edge the UI does not own), with the keys held. */
  click(id: string, keys: ClickModifiers = {}): void {
    this.callbacks.onSelect(id, isToggleClick(keys));
  }
  /** Two clicks on the same node, as sigmaView reports a real double-click: selected, then focused on. */
  doubleClick(id: string): void {
    this.callbacks.onSelect(id, false);
    this.callbacks.onFocus?.(id);
  }
  /** A click on the empty stage. */
  clickStage(): void {
    this.callbacks.onClear();
  }
  /** A pointer event as sigma's captor would report it; for "down", whether the UI took the gesture. */
  pointer(type: "down" | "move" | "up", at: Point, shift = false, ctrl = false): boolean {
    return this.callbacks.onPointer?.({ type, at, shift, ctrl }) ?? false;
  }
  rightClick(at: Point): void {
    this.callbacks.onContextMenu?.(this.hitTest(at), at);
  }
}

export function fakeViewFactory(): { factory: GraphViewFactory; views: FakeGraphView[] } {
  const views: FakeGraphView[] = [];
  return {
    views,
    factory: async (_container, callbacks) => {
      const view = new FakeGraphView(callbacks);
      views.push(view);
      return view;
    },
  };
}
