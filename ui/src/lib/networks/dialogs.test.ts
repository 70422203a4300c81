import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { get } from "svelte/store";
import { afterEach, describe, expect, it, vi } from "vitest";

import { createNetworkDialogs, isNewNetworkKey, isRemoveKey } from "./dialogs";
import { recordedOk, ReplayBackend } from "../../test/replayBackend";
import { emptyForm, specFrom } from "./specForm";
import NetworkDialogs from "./NetworkDialogs.svelte";
import type { OutcomeDto, ReportDto } from "../backend";

afterEach(() => {
  cleanup();
  expect(ReplayBackend.takeMissed()).toEqual([]);
});

const key = (init: KeyboardEventInit, target: EventTarget = document.body) => {
  const e = new KeyboardEvent("keydown", init);
  Object.defineProperty(e, "target", { value: target });
  return e;
};

describe("the lifecycle dialogs store", () => {
  it("opens one dialog at a time, so a half-typed form is never replaced", () => {
    const d = createNetworkDialogs();
    expect(d.openCreate("web")).toBe(true);
    expect(d.openPrune()).toBe(false);
    expect(get(d.open)).toEqual({ kind: "create", initialName: "web" });
    d.close();
    expect(d.openRemove([])).toBe(false);
    expect(d.openRemove(["n-1"])).toBe(true);
    expect(get(d.open)).toEqual({ kind: "remove", networkIds: ["n-1"] });
  });

  it("takes Ctrl+N and Delete only outside text fields", () => {
    expect(isNewNetworkKey(key({ key: "n", ctrlKey: true }))).toBe(true);
    expect(isNewNetworkKey(key({ key: "n" }))).toBe(false);
    expect(isNewNetworkKey(key({ key: "n", ctrlKey: true }, document.createElement("input")))).toBe(false);
    expect(isRemoveKey(key({ key: "Delete" }))).toBe(true);
    expect(isRemoveKey(key({ key: "Delete" }, document.createElement("textarea")))).toBe(false);
  });
});

describe("NetworkDialogs", () => {
  it("closes the create dialog once the network exists and passes the outcome on", async () => {
    const dialogs = createNetworkDialogs();
    const onCreated = vi.fn<(o: OutcomeDto) => void>();
    const onReport = vi.fn<(r: ReportDto) => void>();
    const backend = new ReplayBackend();
    render(NetworkDialogs, { props: { backend, dialogs, onCreated, onReport } });
    expect(document.querySelector("[data-testid=create-dialog]")).toBeNull();
    dialogs.openCreate("web");
    await waitFor(() => expect(document.querySelector("[data-testid=create-dialog]")).not.toBeNull());
    const confirm = document.querySelector<HTMLButtonElement>("[data-testid=create-confirm]")!;
    await waitFor(() => expect(confirm.disabled).toBe(false));
    await fireEvent.click(confirm);
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(document.querySelector("[data-testid=create-dialog]")).toBeNull());
    expect(get(dialogs.open)).toBeNull();
    expect(backend.state).toBe("created-web");
    expect(onCreated.mock.calls[0]?.[0]).toEqual(recordedOk("createNetwork", { spec: { ...specFrom(emptyForm()), name: "web" } }));
  });
});
