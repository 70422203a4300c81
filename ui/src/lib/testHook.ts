// The end-to-end test hook. Installed on every build (it only reads state and selects), so WebDriver
// tests of the real app can drive the graph, which is a WebGL canvas with nothing in the DOM to click
// or drag (drags are real pointer events: press on a node or edge position, move, release):
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
//     selectedIds(): string[]
//       // every selected node and edge id, in the order they were added (Ctrl/Shift+click adds);
//       // the last is the primary selection, whose details show when it is the only one
//   }
//
// Alongside, <main data-ready="true" data-revision="N"> is set once the first topology is drawn, so a
// test can wait for `main[data-ready="true"]` and then for `data-revision` to pass a known value;
// `data-dragging="true"` while a container is dragged or an edge pulled, `data-busy="true"` while an
// operation runs.
// Node ids: "network:<id>", "container:<id>", "host", "external"; edge ids "endpoint:<net>:<ctr>",
// "reach:<net>:host|external".
import type { Point } from "./graph/geometry";

export interface NetlensTestHook {
  nodePosition(id: string): Point | null;
  edgePosition(id: string): Point | null;
  revision(): number;
  select(id: string): void;
  selectedIds(): string[];
}

declare global {
  interface Window {
    __NETLENS_TEST__?: NetlensTestHook;
  }
}

export function installTestHook(hook: NetlensTestHook, win: Window = window): () => void {
  win.__NETLENS_TEST__ = hook;
  return () => {
    if (win.__NETLENS_TEST__ === hook) delete win.__NETLENS_TEST__;
  };
}
