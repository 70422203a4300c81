// The type-to-find field as a keyboard user picks with it among many (the "Can A reach B?" dialog's
// containers: 2,000 on a busy host).
import { cleanup, fireEvent, render } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";

import PickField from "./PickField.svelte";

afterEach(() => cleanup());

const options = Array.from({ length: 120 }, (_, i) => ({ id: `c${i}`, name: `box-${String(i).padStart(3, "0")}`, hint: i % 2 ? "exited" : "running" }));
const q = (selector: string) => document.querySelector<HTMLElement>(selector);
const shown = () => Array.from(document.querySelectorAll<HTMLElement>("[data-testid=pick-list] [role=option]")).map((o) => o.dataset.value);

function mount(value: string | null = null) {
  const picks: (string | null)[] = [];
  render(PickField, { props: { id: "pick", testid: "pick", options, value, onpick: (id: string | null) => picks.push(id) } });
  return { field: q("[data-testid=pick]") as HTMLInputElement, picks };
}

describe("a type-to-find field", () => {
  it("shows the pick's name, lists what the typed text matches, and the arrows and Enter pick", async () => {
    const { field, picks } = mount("c7");
    expect(field.value).toBe("box-007");
    expect(field.dataset.value).toBe("c7");
    await fireEvent.input(field, { target: { value: "11" } });
    expect(shown()).toEqual(["c11", "c110", "c111", "c112", "c113", "c114", "c115", "c116", "c117", "c118", "c119"]);
    expect(field.getAttribute("aria-expanded")).toBe("true");
    await fireEvent.keyDown(field, { key: "ArrowDown" });
    expect(field.getAttribute("aria-activedescendant")).toBe("pick-option-1");
    await fireEvent.keyDown(field, { key: "Enter" });
    expect(picks).toEqual(["c110"]);
    expect(q("[data-testid=pick-list]")).toBeNull();
  });

  it("lists at most 50 and says how many more typing would narrow", async () => {
    const { field } = mount();
    await fireEvent.keyDown(field, { key: "ArrowDown" });
    expect(shown()).toHaveLength(50);
    expect(q("[data-testid=pick-list]")!.textContent).toContain("70 more: type to narrow");
    await fireEvent.input(field, { target: { value: "nothing" } });
    expect(q("[data-testid=pick-list]")!.textContent).toContain("Nothing is named like “nothing”");
  });

  it("closes only its list on Escape, and lets the next Escape through to the dialog", async () => {
    const { field, picks } = mount("c3");
    const seen: string[] = [];
    const listen = (e: KeyboardEvent) => seen.push(e.key);
    document.addEventListener("keydown", listen);
    await fireEvent.input(field, { target: { value: "box-05" } });
    await fireEvent.keyDown(field, { key: "Escape" });
    expect(q("[data-testid=pick-list]")).toBeNull();
    expect(field.value, "the pick shows again").toBe("box-003");
    expect(seen).toEqual([]);
    await fireEvent.keyDown(field, { key: "Escape" });
    expect(seen).toEqual(["Escape"]);
    expect(picks).toEqual([]);
    document.removeEventListener("keydown", listen);
  });

  it("picks a name typed out in full when the field is left, and keeps the pick for anything else", async () => {
    const { field, picks } = mount("c3");
    await fireEvent.input(field, { target: { value: "BOX-042 " } });
    await fireEvent.blur(field);
    expect(picks).toEqual(["c42"]);
    await fireEvent.input(field, { target: { value: "box-04" } });
    await fireEvent.blur(field);
    expect(picks, "a part of a name picks nothing").toEqual(["c42"]);
    expect(field.value).toBe("box-003");
  });

  it("picks with a click, and picks nothing when emptied and left", async () => {
    const { field, picks } = mount("c3");
    await fireEvent.input(field, { target: { value: "box-099" } });
    await fireEvent.click(q('[data-testid=pick-list] [data-value="c99"]')!);
    expect(picks).toEqual(["c99"]);
    await fireEvent.input(field, { target: { value: "" } });
    await fireEvent.blur(field);
    expect(picks).toEqual(["c99", null]);
  });
});
