import Graph from "graphology";
import { describe, expect, it } from "vitest";

import type { EdgeAttributes, NetlensGraph, NodeAttributes } from "./graphModel";
import { misdrawnLines } from "./sigmaCheck";

/** Sigma's data textures as the check reads them: two texels (8 floats) per node and per edge. */
function texture(keys: string[], fill: (key: string) => number[]) {
  const data = new Float32Array(keys.length * 8);
  keys.forEach((k, i) => data.set(fill(k), i * 8));
  return { data, TEXELS_PER_ITEM: 2, getIndex: (key: string) => keys.indexOf(key) };
}

/**
 * A renderer with nodes a (0,0), b (3,4), c (6,8) and lines a-b, a-c; `drawn` is the length the GPU's frame
 * pass wrote for each line (read back through readPixels).
 */
function setup(drawn: Record<string, number>, hidden: string[] = []) {
  const graph: NetlensGraph = new Graph<NodeAttributes, EdgeAttributes>({ type: "directed", multi: false });
  for (const n of ["a", "b", "c"]) graph.addNode(n);
  graph.addEdgeWithKey("ab", "a", "b");
  graph.addEdgeWithKey("ac", "a", "c");
  const at: Record<string, number[]> = { a: [0, 0], b: [3, 4], c: [6, 8] };
  const nodes = texture(["a", "b", "c"], (k) => at[k]!);
  const edgeKeys = ["ab", "ac"];
  const edges = texture(edgeKeys, (k) => [nodes.getIndex(graph.source(k)), nodes.getIndex(graph.target(k))]);
  const gl = {
    FRAMEBUFFER: 1,
    FRAMEBUFFER_BINDING: 2,
    RGBA: 3,
    FLOAT: 4,
    getExtension: () => ({}),
    getParameter: () => null,
    bindFramebuffer: () => undefined,
    readPixels: (_x: number, _y: number, _w: number, _h: number, _f: number, _t: number, out: Float32Array) => {
      edgeKeys.forEach((k, i) => (out[i * 4 + 3] = drawn[k] ?? 0));
    },
  };
  const renderer = {
    webGLContext: gl,
    internals: { nodeDataTexture: nodes, edgeDataTexture: edges, edgeFrameTexture: { framebuffer: {}, textureWidth: 2, textureHeight: 1 } },
    getEdgeState: (key: string) => ({ lodHidden: hidden.includes(key) }),
  };
  return { graph, renderer, edges };
}

describe("lines drawn between their own nodes", () => {
  it("finds none wrong when the GPU's lengths are the distances between the nodes", () => {
    const { graph, renderer } = setup({ ab: 5, ac: 10 });
    expect(misdrawnLines(renderer, graph)).toEqual([]);
  });

  it("names a line drawn to another node (its length is another distance)", () => {
    const { graph, renderer } = setup({ ab: 5, ac: 5 });
    expect(misdrawnLines(renderer, graph)).toEqual(["ac"]);
  });

  it("names a line whose record points at other nodes, and skips lines not shown", () => {
    const { graph, renderer, edges } = setup({ ab: 5, ac: 10 }, ["ab"]);
    edges.data[8 + 1] = 1; // ac's target recorded as b
    expect(misdrawnLines(renderer, graph)).toEqual(["ac"]);
  });

  it("cannot answer without sigma's internals", () => {
    const { graph } = setup({});
    expect(misdrawnLines({}, graph)).toBeNull();
  });
});
