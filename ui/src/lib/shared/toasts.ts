// Short messages over the window: an operation's outcome (with its docker command) fades after a few
// seconds; errors stay until dismissed, since they carry a hint someone has to read.
import { writable, type Readable } from "svelte/store";

export type ToastKind = "ok" | "error" | "info";

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  /** A hint or notice under the title. */
  detail: string | null;
  /** The docker CLI line that did (or would do) the same. */
  command: string | null;
}

export interface ToastStore extends Readable<Toast[]> {
  show(kind: ToastKind, title: string, detail?: string | null, command?: string | null): number;
  dismiss(id: number): void;
}

/** How long an ok or info toast stays. */
export const TOAST_MS = 6000;

export function createToasts(lifetimeMs: number = TOAST_MS): ToastStore {
  const list = writable<Toast[]>([]);
  let next = 1;
  const dismiss = (id: number) => list.update((all) => all.filter((t) => t.id !== id));
  return {
    subscribe: list.subscribe,
    show(kind, title, detail = null, command = null) {
      const id = next++;
      // Newest last; a burst of operations keeps the last few.
      list.update((all) => [...all.slice(-4), { id, kind, title, detail, command }]);
      if (kind !== "error") setTimeout(() => dismiss(id), lifetimeMs);
      return id;
    },
    dismiss,
  };
}
