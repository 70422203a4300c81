// Lines taken away by a live change, hidden at once and dropped from the graph only when the view is quiet.
// Why: sigma 4.0.4 reprocesses every node and edge when an edge is dropped (its graph handler refreshes
// everything), and on 2,000 containers the frame after takes 140–270 ms (measured in the window, see
// BENCHMARKS.md); hiding an edge is an item state, which sigma restyles in place. So a disconnect is drawn
// in the next cheap frame, and the expensive drop happens later, once, for every line retired meanwhile.
// Owns only the set of retired ids; sigmaView.ts hides them, treats them as gone and drops them.

export class RetiringEdges {
  private readonly ids = new Set<string>();

  /** The line is gone from the topology but still in the graph, hidden. */
  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    this.ids.add(id);
  }

  /** The line came back before it was dropped (a reconnect): true when it had been retired. */
  revive(id: string): boolean {
    return this.ids.delete(id);
  }

  get size(): number {
    return this.ids.size;
  }

  /** Every retired id, forgotten here: the caller drops them from the graph. */
  take(): string[] {
    const all = [...this.ids];
    this.ids.clear();
    return all;
  }
}
