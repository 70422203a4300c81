// Hands the shared AppState to components through Svelte context, typed.
import { typedContext } from "./shared/typedContext";
import type { AppState } from "./stores/app";

const app = typedContext<AppState>("useApp()", "AppState");

export const provideApp = app.provide;
export const useApp = app.use;
