// Pins the house rule that only backend.ts talks to Tauri: no other module imports `@tauri-apps/*`
// or the generated bindings (tests may, to drive Tauri's mocks).
import { describe, expect, it } from "vitest";

const sources = import.meta.glob<string>(["/src/**/*.ts", "/src/**/*.svelte", "!/src/**/*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
});

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
