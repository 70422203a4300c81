// The sigma class the view constructs: sigma 4.0.4 with the changes that must be made before its
// constructor runs (the stage's context attributes, its shaders' precision). Later workarounds are
// sigmaPatches.ts.
import type { Attributes } from "graphology-types";
import Sigma from "sigma";
import type { PrimitivesDeclaration } from "sigma/types";

import { highPrecisionShaders } from "./shaderPrecision";

type ContextOptions = NonNullable<Parameters<Sigma["createWebGLContext"]>[1]>;

/**
 * Sigma whose stage keeps its drawing buffer. Without a GPU the window runs WebKit without accelerated
 * compositing (src-tauri's `app::renderer`), and there WebKit paints a WebGL canvas from the buffer as it
 * is at paint time: a buffer that is not preserved has been cleared by then, so a graph drawn once (not
 * every frame) never appears. Sigma has no setting for the stage's context attributes; it creates the
 * context in its constructor through this method, before it compiles any shader: so it is also where the
 * shaders get their high precision (shaderPrecision.ts).
 */
export class KeptStageSigma<
  N extends Attributes,
  E extends Attributes,
  G extends Attributes,
  NS,
  ES,
  GS,
  const P extends PrimitivesDeclaration,
> extends Sigma<N, E, G, NS, ES, GS, P> {
  override createWebGLContext(id: string, options: ContextOptions = {}): WebGL2RenderingContext {
    const gl = super.createWebGLContext(id, id === "stage" ? { ...options, preserveDrawingBuffer: true } : options);
    highPrecisionShaders(gl);
    return gl;
  }
}
