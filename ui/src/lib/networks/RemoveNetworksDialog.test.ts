// The remove dialog against the in-memory FakeLifecycle.
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";

import { FakeLifecycle } from "../../test/fakeLifecycle";
import { removeFlow } from "./flows";
import RemoveNetworksDialog from "./RemoveNetworksDialog.svelte";
import type { ReportDto } from "./types";

afterEach(() => cleanup());

function setup(networkIds: string[], fake = new FakeLifecycle()) {
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
    expect(refusal.dataset.code).toBe("predefined");
    expect(refusal.textContent).toMatch(/every container started without --network joins it/);
    expect(confirm().disabled).toBe(true);
    expect(document.querySelector("[data-testid=remove-nothing]")).not.toBeNull();
    expect(fake.calls.some((c) => c.method === "removeNetworks")).toBe(false);
  });

  it("lists attached containers with their state and asks to disconnect all and remove", async () => {
    setup(["n-backend"]);
    await waitFor(() => expect(item("n-backend")).not.toBeNull());
    const attached = [...item("n-backend")!.querySelectorAll<HTMLElement>("[data-testid=remove-attached]")];
    expect(attached.map((a) => [a.textContent?.includes("api") ? "api" : "db", a.dataset.running])).toEqual([
      ["api", "true"],
      ["db", "false"],
    ]);
    expect(attached[1]?.textContent).toContain("stopped");
    expect(item("n-backend")!.textContent).toContain("Remove backend? api and db will be disconnected first.");
    expect(confirm().textContent?.trim()).toBe("Disconnect all and remove");
    expect(document.querySelector("[data-testid=remove-command]")?.textContent).toBe(
      "docker network disconnect backend api\ndocker network disconnect --force backend db\ndocker network rm backend",
    );
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
    expect(fake.calls.find((c) => c.method === "removeNetworks")?.args).toEqual([["n-old-ci"]]);
    const items = [...document.querySelectorAll<HTMLElement>("[data-testid=report-item]")];
    expect(items.map((i) => [i.dataset.networkId, i.dataset.outcome])).toEqual([["n-old-ci", "removed"]]);
    expect(document.querySelector("[data-testid=report-notice]")?.textContent).toContain("new IDs");
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(fake.networks.some((n) => n.id === "n-old-ci")).toBe(false);
  });
});
