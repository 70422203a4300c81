import Graph from "graphology";
import { describe, expect, it } from "vitest";

import type { EdgeAttributes, NetlensGraph, NodeAttributes } from "../graph/graphModel";
import { PALETTES } from "../graph/palette";
import { createHullLayer } from "./hullLayer";

function graphWith(projects: string[]): NetlensGraph {
  const g = new Graph<NodeAttributes, EdgeAttributes>({ type: "directed", multi: false });
  projects.forEach((project, i) => g.addNode(`container:c${i}`, { x: i * 10, y: 0, project } as NodeAttributes));
  return g;
}

describe("the project hull layer", () => {
  // jsdom has no 2D context: the layer's shapes are not what these tests look at, only its canvas's display.
  const blankCanvas = () => Object.assign(document.createElement("canvas"), { getContext: () => null });
  const layer = (canvas: HTMLCanvasElement) =>
    createHullLayer(canvas, (p) => p, () => ({ width: 200, height: 100 }));

  it("leaves its canvas hidden while no project is drawn, so the page does not composite an empty layer", () => {
    const canvas = blankCanvas();
    const hulls = layer(canvas);
    hulls.setGraph(graphWith(["", ""]), PALETTES.light);
    hulls.draw();
    expect(canvas.style.display).toBe("none");
  });

  it("shows the canvas when a project appears and hides it again when the last one goes", () => {
    const canvas = blankCanvas();
    const hulls = layer(canvas);
    hulls.setGraph(graphWith(["shop", "shop", ""]), PALETTES.light);
    hulls.draw();
    expect(canvas.style.display).toBe("");
    hulls.setGraph(graphWith(["", ""]), PALETTES.light);
    hulls.draw();
    expect(canvas.style.display).toBe("none");
  });

  it("redraws only when the shapes, the camera or the size changed", () => {
    let clears = 0;
    const ctx = new Proxy({}, { get: (_t, name) => (name === "clearRect" ? () => clears++ : () => undefined), set: () => true });
    const canvas = Object.assign(document.createElement("canvas"), { getContext: () => ctx });
    let shift = 0;
    let width = 200;
    const hulls = createHullLayer(canvas, (p) => ({ x: p.x + shift, y: p.y }), () => ({ width, height: 100 }));
    hulls.setGraph(graphWith(["shop", "shop"]), PALETTES.light);
    hulls.draw();
    hulls.draw();
    expect(clears).toBe(1);
    shift = 5;
    hulls.draw();
    expect(clears).toBe(2);
    width = 300;
    hulls.draw();
    expect(clears).toBe(3);
    hulls.setGraph(graphWith(["shop", "shop", "shop"]), PALETTES.light);
    hulls.draw();
    hulls.draw();
    expect(clears).toBe(4);
  });

  it("steps aside while a moving camera hides the lines, and is drawn again when it stops", () => {
    let clears = 0;
    const ctx = new Proxy({}, { get: (_t, name) => (name === "clearRect" ? () => clears++ : () => undefined), set: () => true });
    const canvas = Object.assign(document.createElement("canvas"), { getContext: () => ctx });
    const hulls = layer(canvas);
    hulls.setGraph(graphWith(["shop", "shop"]), PALETTES.light);
    hulls.draw();
    expect([canvas.style.display, clears]).toEqual(["", 1]);
    hulls.draw(true);
    hulls.draw(true);
    expect([canvas.style.display, clears], "hidden, not cleared: the next draw paints it whole").toEqual(["none", 1]);
    hulls.draw();
    expect([canvas.style.display, clears], "the same camera, drawn again all the same").toEqual(["", 2]);
  });

  it("names the biggest projects first and never writes a name over another", () => {
    const texts: string[] = [];
    const ctx = new Proxy(
      {},
      {
        get: (_t, name) =>
          name === "fillText" ? (text: string) => texts.push(text) : name === "measureText" ? (text: string) => ({ width: text.length * 7 }) : () => undefined,
        set: () => true,
      },
    );
    const canvas = Object.assign(document.createElement("canvas"), { getContext: () => ctx });
    const hulls = layer(canvas);
    // "big" (3 members) and "small" (1) at the same place: only the big one is named; "far" is clear of both.
    const g = new Graph<NodeAttributes, EdgeAttributes>({ type: "directed", multi: false });
    const add = (id: string, x: number, project: string) => g.addNode(id, { x, y: 50, project } as NodeAttributes);
    add("container:s", 20, "small");
    ["b1", "b2", "b3"].forEach((id, i) => add(`container:${id}`, 18 + i * 2, "big"));
    add("container:f", 180, "far");
    hulls.setGraph(g, PALETTES.light);
    hulls.draw();
    expect(texts).toEqual(["big", "far"]);
  });
});
