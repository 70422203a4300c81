// The prune dialog against the in-memory FakeLifecycle.
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";

import { FakeLifecycle } from "../../test/fakeLifecycle";
import { pruneFlow } from "./flows";
import PruneDialog from "./PruneDialog.svelte";
import type { ReportDto } from "./types";

afterEach(() => cleanup());

function setup(fake = new FakeLifecycle()) {
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
    const oldCi = q("[data-testid=prune-item]")!;
    expect(oldCi.textContent).toContain("12 days ago");
    expect(oldCi.textContent).toContain("ci=true");
    expect(oldCi.querySelector("time")?.getAttribute("datetime")).toBe("2026-11-14T09:30:00.000Z");
    expect(q("[data-testid=prune-command]")?.textContent).toBe("docker network prune --force --filter until=24h --filter label=ci=true");
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
    expect(fake.calls.find((c) => c.method === "pruneNetworks")?.args).toEqual([["n-lab", "n-old-ci"]]);
    expect(fake.networks.some((n) => n.id === "n-scratch")).toBe(true);
  });

  it("reports a network a container joined after the preview as skipped, with the reason", async () => {
    const { fake, onDone } = setup();
    await waitFor(() => expect(itemIds()).toHaveLength(3));
    fake.attach("n-old-ci", { containerId: "c-web", containerName: "web", running: true });
    await fireEvent.click(confirm());
    await waitFor(() => expect(q("[data-testid=prune-report]")).not.toBeNull());
    const skipped = q('[data-testid=report-item][data-network-id="n-old-ci"]')!;
    expect(skipped.dataset.outcome).toBe("skipped");
    expect(skipped.textContent).toContain("web joined it after the preview");
    const removed = [...document.querySelectorAll<HTMLElement>('[data-testid=report-item][data-outcome="removed"]')];
    expect(removed.map((r) => r.dataset.networkId)).toEqual(["n-lab", "n-scratch"]);
    expect(onDone.mock.calls[0]?.[0].summary).toBe("Removed 2 networks, skipped 1");
  });

  it("shows a filter the backend cannot read next to that filter", async () => {
    setup();
    await waitFor(() => expect(itemIds()).toHaveLength(3));
    await fireEvent.input(q("[data-testid=prune-until]")!, { target: { value: "3 days" } });
    await fireEvent.keyDown(q("[data-testid=prune-until]")!, { key: "Enter" });
    await waitFor(() => expect(q('[data-testid=prune-problem][data-field="until"]')).not.toBeNull());
    expect(q('[data-testid=prune-problem][data-field="until"]')!.textContent).toContain("`3 days` is not a duration");
    expect(q("[data-testid=prune-until]")!.getAttribute("aria-invalid")).toBe("true");
    // The old preview no longer matches the filters: nothing is removed from it.
    expect(q("[data-testid=prune-stale]")).not.toBeNull();
    expect(confirm().disabled).toBe(true);
  });
});
