// Hands the multi-selection (stores/selection.ts, createMultiSelection) to the outline and the details
// panel through Svelte context, as context.ts does for the AppState it is layered over.
import { typedContext } from "./shared/typedContext";
import type { MultiSelection } from "./stores/selection";

const selection = typedContext<MultiSelection>("useMultiSelection()", "MultiSelection");

export const provideMultiSelection = selection.provide;
export const useMultiSelection = selection.use;
