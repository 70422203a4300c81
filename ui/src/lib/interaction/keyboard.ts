// Which editing shortcut a key press means: undo (Ctrl+Z), redo (Ctrl+Shift+Z, Ctrl+Y), delete the
// selected connection (Delete, Backspace), open the context menu (the Menu key, Shift+F10). None of
// them fire while typing in a text field, where these keys edit text. Pure.

export type Shortcut = "undo" | "redo" | "delete" | "menu";

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Inputs that take text (not checkboxes or buttons), text areas, selects and editable content. */
export function isTextField(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== "string") return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  const tag = el.tagName.toLowerCase();
  if (tag === "textarea" || tag === "select") return true;
  if (tag !== "input") return false;
  const type = (el.getAttribute("type") ?? "text").toLowerCase();
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(type);
}

export function shortcutOf(e: KeyPress, target: EventTarget | null): Shortcut | null {
  if (isTextField(target)) return null;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey && key === "z") return e.shiftKey ? "redo" : "undo";
  if (mod && !e.altKey && !e.shiftKey && key === "y") return "redo";
  if (mod || e.altKey) return null;
  if (e.key === "Delete" || e.key === "Backspace") return "delete";
  if (e.key === "ContextMenu" || (e.shiftKey && e.key === "F10")) return "menu";
  return null;
}
