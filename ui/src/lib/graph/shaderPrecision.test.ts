import { describe, expect, it } from "vitest";

import { highPrecisionShaders, withHighPrecision } from "./shaderPrecision";

describe("shader precision", () => {
  it("declares high precision right after a GLSL ES 3.00 version line, before the shader's own statements", () => {
    const source = "#version 300 es\nprecision mediump float;\nuniform sampler2D t;\nvoid main() {}\n";
    const out = withHighPrecision(source);
    const lines = out.split("\n");
    expect(lines[0]).toBe("#version 300 es");
    expect(lines.slice(1, 4)).toEqual(["precision highp float;", "precision highp int;", "precision highp sampler2D;"]);
    // The shader's own statement comes later, so it still wins where it says otherwise.
    expect(lines[4]).toBe("precision mediump float;");
    expect(out.endsWith("void main() {}\n")).toBe(true);
  });

  it("keeps #extension lines first, as GLSL requires", () => {
    const out = withHighPrecision("#version 300 es\n#extension GL_EXT_a : enable\n#extension GL_EXT_b : enable\nvoid main() {}");
    expect(out.split("\n").slice(0, 4)).toEqual([
      "#version 300 es",
      "#extension GL_EXT_a : enable",
      "#extension GL_EXT_b : enable",
      "precision highp float;",
    ]);
  });

  it("leaves shaders without that version line as they are", () => {
    for (const source of ["void main() {}", "// a comment\n#version 300 es\nvoid main() {}", "#version 300 es"]) {
      expect(withHighPrecision(source)).toBe(source);
    }
  });

  it("applies to every shader source the context compiles", () => {
    const seen: string[] = [];
    const gl = { shaderSource: (_shader: WebGLShader, source: string) => void seen.push(source) };
    highPrecisionShaders(gl);
    gl.shaderSource({} as WebGLShader, "#version 300 es\nvoid main() {}");
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain("precision highp sampler2D;");
  });
});
