// Which network dialog (create, remove, prune) is open, as a store the toolbar, the canvas's context menu,
// the details panel and the keyboard can all open from, and NetworkDialogs.svelte renders. Also the keys
// that open them. It must not talk to the backend; the dialogs' flows (flows.ts) do.
import { writable, type Readable } from "svelte/store";

export type NetworkDialog =
  | { kind: "create"; initialName: string }
  | { kind: "remove"; networkIds: string[] }
  | { kind: "prune" };

export interface NetworkDialogState {
  open: Readable<NetworkDialog | null>;
  /** Each opener returns false, and changes nothing, while another dialog is open: a half-typed form is
   *  never thrown away by a stray shortcut. */
  openCreate(initialName?: string): boolean;
  openRemove(networkIds: string[]): boolean;
  openPrune(): boolean;
  close(): void;
}

export function createNetworkDialogs(): NetworkDialogState {
  const open = writable<NetworkDialog | null>(null);
  let current: NetworkDialog | null = null;
  open.subscribe((v) => (current = v));
  const show = (d: NetworkDialog) => {
    if (current !== null) return false;
    open.set(d);
    return true;
  };
  return {
    open: { subscribe: open.subscribe },
    openCreate: (initialName = "") => show({ kind: "create", initialName }),
    openRemove: (networkIds) => networkIds.length > 0 && show({ kind: "remove", networkIds: [...networkIds] }),
    openPrune: () => show({ kind: "prune" }),
    close: () => open.set(null),
  };
}

/** Whether a key press happened while typing, where shortcuts must leave the keys alone. */
function typing(event: KeyboardEvent): boolean {
  const t = event.target;
  return (
    t instanceof HTMLTextAreaElement ||
    t instanceof HTMLSelectElement ||
    (t instanceof HTMLInputElement && !["checkbox", "radio", "button"].includes(t.type)) ||
    (t instanceof HTMLElement && t.isContentEditable)
  );
}

/** Ctrl+N (Cmd+N on macOS): a new network. */
export function isNewNetworkKey(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === "n" && !typing(event);
}

/** Delete (or Backspace on macOS keyboards without Delete) on a selected network hub: remove it. */
export function isRemoveKey(event: KeyboardEvent): boolean {
  return (event.key === "Delete" || (event.key === "Backspace" && event.metaKey)) && !typing(event);
}
