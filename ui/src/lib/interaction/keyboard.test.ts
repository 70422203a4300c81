import { describe, expect, it } from "vitest";

import { isTextField, shortcutOf, type KeyPress } from "./keyboard";

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe("editing shortcuts", () => {
  const body = document.body;

  it("maps Ctrl+Z to undo and Ctrl+Shift+Z or Ctrl+Y to redo", () => {
    expect(shortcutOf(press("z", { ctrlKey: true }), body)).toBe("undo");
    expect(shortcutOf(press("Z", { ctrlKey: true, shiftKey: true }), body)).toBe("redo");
    expect(shortcutOf(press("y", { ctrlKey: true }), body)).toBe("redo");
    expect(shortcutOf(press("z", { metaKey: true }), body)).toBe("undo");
    expect(shortcutOf(press("z"), body)).toBeNull();
    expect(shortcutOf(press("z", { ctrlKey: true, altKey: true }), body)).toBeNull();
  });

  it("maps Delete and Backspace to delete, the Menu key and Shift+F10 to the menu", () => {
    expect(shortcutOf(press("Delete"), body)).toBe("delete");
    expect(shortcutOf(press("Backspace"), body)).toBe("delete");
    expect(shortcutOf(press("ContextMenu"), body)).toBe("menu");
    expect(shortcutOf(press("F10", { shiftKey: true }), body)).toBe("menu");
    expect(shortcutOf(press("F10"), body)).toBeNull();
  });

  it("leaves every key to a text field being typed in", () => {
    const input = document.createElement("input");
    const checkbox = document.createElement("input");
    checkbox.type = "checkbox";
    expect(isTextField(input)).toBe(true);
    expect(isTextField(checkbox)).toBe(false);
    expect(isTextField(document.createElement("textarea"))).toBe(true);
    expect(isTextField(document.createElement("button"))).toBe(false);
    expect(shortcutOf(press("z", { ctrlKey: true }), input)).toBeNull();
    expect(shortcutOf(press("Backspace"), input)).toBeNull();
    expect(shortcutOf(press("z", { ctrlKey: true }), checkbox)).toBe("undo");
  });
});
