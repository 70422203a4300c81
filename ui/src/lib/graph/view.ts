// What the UI asks of a graph renderer, independent of sigma: show a topology, mark the selected items,
// frame the camera, say where nodes and edges are on screen and what is under the pointer, report
// raw pointer activity, and mark drop targets and a pulled edge during a gesture. Components and tests talk to this interface;
// only the sigma*.ts modules (and lodStates.ts) know sigma, and sigmaView.ts is loaded lazily so jsdom tests never touch
// WebGL.
import type { TopologyDto } from "../backend";
import type { Point, Segment } from "./geometry";
import type { SyncReport } from "./graphModel";
import type { Palette } from "./palette";

/** Frames drawn whole, and clipped to show a live change (sigmaRegion.ts), and whether the last was clipped. */
export interface FrameCount {
  whole: number;
  clipped: number;
  lastClipped: boolean;
}

/** The count before any frame (and of a view that has none). */
export const noFrames = (): FrameCount => ({ whole: 0, clipped: 0, lastClipped: false });

/** What is under a point of the canvas. */
export type Hit = { kind: "node"; id: string } | { kind: "edge"; id: string };

/** A pointer event over the canvas, in viewport CSS pixels. */
export interface CanvasPointer {
  type: "down" | "move" | "up";
  at: Point;
  /** Shift: on a drop, connect at once; on a click, add to or take from the selection. */
  shift: boolean;
  /** Ctrl (Cmd on macOS): on a click, add to or take from the selection. */
  ctrl: boolean;
}

/** How a network hub looks while a container is dragged: it may take the container, or not. */
export type DropMark = "allowed" | "refused";

export interface GraphViewCallbacks {
  /**
   * A node or edge was clicked in the graph (not part of a gesture the UI owns); `toggle` when Ctrl,
   * Cmd or Shift was held, which adds it to the selection or takes it out.
   */
  onSelect(id: string, toggle: boolean): void;
  /** The empty stage was clicked. */
  onClear(): void;
  /**
   * A left-button press, move or release over the canvas. Returning true from "down" makes the UI
   * own the gesture: until the button comes up the camera does not pan, the moves and the release are
   * reported, and the renderer's own click is swallowed (the UI decides what a click was).
   */
  onPointer?(event: CanvasPointer): boolean;
  /** A right-click (context menu) on a node, an edge or the stage (`hit` null). */
  onContextMenu?(hit: Hit | null, at: Point): void;
  /** A double-click on a node (two clicks on the same node): focus on it. */
  onFocus?(id: string): void;
  /** The pointer came onto a node (`at`: where, viewport CSS pixels) or left it (null, null). */
  onHover?(id: string | null, at: Point | null): void;
}

/** How an item is drawn: at full strength, faded by a focus, hidden by a filter, or not held at all. */
export type ItemLook = "drawn" | "faded" | "hidden" | "absent";

export interface GraphView {
  /** Show `topology` coloured with `palette`, updating in place; the camera does not move. */
  update(topology: TopologyDto, palette: Palette): SyncReport;
  /** Highlights every id in `ids` (nodes or edges) and no other. */
  setSelected(ids: readonly string[]): void;
  /** Marks the search's matches (nodes) so they stand out, and no others; only changed ids are touched. */
  setMatched(ids: readonly string[]): void;
  /** Centres the camera on a node and zooms in to it (animated); nothing when it is not drawn. */
  focusNode(id: string): void;
  /** Frame every node. */
  fit(animate: boolean): void;
  /** Frames the given nodes (a focus's neighbourhood), animated, never closer than focusNode goes. */
  frame(ids: Iterable<string>): void;
  zoom(direction: "in" | "out"): void;
  /** The node's centre in viewport CSS pixels (as pointer events see it), or null when it is not drawn. */
  nodeViewportPosition(id: string): Point | null;
  /** An edge's drawn straight line in viewport CSS pixels, or null when it is not drawn. */
  edgeViewportSegment(id: string): Segment | null;
  /** A node under `at` (any kind), else an endpoint edge passing close to it. */
  hitTest(at: Point): Hit | null;
  /** The network hub under `at`, with a generous margin (a drop target should be easy to hit). */
  networkAt(at: Point): string | null;
  /** The layout point (Rust's coordinates, y down) under a viewport point, e.g. where a new hub should go. */
  layoutPointAt(at: Point): Point | null;
  /** Marks hubs as drop targets (null clears) and the dragged container as the source. */
  setDropMarks(marks: ReadonlyMap<string, DropMark> | null, source: string | null): void;
  /** A container is being dragged or a line pulled: the view neither hovers nor picks under the pointer. */
  setGesture(active: boolean): void;
  /** The hub under a dragged container (null: none): ringed, so the drop's target is plain to see. */
  setDropOver(id: string | null): void;
  /** Hides an edge while the UI draws it pulled away as a rubber band (null shows it again). */
  setPulledEdge(id: string | null): void;
  /**
   * Hides what a filter hides: `hidden` is asked about every item the view adds from now on, and about
   * `changed` now ("all": every item it holds).
   */
  setHidden(hidden: { has(id: string): boolean }, changed: Iterable<string> | "all"): void;
  /** Fades every item but those in `keep` (a focus); null draws everything at full strength again. */
  setFocus(keep: ReadonlySet<string> | null): void;
  /** How the item is drawn now (for the end-to-end test hook). */
  itemLook(id: string): ItemLook;
  /** The current view as a PNG (base64, no `data:` prefix) at the screen's density, on the theme's background. */
  snapshotPng(): string;
  /**
   * Draws the graph whole, then the shown lines the GPU did not draw between their own two nodes (for the
   * end-to-end tests); null when that cannot be read.
   */
  misdrawnLines(): string[] | null;
  /** The canvases as they are on screen now, not drawn again, as snapshotPng encodes them (for the test hook). */
  shownPng(): string;
  /** Frames drawn whole, and clipped to show a live change only where it changed (sigmaRegion.ts; for the test hook). */
  frames(): FrameCount;
  /** The current view as an SVG document: the drawn nodes, lines and labels at the current camera. */
  snapshotSvg(): string;
  destroy(): void;
}

export type GraphViewFactory = (container: HTMLElement, callbacks: GraphViewCallbacks) => Promise<GraphView>;

/** The real renderer, loaded on demand. */
export const sigmaViewFactory: GraphViewFactory = async (container, callbacks) => {
  const { createSigmaView } = await import("./sigmaView");
  return createSigmaView(container, callbacks);
};
