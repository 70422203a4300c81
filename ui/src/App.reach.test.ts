// Reachability in the whole window under jsdom (Rust's recorded answers replayed, fake graph view): the
// container details' Reaches section, and "Can A reach B?" from the toolbar and from the details, through
// Apply fix to yes and back with Ctrl+Z, as a person (and the end-to-end test) would. Rust's words and
// commands are expected as Rust recorded them (golden/), never retyped.
import { cleanup, fireEvent, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";

import { find, q, renderApp } from "./test/app";
import { recordedOk, ReplayBackend } from "./test/replayBackend";

afterEach(() => {
  cleanup();
  expect(ReplayBackend.takeMissed()).toEqual([]);
});

/** Picks a container in one of the dialog's fields as a person does: types its name, clicks it in the list. */
async function pickIn(testid: string, name: string) {
  const field = await find(`[data-testid=${testid}]`);
  await fireEvent.focus(field);
  await fireEvent.input(field, { target: { value: name } });
  const option = Array.from(document.querySelectorAll<HTMLElement>(`[data-testid=${testid}-list] [role=option]`)).find((o) => o.firstElementChild?.textContent === name);
  if (!option) throw new Error(`no option named ${name} in ${testid}`);
  await fireEvent.click(option);
}
const pickedIn = (testid: string) => q(`[data-testid=${testid}]`)!.dataset.value;

const asked = (b: ReplayBackend, command: string) => b.calls.filter((c) => c.command === command).map((c) => c.args);
const NO_CONFIG = { aliases: [], ipv4: null, ipv6: null };

async function setup(selected?: string) {
  const { backend, view, main } = await renderApp();
  if (selected) {
    view.click(selected);
    await find(`[data-testid=details][data-selected="${selected}"]`);
  }
  return { backend, view, main };
}

describe("the Reaches section of a container's details", () => {
  it("lists what it reaches with the names that resolve, and what it cannot with Rust's reason", async () => {
    await setup("container:c-api");
    const list = recordedOk("reachFrom", { containerId: "c-api" });
    const db = list.find((r) => r.containerId === "c-db")!;
    const legacy = list.find((r) => r.containerId === "c-legacy")!;
    const item = await find('[data-testid=reaches] [data-node-id="container:c-db"]');
    expect(item.dataset.reachable).toBe("true");
    for (const name of db.ways[0]!.names) expect(item.textContent).toContain(name);
    expect(item.textContent).toContain(db.ways[0]!.text);
    const no = q('[data-testid=unreachable] [data-node-id="container:c-legacy"]')!;
    expect(no.dataset.reachable).toBe("false");
    expect(no.textContent).toContain(legacy.whyNot!.text);
    expect(no.title).toBe(legacy.whyNot!.text);
    expect(q("[data-testid=reaches]")!.dataset.count).toBe(String(list.filter((r) => r.reachable).length));
    expect(q("[data-testid=unreachable]")!.dataset.count).toBe(String(list.filter((r) => !r.reachable).length));
  });

  it("follows the selection to another container, and a name jumps to it", async () => {
    const { view } = await setup("container:c-api");
    await find('[data-testid=reaches] [data-node-id="container:c-db"]');
    view.click("container:c-legacy");
    const legacy = recordedOk("reachFrom", { containerId: "c-legacy" });
    const api = legacy.find((r) => r.containerId === "c-api")!;
    const item = await find('[data-testid=unreachable] [data-node-id="container:c-api"]');
    expect(item.textContent).toContain(api.whyNot!.text);
    await fireEvent.click(item.querySelector("button")!);
    await find('[data-testid=details][data-selected="container:c-api"]');
  });
});

describe("the graph while a container is selected", () => {
  it("lights up what it reaches (the networks between included), dims the rest, and a dimmed node says why on hover", async () => {
    const { view } = await setup("container:c-api");
    const list = recordedOk("reachFrom", { containerId: "c-api" });
    await waitFor(() => expect(view.itemLook("container:c-legacy")).toBe("faded"));
    for (const r of list) expect(view.itemLook(r.nodeId), r.nodeId).toBe(r.reachable ? "drawn" : "faded");
    expect(view.itemLook("container:c-api")).toBe("drawn");
    expect(view.itemLook("network:n-backend")).toBe("drawn");
    expect(view.itemLook("endpoint:n-backend:c-db")).toBe("drawn");
    expect(view.itemLook("network:n-lan")).toBe("faded");

    const legacy = list.find((r) => r.containerId === "c-legacy")!;
    view.callbacks.onHover?.("container:c-legacy", { x: 300, y: 200 });
    const tip = await find("[data-testid=reach-tooltip]");
    expect(tip.textContent).toContain(legacy.whyNot!.text);
    view.callbacks.onHover?.(null, null);
    await waitFor(() => expect(q("[data-testid=reach-tooltip]")).toBeNull());
    // A reachable node has nothing to explain.
    view.callbacks.onHover?.("container:c-db", { x: 300, y: 200 });
    await new Promise((r) => setTimeout(r, 20));
    expect(q("[data-testid=reach-tooltip]")).toBeNull();

    view.clickStage();
    await waitFor(() => expect(view.itemLook("container:c-legacy")).toBe("drawn"));
  });
});

describe("Can A reach B?", () => {
  it("says no with the reason and the fix, applies it as an undoable connect, and then says yes with path and names", async () => {
    const { backend } = await setup("container:c-api");
    await fireEvent.click(q("[data-testid=can-reach-button]")!);
    await find("[data-testid=reach-dialog]");
    expect(pickedIn("reach-from")).toBe("c-api");
    expect((q("[data-testid=reach-from]") as HTMLInputElement).value).toBe("api");
    // A click on the empty field lists every container, sorted by name.
    await fireEvent.click(q("[data-testid=reach-to]")!);
    const names = Array.from(document.querySelectorAll("[data-testid=reach-to-list] [role=option]")).map((o) => o.firstElementChild?.textContent);
    expect(names).toEqual([...names].sort());
    expect(names).toContain("legacy-web");

    await pickIn("reach-to", "legacy-web");
    const no = recordedOk("canReach", { fromId: "c-api", toId: "c-legacy" });
    const verdict = await find('[data-testid=reach-verdict][data-reachable="false"]');
    expect(q("[data-testid=reach-answer]")!.textContent).toBe("No");
    expect(q("[data-testid=reach-reason]")!.textContent).toBe(no.to.whyNot!.text);
    expect(q("[data-testid=reach-fix]")!.textContent).toBe(no.fix!.text);
    expect(q("[data-testid=reach-fix-command]")!.textContent).toBe(no.fix!.command);
    expect(verdict).toBeTruthy();

    await fireEvent.click(q("[data-testid=reach-apply-fix]")!);
    const fix = no.fix!.connect!;
    await find('[data-testid=reach-verdict][data-reachable="true"]');
    expect(asked(backend, "connect")).toEqual([{ containerId: fix.containerId, networkId: fix.networkId, config: NO_CONFIG }]);
    const yes = recordedOk("canReach", { fromId: "c-api", toId: "c-legacy" }, "legacyOnBackend");
    expect(q("[data-testid=reach-answer]")!.textContent).toBe("Yes");
    expect(q("[data-testid=reach-networks]")!.textContent).toBe(yes.networks.map((n) => n.name).join(", "));
    expect(q("[data-testid=reach-names]")!.textContent).toBe(yes.names.join(", "));
    expect(q("[data-testid=reach-apply-fix]")).toBeNull();
    // The connect is in the history like any other.
    const done = recordedOk("connect", { containerId: fix.containerId, networkId: fix.networkId, config: NO_CONFIG });
    await waitFor(() => expect(q("[data-testid=undo]")?.getAttribute("title")).toContain(done.history.undo!));

    // Ctrl+Z (after closing the dialog) takes it back, and the question is no again.
    await fireEvent.click(q("[data-testid=reach-close]")!);
    expect(q("[data-testid=reach-dialog]")).toBeNull();
    await fireEvent.click(q("[data-testid=undo]")!);
    await waitFor(() => expect(backend.state).toBe("legacyOffBackend"));
    await fireEvent.click(q("[data-testid=can-reach-button]")!);
    await pickIn("reach-to", "legacy-web");
    await find('[data-testid=reach-verdict][data-reachable="false"]');
  });

  it("opens from the details prefilled with that container, and Escape closes it asking nothing more", async () => {
    const { backend } = await setup("container:c-legacy");
    await fireEvent.click(await find("[data-testid=details-can-reach]"));
    expect(pickedIn("reach-from")).toBe("c-legacy");
    expect(pickedIn("reach-to")).toBe("");
    await pickIn("reach-to", "api");
    await find("[data-testid=reach-verdict]");
    const before = asked(backend, "canReach").length;
    await fireEvent.keyDown(q("[data-testid=reach-to]")!, { key: "Escape" });
    expect(q("[data-testid=reach-dialog]")).toBeNull();
    // The details' selection survives the Escape that closed the dialog.
    expect(q('[data-testid=details][data-selected="container:c-legacy"]')).not.toBeNull();
    expect(asked(backend, "canReach")).toHaveLength(before);
  });

  it("shows yes with the ways for two containers on one network, and no fix", async () => {
    await setup("container:c-api");
    await fireEvent.click(q("[data-testid=can-reach-button]")!);
    await pickIn("reach-to", "db");
    const yes = recordedOk("canReach", { fromId: "c-api", toId: "c-db" });
    await find('[data-testid=reach-verdict][data-reachable="true"]');
    const ways = Array.from(document.querySelectorAll("[data-testid=reach-way]")).map((w) => w.textContent);
    expect(ways).toEqual(yes.to.ways.map((w) => w.text));
    expect(q("[data-testid=reach-apply-fix]")).toBeNull();
  });
});
