// A network's details as a person uses them to manage it: aliases read lazily, disconnect per container,
// remove, copy the ID.
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { readable } from "svelte/store";
import { afterEach, describe, expect, it } from "vitest";

import App from "../../App.svelte";
import { fakeViewFactory } from "../../test/fakeView";
import { recordedOk, ReplayBackend } from "../../test/replayBackend";

afterEach(() => {
  cleanup();
  expect(ReplayBackend.takeMissed()).toEqual([]);
});

const q = (selector: string) => document.querySelector<HTMLElement>(selector);

async function openNetwork(id: string, backend = new ReplayBackend()) {
  render(App, { props: { backend, viewFactory: fakeViewFactory().factory, theme: readable("light" as const) } });
  await waitFor(() => expect(q(`[data-node-id="${id}"]`)).not.toBeNull());
  await fireEvent.click(q(`[data-node-id="${id}"]`)!);
  return backend;
}

describe("NetworkDetails", () => {
  it("shows each container's aliases, read from the backend", async () => {
    const backend = await openNetwork("network:n-frontend");
    const gateway = recordedOk("networkAliases", { networkId: "n-frontend" }).find((a) => a.containerId === "c-gateway")!;
    expect(gateway.aliases.length).toBeGreaterThan(0);
    await waitFor(() =>
      expect(q('[data-container-id="container:c-gateway"] [data-field=aliases]')?.textContent).toBe(gateway.aliases.join(", ")),
    );
    expect(backend.calls.filter((c) => c.command === "networkAliases").map((c) => c.args)).toEqual([{ networkId: "n-frontend" }]);
  });

  it("disconnects a container from its row, asking first when it runs", async () => {
    const backend = await openNetwork("network:n-frontend");
    await fireEvent.click(q('[data-container-id="container:c-gateway"] [data-testid=network-disconnect]')!);
    await waitFor(() => expect(q("[data-testid=disconnect-dialog]")).not.toBeNull());
    expect(backend.calls.filter((c) => c.command === "planDisconnect").map((c) => c.args)).toEqual([{ containerId: "c-gateway", networkId: "n-frontend" }]);
    expect(backend.calls.some((c) => c.command === "disconnect")).toBe(false);
  });

  it("opens the remove dialog for this network", async () => {
    const backend = await openNetwork("network:n-frontend");
    await fireEvent.click(q("[data-testid=details-remove]")!);
    await waitFor(() => expect(q("[data-testid=remove-dialog]")).not.toBeNull());
    expect(backend.calls.filter((c) => c.command === "planRemove").map((c) => c.args)).toEqual([{ networkIds: ["n-frontend"] }]);
  });
});

describe("NetworkDetails raw JSON tab", () => {
  it("shows the engine's inspect only when its tab is opened", async () => {
    const backend = new ReplayBackend();
    // Stub of the one method Rust cannot record (an existing network's inspect is the engine's own JSON):
    // a stand-in string, shown as sent.
    const inspect = JSON.stringify({ Name: "backend", Id: "n-backend" }, null, 2);
    const asked: string[] = [];
    backend.networkJson = async (id) => {
      asked.push(id);
      return { status: "ok", data: inspect };
    };
    await openNetwork("network:n-backend", backend);
    expect(q("[data-testid=raw-json]")).toBeNull();
    expect(asked).toEqual([]);
    await fireEvent.click(q("[data-testid=tab-raw]")!);
    await waitFor(() => expect(q("[data-testid=raw-json]")?.dataset.state).toBe("ready"));
    expect(asked).toEqual(["n-backend"]);
    expect(q("[data-testid=raw-json] pre")?.textContent).toBe(inspect);
    expect(q("[data-field=ipam]")).toBeNull();
    await fireEvent.click(q("[data-testid=tab-details]")!);
    expect(q("[data-field=ipam]")).not.toBeNull();
  });
});
