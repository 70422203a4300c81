// A GraphView that draws nothing, for component tests under jsdom (no WebGL): it records what the UI
// asked of it and lets a test "click" a node as sigma's clickNode would.
import type { TopologyDto } from "../backend";
import type { Point } from "./geometry";
import type { SyncReport } from "./graphModel";
import type { Palette } from "./palette";
import type { GraphView, GraphViewCallbacks, GraphViewFactory } from "./view";

export class FakeGraphView implements GraphView {
  updates: { revision: number; palette: Palette }[] = [];
  selected: string | null = null;
  fits = 0;
  destroyed = false;
  private known = new Set<string>();

  constructor(readonly callbacks: GraphViewCallbacks) {}

  update(topology: TopologyDto, palette: Palette): SyncReport {
    this.updates.push({ revision: topology.revision, palette });
    this.known = new Set(topology.nodes.map((n) => n.id));
    return { added: [], removed: [], updated: [] };
  }
  setSelected(id: string | null): void {
    this.selected = id;
  }
  fit(): void {
    this.fits += 1;
  }
  zoom(): void {}
  nodeViewportPosition(id: string): Point | null {
    return this.known.has(id) ? { x: 100, y: 200 } : null;
  }
  destroy(): void {
    this.destroyed = true;
  }
  click(id: string): void {
    this.callbacks.onSelect(id);
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
