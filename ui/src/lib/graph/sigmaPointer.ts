// The pointer over sigma's canvas, reported to the UI: clicks and double-clicks on items and the stage,
// the context menu, hovering, and the hook that lets the UI own a gesture (a drag) without sigma
// panning the camera. What a gesture means lives in interaction/dragMachine.ts; what is under a point
// (hit-testing) in sigmaView.ts; this only wires sigma's events to the callbacks.
import type { MouseCoords } from "sigma/types";

import { isToggleClick } from "../selectionSet";
import { toViewport, type Point } from "./geometry";
import type { LodStates } from "./lodStates";
import type { NetlensRenderer } from "./sigmaLook";
import type { GraphViewCallbacks, Hit } from "./view";

export interface PointerContext {
  callbacks: GraphViewCallbacks;
  lod: LodStates;
  /** The canvas's top-left corner in viewport CSS pixels. */
  origin(): Point;
  hitTest(at: Point): Hit | null;
}

export function bindPointer(renderer: NetlensRenderer, { callbacks, lod, origin, hitTest }: PointerContext): void {
  // Sigma's mouse captor reports a press ("mousedown"), every move anywhere on the page
  // ("mousemovebody", before it pans the camera) and the release ("mouseup", before its click). Calling
  // preventSigmaDefault() on the move is sigma's documented way to keep the camera still; the click sigma
  // derives afterwards is swallowed because the UI already decided what the press meant. Sigma's own
  // node drag (enableNodeDrag) stays off: it would move the node itself.
  const captor = renderer.getMouseCaptor();
  let owned = false;
  let swallowClick = false;
  const pointerOf = (c: MouseCoords) => {
    const e = c.original;
    const at = "clientX" in e ? { x: e.clientX, y: e.clientY } : toViewport(c, origin());
    return { at, shift: e.shiftKey, ctrl: e.ctrlKey || e.metaKey };
  };
  captor.on("mousedown", (c) => {
    swallowClick = false;
    owned = false;
    if (!("button" in c.original) || c.original.button !== 0) return;
    owned = callbacks.onPointer?.({ type: "down", ...pointerOf(c) }) ?? false;
  });
  captor.on("mousemovebody", (c) => {
    if (!owned) return;
    c.preventSigmaDefault();
    callbacks.onPointer?.({ type: "move", ...pointerOf(c) });
  });
  captor.on("mouseup", (c) => {
    if (!owned) return;
    owned = false;
    swallowClick = true;
    callbacks.onPointer?.({ type: "up", ...pointerOf(c) });
  });
  captor.on("rightClick", (c) => {
    if (!callbacks.onContextMenu) return;
    // The webview's own menu (Reload, Inspect) has nothing to offer here.
    c.original.preventDefault();
    const { at } = pointerOf(c);
    callbacks.onContextMenu(hitTest(at), at);
  });
  const clicked = (act: () => void) => {
    if (swallowClick) swallowClick = false;
    else act();
  };
  // Sigma turns a second click within its double-click delay into a double-click, with no click event: two
  // quick clicks on two networks (Ctrl+click to add) would lose the second. A double-click on an item is
  // therefore its click, and it does not zoom the camera. Two clicks on the same node are a real
  // double-click: it focuses on the node. Sigma counts any two clicks as one double-click, wherever they
  // land, so every click says what it was on (a line or the background: no node).
  let lastClicked: string | null = null;
  renderer.on("clickNode", ({ node, event }) => {
    lastClicked = node;
    clicked(() => callbacks.onSelect(node, isToggleClick(event.original)));
  });
  renderer.on("clickEdge", ({ edge, event }) => {
    lastClicked = null;
    clicked(() => callbacks.onSelect(edge, isToggleClick(event.original)));
  });
  renderer.on("clickStage", () => {
    lastClicked = null;
    clicked(() => callbacks.onClear());
  });
  renderer.on("doubleClickNode", (e) => {
    e.preventSigmaDefault();
    const again = lastClicked === e.node;
    clicked(() => callbacks.onSelect(e.node, isToggleClick(e.event.original)));
    if (again && !isToggleClick(e.event.original)) callbacks.onFocus?.(e.node);
    lastClicked = e.node;
  });
  renderer.on("doubleClickEdge", (e) => {
    e.preventSigmaDefault();
    lastClicked = null;
    clicked(() => callbacks.onSelect(e.edge, isToggleClick(e.event.original)));
  });

  renderer.on("enterNode", ({ node, event }) => {
    lod.hover(node);
    callbacks.onHover?.(node, toViewport(event, origin()));
  });
  renderer.on("leaveNode", () => {
    lod.hover(null);
    callbacks.onHover?.(null, null);
  });
  renderer.on("enterEdge", ({ edge }) => lod.hover(edge));
  renderer.on("leaveEdge", () => lod.hover(null));
}
