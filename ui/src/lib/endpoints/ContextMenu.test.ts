// The context menu as a keyboard user finds an item in it: a long one ("Connect to ▸" on a busy host lists
// every network) through its filter field, a short one by typing the start of a label; and a submenu that
// has no room on the right opens on the left instead of covering its menu.
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";

import ContextMenu from "./ContextMenu.svelte";
import type { MenuItem } from "./menus";

afterEach(() => cleanup());

const q = (selector: string) => document.querySelector<HTMLElement>(selector);
const labels = () => Array.from(document.querySelectorAll<HTMLElement>('[data-testid=context-menu] > li > [role="menuitem"]')).map((b) => b.dataset.item);

function entry(id: string, ran: string[], extra: Partial<MenuItem> = {}): MenuItem {
  return { id, label: id, subtitle: null, disabled: false, items: null, run: () => ran.push(id), ...extra };
}

function open(items: MenuItem[]) {
  const closed: boolean[] = [];
  render(ContextMenu, { props: { items, at: { x: 10, y: 10 }, onClose: (ran: boolean) => closed.push(ran), label: "Connect to" } });
  return closed;
}

describe("a long menu", () => {
  const nets = (ran: string[]) => Array.from({ length: 30 }, (_, i) => entry(`net-${String(i).padStart(2, "0")}`, ran));

  it("starts in its filter field, keeps what holds the text, and Enter runs the first that can run", async () => {
    const ran: string[] = [];
    const items = nets(ran);
    items[21] = entry("net-21", ran, { disabled: true });
    const closed = open(items);
    const field = q("[data-testid=menu-filter]") as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(field.placeholder).toBe("Filter 30…");
    await fireEvent.input(field, { target: { value: "2" } });
    expect(labels()).toEqual(["net-02", "net-12", "net-20", "net-21", "net-22", "net-23", "net-24", "net-25", "net-26", "net-27", "net-28", "net-29"]);
    await fireEvent.input(field, { target: { value: "net-2" } });
    await fireEvent.keyDown(field, { key: "Enter" });
    // net-20 is the first kept; net-21, disabled, would have been skipped.
    expect(ran).toEqual(["net-20"]);
    expect(closed).toEqual([true]);
  });

  it("says when nothing matches, and Escape empties the field before it closes the menu", async () => {
    const closed = open(nets([]));
    const field = q("[data-testid=menu-filter]") as HTMLInputElement;
    await fireEvent.input(field, { target: { value: "lan" } });
    expect(labels()).toEqual([]);
    expect(q("[data-testid=menu-none]")?.textContent).toContain("lan");
    await fireEvent.keyDown(field, { key: "Escape" });
    expect(field.value).toBe("");
    expect(labels()).toHaveLength(30);
    expect(closed).toEqual([]);
    await fireEvent.keyDown(field, { key: "Escape" });
    expect(closed).toEqual([false]);
  });

  it("moves between the field and the items with the arrows, and typing on an item goes to the field", async () => {
    open(nets([]));
    const field = q("[data-testid=menu-filter]") as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(field));
    await fireEvent.keyDown(field, { key: "ArrowDown" });
    const first = q('[data-item="net-00"]')!;
    expect(document.activeElement).toBe(first);
    await fireEvent.keyDown(first, { key: "ArrowUp" });
    expect(document.activeElement).toBe(field);
    await fireEvent.keyDown(field, { key: "ArrowDown" });
    await fireEvent.keyDown(first, { key: "1" });
    expect(document.activeElement).toBe(field);
    expect(field.value).toBe("1");
    expect(labels()).toContain("net-10");
    expect(labels()).not.toContain("net-02");
  });
});

describe("a short menu", () => {
  it("has no filter field, and typing jumps to the item starting with the keys typed in quick succession", async () => {
    const ran: string[] = [];
    open(["backend", "bench", "frontend", "lan"].map((id) => entry(id, ran)));
    expect(q("[data-testid=menu-filter]")).toBeNull();
    const first = q('[data-item="backend"]')!;
    await waitFor(() => expect(document.activeElement).toBe(first));
    const type = (key: string) => fireEvent.keyDown(document.activeElement!, { key });
    await type("b");
    expect(document.activeElement).toBe(q('[data-item="bench"]'));
    await type("b");
    expect(document.activeElement, "the same letter again steps on, round to the top").toBe(first);
    // A pause ends the word; then "fr" finds frontend, and "l" right after does not move it ("frl" starts nothing).
    await new Promise((r) => setTimeout(r, 750));
    await type("f");
    await type("r");
    expect(document.activeElement).toBe(q('[data-item="frontend"]'));
    await type("l");
    expect(document.activeElement).toBe(q('[data-item="frontend"]'));
    expect(ran).toEqual([]);
  });
});

describe("a submenu", () => {
  it("opens to the left of its item when the window has no room on the right", async () => {
    const width = window.innerWidth;
    Object.defineProperty(window, "innerWidth", { configurable: true, value: 1000 });
    try {
      open([entry("connect", [], { run: null, items: [entry("lan", [])] })]);
      const item = q('[data-item="connect"]')!;
      await waitFor(() => expect(document.activeElement).toBe(item));
      item.getBoundingClientRect = () => ({ left: 700, right: 900, top: 40, bottom: 70, width: 200, height: 30, x: 700, y: 40, toJSON: () => ({}) });
      await fireEvent.keyDown(item, { key: "ArrowRight" });
      const sub = await waitFor(() => {
        const found = q("[data-testid=context-submenu]");
        if (!found) throw new Error("no submenu");
        return found;
      });
      expect(sub.style.right).toBe("302px");
      expect(sub.style.left).toBe("");
    } finally {
      Object.defineProperty(window, "innerWidth", { configurable: true, value: width });
    }
  });
});
