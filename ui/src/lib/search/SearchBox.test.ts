// The search box in the whole window under jsdom (Rust's recorded answers replayed, fake graph view):
// typing lists matches and marks them in the graph, the keyboard picks one, which is selected and
// centred; Ctrl+F and `/` focus the box, Escape clears it and gives focus back.
import { cleanup, fireEvent, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";

import { q, qa, renderApp, tick } from "../../test/app";
import { ReplayBackend } from "../../test/replayBackend";

afterEach(() => {
  cleanup();
  expect(ReplayBackend.takeMissed()).toEqual([]);
});

const input = () => q("[data-testid=search-input]") as HTMLInputElement;
const listed = () => qa("[data-testid=search-results] [role=option]").map((el) => el.dataset.resultId);

async function type(text: string) {
  input().focus();
  await fireEvent.input(input(), { target: { value: text } });
  await tick();
}

describe("search box", () => {
  it("typing an IP lists the container with what matched and marks it in the graph", async () => {
    const { view } = await renderApp();
    await type("10.214.10.2");
    expect(listed()).toEqual(["container:c-api"]);
    expect(q("[data-testid=search-results] [role=option]")?.textContent).toContain("IPv4 10.214.10.2 on backend");
    expect(view.matched).toEqual(["container:c-api"]);
  });

  it("Enter selects the best match, shows its details and centres the camera on it", async () => {
    const { view } = await renderApp();
    await type("db");
    await fireEvent.keyDown(input(), { key: "Enter" });
    await tick();
    expect(window.__NETLENS_TEST__!.selectedIds()).toEqual(["container:c-db"]);
    expect(view.focused).toEqual(["container:c-db"]);
    await waitFor(() => expect(q("[data-testid=details] h2")?.textContent?.trim()).toBe("db"));
    expect(listed()).toEqual([]);
  });

  it("Down then Enter picks the second result, and a click picks any", async () => {
    const { view } = await renderApp();
    await type("10.214.10.");
    const all = listed();
    await fireEvent.keyDown(input(), { key: "ArrowDown" });
    await fireEvent.keyDown(input(), { key: "Enter" });
    await tick();
    expect(window.__NETLENS_TEST__!.selectedIds()).toEqual([all[1]]);
    await type("lan");
    await fireEvent.click(qa("[data-testid=search-results] [role=option]")[0]!);
    await tick();
    expect(window.__NETLENS_TEST__!.selectedIds()).toEqual(["network:n-lan"]);
    expect(view.focused.at(-1)).toBe("network:n-lan");
  });

  it("Ctrl+F and / focus the box, and Escape clears it, unmarks the graph and keeps the selection", async () => {
    const { view } = await renderApp();
    window.__NETLENS_TEST__!.select("network:n-lan");
    await fireEvent.keyDown(document.body, { key: "f", ctrlKey: true });
    await tick();
    expect(document.activeElement).toBe(input());
    await type("api");
    expect(view.matched).toEqual(["container:c-api"]);
    await fireEvent.keyDown(input(), { key: "Escape" });
    await tick();
    expect(input().value).toBe("");
    expect(view.matched).toEqual([]);
    expect(document.activeElement).not.toBe(input());
    expect(window.__NETLENS_TEST__!.selectedIds()).toEqual(["network:n-lan"]);
    await fireEvent.keyDown(document.body, { key: "/" });
    await tick();
    expect(document.activeElement).toBe(input());
  });
});
