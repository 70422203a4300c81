// The colour theme, following the operating system's light/dark preference live.
import { readable, type Readable } from "svelte/store";

import type { Theme } from "../graph/palette";

export function createThemeStore(win: Pick<Window, "matchMedia"> | undefined = globalThis.window): Readable<Theme> {
  const query = win?.matchMedia?.("(prefers-color-scheme: dark)");
  return readable<Theme>(query?.matches ? "dark" : "light", (set) => {
    if (!query) return;
    const onChange = (e: MediaQueryListEvent) => set(e.matches ? "dark" : "light");
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  });
}
