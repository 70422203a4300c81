// What the UI asks of a graph renderer, independent of sigma: show a topology, mark a selection,
// frame the camera, and say where a node is on screen. Components and tests talk to this interface;
// only sigmaView.ts knows sigma, and it is loaded lazily so jsdom tests never touch WebGL.
import type { TopologyDto } from "../backend";
import type { Point } from "./geometry";
import type { SyncReport } from "./graphModel";
import type { Palette } from "./palette";

export interface GraphViewCallbacks {
  /** A node or edge was clicked in the graph. */
  onSelect(id: string): void;
  /** The empty stage was clicked. */
  onClear(): void;
}

export interface GraphView {
  /** Show `topology` coloured with `palette`, updating in place; the camera does not move. */
  update(topology: TopologyDto, palette: Palette): SyncReport;
  setSelected(id: string | null): void;
  /** Frame every node. */
  fit(animate: boolean): void;
  zoom(direction: "in" | "out"): void;
  /** The node's centre in viewport CSS pixels (as pointer events see it), or null when it is not drawn. */
  nodeViewportPosition(id: string): Point | null;
  destroy(): void;
}

export type GraphViewFactory = (container: HTMLElement, callbacks: GraphViewCallbacks) => Promise<GraphView>;

/** The real renderer, loaded on demand. */
export const sigmaViewFactory: GraphViewFactory = async (container, callbacks) => {
  const { createSigmaView } = await import("./sigmaView");
  return createSigmaView(container, callbacks);
};
