// The prune dialog over Rust's recorded answers (the sandbox's three unused networks: lab-vlan, old-ci,
// scratch); Rust's words are read from golden/, never retyped.
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";

import { recordedError, recordedOk, ReplayBackend } from "../../test/replayBackend";
import { pruneFlow } from "./flows";
import PruneDialog from "./PruneDialog.svelte";
import type { ReportDto } from "../backend";

afterEach(() => {
  cleanup();
  expect(ReplayBackend.takeMissed()).toEqual([]);
});

const filters = (until: string, labels: string[]) => ({ filters: { until, labels } });

function setup(fake = new ReplayBackend()) {
  const onClose = vi.fn<() => void>();
  const onDone = vi.fn<(r: ReportDto) => void>();
  render(PruneDialog, { props: { flow: pruneFlow(fake), onClose, onDone } });
  return { fake, onClose, onDone };
}

const q = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel);
const itemIds = () => [...document.querySelectorAll<HTMLElement>("[data-testid=prune-item]")].map((i) => i.dataset.networkId);
const confirm = () => q<HTMLButtonElement>("[data-testid=prune-confirm]")!;

describe("PruneDialog", () => {
  it("previews exactly the unused networks the filters match, with the prune command", async () => {
    setup();
    await waitFor(() => expect(itemIds()).toEqual(["n-lab", "n-old-ci", "n-scratch"]));
    await fireEvent.input(q("[data-testid=prune-until]")!, { target: { value: "24h" } });
    await fireEvent.input(q("[data-testid=prune-label]")!, { target: { value: "ci=true" } });
    await fireEvent.click(q("[data-testid=prune-preview]")!);
    await waitFor(() => expect(itemIds()).toEqual(["n-old-ci"]));
    const preview = recordedOk("prunePreview", filters("24h", ["ci=true"]));
    const [sent] = preview.items;
    const oldCi = q("[data-testid=prune-item]")!;
    expect(sent?.age).toBeTruthy();
    expect(oldCi.textContent).toContain(sent!.age);
    expect(oldCi.textContent).toContain("ci=true");
    expect(sent?.created).toBeTruthy();
    expect(oldCi.querySelector("time")?.getAttribute("datetime")).toBe(sent!.created);
    expect(q("[data-testid=prune-command]")?.textContent).toBe(preview.command);
    expect(confirm().textContent?.trim()).toBe("Remove 1 network");
  });

  it("removes only the ticked networks", async () => {
    const { fake } = setup();
    await waitFor(() => expect(itemIds()).toHaveLength(3));
    const box = q<HTMLInputElement>('[data-testid=prune-item][data-network-id="n-scratch"] input[type=checkbox]')!;
    expect(box.checked).toBe(true);
    await fireEvent.click(box);
    expect(confirm().textContent?.trim()).toBe("Remove 2 networks");
    await fireEvent.click(confirm());
    await waitFor(() => expect(q("[data-testid=prune-report]")).not.toBeNull());
    expect(fake.calls.filter((c) => c.command === "pruneNetworks").map((c) => c.args)).toEqual([{ networkIds: ["n-lab", "n-old-ci"] }]);
    const report = recordedOk("pruneNetworks", { networkIds: ["n-lab", "n-old-ci"] });
    expect(q("[data-testid=prune-report]")?.textContent).toContain(report.summary);
  });

  it("reports a network a container joined after the preview as skipped, with the reason", async () => {
    const { fake, onDone } = setup();
    await waitFor(() => expect(itemIds()).toHaveLength(3));
    // Container `web` joins old-ci behind Netlens' back, after the preview.
    fake.stage("webJoinedOldCi");
    await fireEvent.click(confirm());
    await waitFor(() => expect(q("[data-testid=prune-report]")).not.toBeNull());
    const report = recordedOk("pruneNetworks", { networkIds: ["n-lab", "n-old-ci", "n-scratch"] }, "webJoinedOldCi");
    const reason = report.items.find((i) => i.id === "n-old-ci" && i.outcome === "skipped")?.reason;
    expect(reason).toBeTruthy();
    const skipped = q('[data-testid=report-item][data-network-id="n-old-ci"]')!;
    expect(skipped.dataset.outcome).toBe("skipped");
    expect(skipped.textContent).toContain(reason);
    const removed = [...document.querySelectorAll<HTMLElement>('[data-testid=report-item][data-outcome="removed"]')];
    expect(removed.map((r) => r.dataset.networkId)).toEqual(["n-lab", "n-scratch"]);
    expect(onDone.mock.calls[0]?.[0]).toEqual(report);
  });

  it("shows a filter the backend cannot read next to that filter", async () => {
    setup();
    await waitFor(() => expect(itemIds()).toHaveLength(3));
    await fireEvent.input(q("[data-testid=prune-until]")!, { target: { value: "3 days" } });
    await fireEvent.keyDown(q("[data-testid=prune-until]")!, { key: "Enter" });
    await waitFor(() => expect(q('[data-testid=prune-problem][data-field="until"]')).not.toBeNull());
    const refused = recordedError("prunePreview", filters("3 days", []));
    const problem = refused.problems?.find((p) => p.field === "until");
    expect(problem?.code).toBe("badUntil");
    expect(q('[data-testid=prune-problem][data-field="until"]')!.textContent).toContain(problem!.message);
    expect(q("[data-testid=prune-until]")!.getAttribute("aria-invalid")).toBe("true");
    // The old preview no longer matches the filters: nothing is removed from it.
    expect(q("[data-testid=prune-stale]")).not.toBeNull();
    expect(confirm().disabled).toBe(true);
  });
});
