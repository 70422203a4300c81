// Pins two house rules about what the shipped code may import: only backend.ts talks to Tauri (no other
// module imports `@tauri-apps/*` or the generated bindings; tests may, to drive Tauri's mocks), and the
// shipped app (`src/main.ts` and everything under `src/lib`) never imports the test doubles and demo data of
// `src/test` or the demo page of `src/demo`.
import { describe, expect, it } from "vitest";

const sources = import.meta.glob<string>(["/src/**/*.ts", "/src/**/*.svelte", "!/src/**/*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
});

/** Every module specifier a source imports: static, side-effect and dynamic imports, and re-exports. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g)) found.push(m[1]!);
  return found;
}

/** `spec` as imported from the file at `from` (both absolute from the project root, e.g. `/src/lib/x.ts`). */
function resolve(from: string, spec: string): string {
  if (!spec.startsWith(".")) return spec;
  const parts = from.split("/").slice(0, -1);
  for (const part of spec.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}

const shipped = (path: string) => path === "/src/main.ts" || path.startsWith("/src/lib/");

describe("the one door to Tauri", () => {
  it("is backend.ts alone", () => {
    const offenders = Object.entries(sources)
      .filter(([path]) => path !== "/src/lib/backend.ts" && path !== "/src/lib/bindings.ts")
      .filter(([, text]) => /from\s+["']@tauri-apps\/|from\s+["'][./]*bindings["']|import\(["']@tauri-apps\//.test(text))
      .map(([path]) => path);
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });
});

describe("the shipped app", () => {
  it("never imports the test doubles or the demo", () => {
    const offenders = Object.entries(sources)
      .filter(([path]) => shipped(path))
      .flatMap(([path, text]) => specifiers(text).map((spec) => [path, resolve(path, spec)] as const))
      .filter(([, target]) => target.startsWith("/src/test/") || target.startsWith("/src/demo/"))
      .map(([path, target]) => `${path} imports ${target}`);
    expect(Object.keys(sources).filter(shipped).length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });

  it("is checked by a rule that does see such an import", () => {
    const text = 'import { ReplayBackend } from "../../test/replayBackend";\nconst d = await import("../demo/main");';
    expect(specifiers(text).map((s) => resolve("/src/lib/stores/app.ts", s))).toEqual(["/src/test/replayBackend", "/src/lib/demo/main"]);
    expect(resolve("/src/main.ts", "./test/golden/x.json")).toBe("/src/test/golden/x.json");
  });
});
