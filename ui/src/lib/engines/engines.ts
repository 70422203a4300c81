// The engine switcher's state and the only place it reaches the backend: the list (read afresh each time
// the switcher opens, as docker contexts change outside Netlens), the add form's check, saving, removing
// and switching. What a switch means for the rest of the window (the old graph dropped, selection and
// dialogs closed, the new engine's undo history loaded) is `switched`, given by stores/app.ts.
// It must not judge a form or choose an engine: every rule and message is the backend's.
import { get, writable, type Readable } from "svelte/store";

import { readonlyAll } from "../shared/stores";
import type { AppError, EngineFormDto, EngineFormKind, EnginePlanDto, EnginesBackend, EnginesDto } from "./types";

/** How long typing must pause before the add form is checked again. */
export const ENGINE_CHECK_MS = 150;

export const emptyEngineForm = (kind: EngineFormKind = "socket"): EngineFormDto => ({
  kind,
  name: "",
  address: "",
  ca: "",
  cert: "",
  key: "",
});

export interface EnginesState {
  /** Whether the switcher is open. */
  open: Readable<boolean>;
  list: Readable<EnginesDto | null>;
  /** The last refused or failed list, switch, save or removal. */
  error: Readable<AppError | null>;
  /** The id of the engine being switched to, while the switch runs. */
  switching: Readable<string | null>;
  /** The backend's answer to the latest checked form, and the form it answered. */
  plan: Readable<{ form: EngineFormDto; plan: EnginePlanDto } | null>;
  saving: Readable<boolean>;
  show(): Promise<void>;
  hide(): void;
  /** Checks the form after a quiet spell. */
  check(form: EngineFormDto): void;
  /** Saves the engine; true when it was saved (the list then holds it). */
  add(form: EngineFormDto): Promise<boolean>;
  remove(name: string): Promise<void>;
  switchTo(id: string): Promise<boolean>;
}

export function createEngines(
  api: EnginesBackend,
  switched: (leftRevision: number, name: string) => void,
  debounceMs = ENGINE_CHECK_MS,
): EnginesState {
  const open = writable(false);
  const list = writable<EnginesDto | null>(null);
  const error = writable<AppError | null>(null);
  const switching = writable<string | null>(null);
  const plan = writable<{ form: EngineFormDto; plan: EnginePlanDto } | null>(null);
  const saving = writable(false);
  let checkSeq = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function load() {
    try {
      list.set(await api.listEngines());
    } catch (e) {
      error.set({ code: "notReady", message: e instanceof Error ? e.message : String(e), hint: null });
    }
  }

  return {
    ...readonlyAll({ open, list, error, switching, plan, saving }),
    async show() {
      error.set(null);
      open.set(true);
      await load();
    },
    hide() {
      if (timer) clearTimeout(timer);
      open.set(false);
      plan.set(null);
    },
    check(form) {
      const seq = ++checkSeq;
      if (timer) clearTimeout(timer);
      timer = setTimeout(async () => {
        const answer = await api.planEngine(form);
        // A slower answer to an older form must not overwrite the answer to the newer one.
        if (seq === checkSeq) plan.set({ form, plan: answer });
      }, debounceMs);
    },
    async add(form) {
      saving.set(true);
      try {
        const r = await api.addEngine(form);
        if (r.status === "ok") {
          list.set(r.data);
          error.set(null);
          plan.set(null);
          return true;
        }
        error.set(r.error);
        plan.set({ form, plan: await api.planEngine(form) });
        return false;
      } finally {
        saving.set(false);
      }
    },
    async remove(name) {
      const r = await api.removeEngine(name);
      if (r.status === "ok") {
        list.set(r.data);
        error.set(null);
      } else error.set(r.error);
    },
    async switchTo(id) {
      if (get(switching)) return false;
      switching.set(id);
      try {
        const r = await api.switchEngine(id);
        if (r.status === "error") {
          error.set(r.error);
          return false;
        }
        list.set(r.data.engines);
        error.set(null);
        const name = r.data.engines.choices.find((c) => c.id === id)?.name ?? id;
        switched(r.data.leftRevision, name);
        open.set(false);
        return true;
      } finally {
        switching.set(null);
      }
    },
  };
}
