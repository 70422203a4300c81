// Shaders compiled at high precision by default: sigma's leave it to GLSL ES's defaults (see below). Owns
// the rewrite of a shader's source; knows nothing of sigma, so it is tested without WebGL.

const VERSION_LINE = "#version 300 es";
/** Declared at the top of every shader; a shader's own precision statements, later in it, still win. */
const HIGH_PRECISION = "precision highp float;\nprecision highp int;\nprecision highp sampler2D;";

/**
 * Compiles every GLSL ES 3.00 shader of `gl` with high precision by default. Sigma's shaders leave it to
 * the language's defaults, and in a vertex shader a sampler2D defaults to lowp: a driver that honours that
 * (WebKitGTK on Mesa's software rasterizer was seen to) reads the data textures' values at half
 * precision, where integers above 2,048 are only even. Node and edge indices are stored there as floats,
 * so past 2,048 nodes every line to an odd-numbered node was drawn to its neighbour in the texture (on
 * the 300/2,000 engine: 1,017 of the 2,400 lines shown at the overview went to another network).
 */
export function highPrecisionShaders(gl: Pick<WebGL2RenderingContext, "shaderSource">): void {
  const shaderSource = gl.shaderSource.bind(gl);
  gl.shaderSource = (shader: WebGLShader, source: string) => shaderSource(shader, withHighPrecision(source));
}

/**
 * `source` with HIGH_PRECISION after its version line and any `#extension` lines (which must come before
 * every statement); other shaders (GLSL ES 1.00) as they are.
 */
export function withHighPrecision(source: string): string {
  const at = source.indexOf(VERSION_LINE);
  if (at < 0 || source.slice(0, at).trim() !== "") return source;
  let end = source.indexOf("\n", at);
  if (end < 0) return source;
  while (source.startsWith("#extension", end + 1)) {
    const next = source.indexOf("\n", end + 1);
    if (next < 0) return source;
    end = next;
  }
  return `${source.slice(0, end + 1)}${HIGH_PRECISION}\n${source.slice(end + 1)}`;
}
