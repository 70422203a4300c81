// The remove dialog over Rust's recorded plans and reports; Rust's words and commands are read from
// golden/, never retyped.
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";

import { recordedOk, ReplayBackend } from "../../test/replayBackend";
import { removeFlow } from "./flows";
import RemoveNetworksDialog from "./RemoveNetworksDialog.svelte";
import type { ReportDto } from "../backend";

afterEach(() => {
  cleanup();
  expect(ReplayBackend.takeMissed()).toEqual([]);
});

function setup(networkIds: string[], fake = new ReplayBackend()) {
  const onClose = vi.fn<() => void>();
  const onDone = vi.fn<(r: ReportDto) => void>();
  render(RemoveNetworksDialog, { props: { flow: removeFlow(fake, networkIds), networkIds, onClose, onDone } });
  return { fake, onClose, onDone };
}

const item = (id: string) => document.querySelector<HTMLElement>(`[data-testid=remove-item][data-network-id="${id}"]`);
const confirm = () => document.querySelector<HTMLButtonElement>("[data-testid=remove-confirm]")!;

describe("RemoveNetworksDialog", () => {
  it("says why a predefined network cannot go instead of failing, and offers nothing to run", async () => {
    const { fake } = setup(["n-bridge"]);
    await waitFor(() => expect(item("n-bridge")).not.toBeNull());
    expect(item("n-bridge")!.dataset.refused).toBe("true");
    const refusal = item("n-bridge")!.querySelector<HTMLElement>("[data-testid=remove-refusal]")!;
    const recorded = recordedOk("planRemove", { networkIds: ["n-bridge"] }).items[0]?.refusal;
    expect(recorded?.code).toBe("predefined");
    expect(refusal.dataset.code).toBe(recorded?.code);
    expect(refusal.textContent).toContain(recorded?.message);
    expect(confirm().disabled).toBe(true);
    expect(document.querySelector("[data-testid=remove-nothing]")).not.toBeNull();
    expect(fake.calls.some((c) => c.command === "removeNetworks")).toBe(false);
  });

  it("lists attached containers with their state and asks to disconnect all and remove", async () => {
    setup(["n-backend"]);
    await waitFor(() => expect(item("n-backend")).not.toBeNull());
    const plan = recordedOk("planRemove", { networkIds: ["n-backend"] });
    const sent = plan.items[0]!;
    // The sandbox's backend has running containers and one stopped (nightly-job).
    expect(sent.attached.some((a) => a.running) && sent.attached.some((a) => !a.running)).toBe(true);
    const attached = [...item("n-backend")!.querySelectorAll<HTMLElement>("[data-testid=remove-attached]")];
    expect(attached.map((a) => a.dataset.running)).toEqual(sent.attached.map((a) => String(a.running)));
    sent.attached.forEach((a, i) => {
      expect(attached[i]?.textContent).toContain(a.containerName);
      if (!a.running) expect(attached[i]?.textContent).toContain("stopped");
      else expect(attached[i]?.textContent).not.toContain("stopped");
    });
    expect(sent.confirmText).toBeTruthy();
    expect(item("n-backend")!.textContent).toContain(sent.confirmText);
    expect(confirm().textContent?.trim()).toBe("Disconnect all and remove");
    expect(document.querySelector("[data-testid=remove-command]")?.textContent).toBe(plan.commands.join("\n"));
  });

  it("says just Remove for an unused network", async () => {
    setup(["n-scratch"]);
    await waitFor(() => expect(confirm().disabled).toBe(false));
    expect(confirm().textContent?.trim()).toBe("Remove");
  });

  it("removes only the removable ones and shows the report", async () => {
    const { fake, onDone } = setup(["n-old-ci", "n-host"]);
    await waitFor(() => expect(confirm().disabled).toBe(false));
    await fireEvent.click(confirm());
    await waitFor(() => expect(document.querySelector("[data-testid=remove-report]")).not.toBeNull());
    expect(fake.calls.filter((c) => c.command === "removeNetworks").map((c) => c.args)).toEqual([{ networkIds: ["n-old-ci"] }]);
    const items = [...document.querySelectorAll<HTMLElement>("[data-testid=report-item]")];
    expect(items.map((i) => [i.dataset.networkId, i.dataset.outcome])).toEqual([["n-old-ci", "removed"]]);
    const report = recordedOk("removeNetworks", { networkIds: ["n-old-ci"] });
    expect(report.notice).toBeTruthy();
    expect(document.querySelector("[data-testid=report-notice]")?.textContent).toContain(report.notice);
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(onDone.mock.calls[0]?.[0]).toEqual(report);
    expect(fake.state).toBe("removedOldCi");
  });
});
