// A check for the end-to-end tests (through the test hook): are the lines drawn between their own nodes?
// The node and edge positions a test reads from the hook are the graph's; what the GPU drew from sigma's
// data textures can differ (it did: sigmaStage.ts, highPrecisionShaders). Sigma's edge frame pass writes,
// per line, the length of its path as the GPU read it from those textures; it is read back here and
// compared with the distance between the line's two nodes (every line Netlens draws is straight: a curved
// one would need its own length here). Reads sigma 4.0.4's internals; it changes
// nothing and is never used by the app itself.
import type { NetlensGraph } from "./graphModel";

type DataTexture = { data: Float32Array; getIndex(key: string): number; TEXELS_PER_ITEM: number };
type FrameTexture = { framebuffer: WebGLFramebuffer | null; textureWidth: number; textureHeight: number };
type Internals = {
  webGLContext?: WebGL2RenderingContext;
  internals?: { nodeDataTexture?: DataTexture; edgeDataTexture?: DataTexture; edgeFrameTexture?: FrameTexture };
  getEdgeState?(key: string): { lodHidden?: boolean; filtered?: boolean; pulled?: boolean };
};

/** How far a drawn length may stray from the nodes' distance (the frame pass works in float32 on the GPU). */
const TOLERANCE = 0.02;

/**
 * The ids of shown lines whose length as the GPU drew it is not the distance between their nodes, or
 * null when sigma's internals are not as this expects (a test must then fail, not pass by default).
 */
export function misdrawnLines(renderer: object, graph: NetlensGraph): string[] | null {
  const r = renderer as Internals;
  const gl = r.webGLContext;
  const nodes = r.internals?.nodeDataTexture;
  const edges = r.internals?.edgeDataTexture;
  const frame = r.internals?.edgeFrameTexture;
  if (!gl || !nodes || !edges || !frame?.framebuffer || typeof r.getEdgeState !== "function") return null;
  if (!gl.getExtension("EXT_color_buffer_float")) return null;
  const lengths = new Float32Array(frame.textureWidth * frame.textureHeight * 4);
  const before = gl.getParameter(gl.FRAMEBUFFER_BINDING) as WebGLFramebuffer | null;
  gl.bindFramebuffer(gl.FRAMEBUFFER, frame.framebuffer);
  gl.readPixels(0, 0, frame.textureWidth, frame.textureHeight, gl.RGBA, gl.FLOAT, lengths);
  gl.bindFramebuffer(gl.FRAMEBUFFER, before);
  const nodeStride = nodes.TEXELS_PER_ITEM * 4;
  const edgeStride = edges.TEXELS_PER_ITEM * 4;
  // NaN for a record past a texture's end: it fails every comparison below and counts as wrong.
  const at = (data: Float32Array, i: number) => data[i] ?? Number.NaN;
  const wrong: string[] = [];
  graph.forEachEdge((id, _attributes, source, target) => {
    const state = r.getEdgeState?.(id);
    if (state?.lodHidden || state?.filtered || state?.pulled) return;
    const e = edges.getIndex(id);
    const s = nodes.getIndex(source);
    const t = nodes.getIndex(target);
    if (e < 0 || s < 0 || t < 0) return;
    // The line's own record must name its two nodes, and the GPU's length must be their distance.
    const named = at(edges.data, e * edgeStride) === s && at(edges.data, e * edgeStride + 1) === t;
    const dx = at(nodes.data, s * nodeStride) - at(nodes.data, t * nodeStride);
    const dy = at(nodes.data, s * nodeStride + 1) - at(nodes.data, t * nodeStride + 1);
    const apart = Math.hypot(dx, dy);
    const drawn = at(lengths, e * 4 + 3);
    if (!named || !(Math.abs(drawn - apart) <= TOLERANCE * apart + 1e-6)) wrong.push(id);
  });
  return wrong;
}
