// Export… in the whole window under jsdom (Rust's recorded answers replayed, fake graph view): the menu by
// keyboard, each item's CLI line, a cancelled dialog, a write Rust refuses (its words in the toast), and a
// picture or text sent to Rust to write where the dialog said.
import { cleanup, fireEvent, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";

import { find, q, qa, renderApp } from "../../test/app";
import { recordedError, recordedOk, ReplayBackend } from "../../test/replayBackend";
import { STORAGE_KEY } from "../filters/filters";
import { EXPORTS, shellQuote } from "./exports";

const ALL = { hidePredefined: false, hideStopped: false, drivers: [], projects: [], onlyUsed: false };

afterEach(() => {
  cleanup();
  expect(ReplayBackend.takeMissed()).toEqual([]);
});

const asked = (b: ReplayBackend, command: string) => b.calls.filter((c) => c.command === command).map((c) => c.args);

async function openMenu() {
  const button = await find("[data-testid=export-button]");
  await fireEvent.click(button);
  await waitFor(() => expect(document.activeElement?.getAttribute("data-item")).toBe("export-png"));
  return button;
}

/**
 * Picks `item` in the menu; the save dialog answers `saved.path` (cancelled without `saved`), and the write
 * reports `saved.bytes` when given (Rust's recorded answer otherwise).
 */
async function exportAs(backend: ReplayBackend, item: string, saved?: { path: string; bytes?: number }) {
  if (saved) backend.savePath = saved.path;
  if (saved?.bytes !== undefined) backend.answerWith("saveExport", { ok: { path: saved.path, bytes: saved.bytes } });
  await openMenu();
  await fireEvent.click(q(`[data-item=${item}]`)!);
}

describe("the Export… menu", () => {
  it("offers the five exports, each with the netlens export line where one exists, and is driven by keys", async () => {
    await renderApp();
    const button = await openMenu();
    expect(button.getAttribute("aria-expanded")).toBe("true");
    const items = qa("[role=menu] [role=menuitem]");
    expect(items.map((i) => i.dataset.item)).toEqual(["export-png", "export-svg", "export-dot", "export-mermaid", "export-json"]);
    for (const format of ["dot", "mermaid", "json"]) {
      expect(q(`[data-item=export-${format}]`)!.textContent).toContain(`netlens export --format ${format}`);
    }
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    expect(document.activeElement?.getAttribute("data-item")).toBe("export-svg");
    await fireEvent.keyDown(document.activeElement!, { key: "End" });
    expect(document.activeElement?.getAttribute("data-item")).toBe("export-json");
    await fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    await waitFor(() => expect(q("[role=menu]")).toBeNull());
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute("aria-expanded")).toBe("false");
  });

  it("does nothing more when the save dialog is cancelled", async () => {
    const { backend } = await renderApp();
    await exportAs(backend, "export-dot");
    await waitFor(() => expect(backend.dialogs).toHaveLength(1));
    expect(backend.dialogs[0]).toEqual({ fileName: "netlens.dot", filter: { name: "Graphviz DOT", extensions: ["dot", "gv"] } });
    expect(asked(backend, "exportTopology")).toEqual([]);
    expect(asked(backend, "saveExport")).toEqual([]);
    expect(q("[data-testid=toast]")).toBeNull();
  });

  it("sends Rust's DOT to be written where the dialog said, and shows Rust's refusal with what to do", async () => {
    const { backend } = await renderApp();
    await exportAs(backend, "export-dot", { path: "/home/ada/netlens.dot" });
    const refused = recordedError("saveExport", {
      path: "/home/ada/netlens.dot",
      contents: { kind: "text", text: recordedOk("exportTopology", { format: "dot", filter: ALL }).text },
    });
    const toast = await find("[data-testid=toast]");
    expect(toast.textContent).toContain(refused.message);
    expect(toast.textContent).toContain(refused.hint!);
    expect(asked(backend, "exportTopology")).toEqual([{ format: "dot", filter: ALL }]);
  });

  it("says where a written export went, with the command line that prints the same", async () => {
    const { backend } = await renderApp();
    await exportAs(backend, "export-json", { path: "/home/ada/my exports/net.json", bytes: 1234 });
    const toast = await find("[data-testid=toast]");
    expect(toast.textContent).toContain("/home/ada/my exports/net.json");
    expect(toast.textContent).toContain("netlens export --format json --output '/home/ada/my exports/net.json'");
    const sent = asked(backend, "saveExport")[0] as { path: string; contents: { kind: string; text: string } };
    expect(sent.contents).toEqual({ kind: "text", text: recordedOk("exportTopology", { format: "json", filter: ALL }).text });
  });

  it("exports the text through the window's filter, and the toast's command line carries its flags", async () => {
    const filter = { ...ALL, hidePredefined: true, hideStopped: true };
    // Set in the window's Filters before (they are remembered in localStorage).
    localStorage.setItem(STORAGE_KEY, JSON.stringify(filter));
    const { backend } = await renderApp();
    await exportAs(backend, "export-dot", { path: "/tmp/shown.dot", bytes: 99 });
    const toast = await find("[data-testid=toast]");
    expect(asked(backend, "exportTopology")).toEqual([{ format: "dot", filter }]);
    const answer = recordedOk("exportTopology", { format: "dot", filter });
    expect(answer.text).not.toEqual(recordedOk("exportTopology", { format: "dot", filter: ALL }).text);
    const sent = asked(backend, "saveExport")[0] as { contents: { text: string } };
    expect(sent.contents.text).toBe(answer.text);
    expect(toast.textContent).toContain("netlens export --format dot --hide-predefined --hide-stopped --output /tmp/shown.dot");
    localStorage.removeItem(STORAGE_KEY);
  });

  it("sends a picture of the view from the renderer: the PNG as base64, the SVG as text", async () => {
    const { backend, view } = await renderApp();
    await exportAs(backend, "export-png", { path: "/tmp/view.png", bytes: 70 });
    await find("[data-testid=toast]");
    await exportAs(backend, "export-svg", { path: "/tmp/view.svg" });
    await waitFor(() => expect(asked(backend, "saveExport")).toHaveLength(2));
    const [png, svg] = asked(backend, "saveExport") as { path: string; contents: { kind: string; data?: string; text?: string } }[];
    expect(png).toEqual({ path: "/tmp/view.png", contents: { kind: "base64", data: view.snapshotPng() } });
    expect(svg!.path).toBe("/tmp/view.svg");
    expect(svg!.contents).toEqual({ kind: "text", text: view.snapshotSvg() });
    expect(asked(backend, "exportTopology")).toEqual([]);
  });
});

describe("the export choices", () => {
  it("quote a path as one shell word only when they must", () => {
    expect(shellQuote("/tmp/net.dot")).toBe("/tmp/net.dot");
    expect(shellQuote("/home/ada/it's here.dot")).toBe(`'/home/ada/it'\\''s here.dot'`);
    expect(new Set(EXPORTS.map((e) => e.fileName)).size).toBe(EXPORTS.length);
  });
});
