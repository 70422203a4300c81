// Hands the multi-selection (stores/selection.ts, createMultiSelection) to the outline and the details
// panel through Svelte context, as context.ts does for the AppState it is layered over.
import { getContext, setContext } from "svelte";

import type { MultiSelection } from "./stores/selection";

const KEY = Symbol("netlens-multi-selection");

export function provideMultiSelection(selection: MultiSelection): void {
  setContext(KEY, selection);
}

export function useMultiSelection(): MultiSelection {
  const selection = getContext<MultiSelection | undefined>(KEY);
  if (!selection) throw new Error("useMultiSelection() outside <App>: no MultiSelection in context");
  return selection;
}
