// Hands the shared AppState to components through Svelte context, typed.
import { getContext, setContext } from "svelte";

import type { AppState } from "./stores/app";

const KEY = Symbol("netlens-app");

export function provideApp(app: AppState): void {
  setContext(KEY, app);
}

export function useApp(): AppState {
  const app = getContext<AppState | undefined>(KEY);
  if (!app) throw new Error("useApp() outside <App>: no AppState in context");
  return app;
}
