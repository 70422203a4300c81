// A network's details as a person uses them to manage it: aliases read lazily, disconnect per container,
// remove, copy the ID.
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { readable } from "svelte/store";
import { afterEach, describe, expect, it } from "vitest";

import App from "../../App.svelte";
import { FakeBackend } from "../../test/fakeBackend";
import { demoStatus, demoTopology } from "../../test/demoTopology";
import { fakeViewFactory } from "../../test/fakeView";

afterEach(() => cleanup());

const q = (selector: string) => document.querySelector<HTMLElement>(selector);

async function openNetwork(id: string) {
  const backend = new FakeBackend(demoTopology(1), demoStatus());
  render(App, { props: { backend, viewFactory: fakeViewFactory().factory, theme: readable("light" as const) } });
  await waitFor(() => expect(q(`[data-node-id="${id}"]`)).not.toBeNull());
  await fireEvent.click(q(`[data-node-id="${id}"]`)!);
  return backend;
}

describe("NetworkDetails", () => {
  it("shows each container's aliases, read from the backend", async () => {
    await openNetwork("network:n-frontend");
    await waitFor(() =>
      expect(q('[data-container-id="container:c-gateway"] [data-field=aliases]')?.textContent).toBe("edge"),
    );
  });

  it("disconnects a container from its row, asking first when it runs", async () => {
    const backend = await openNetwork("network:n-frontend");
    await fireEvent.click(q('[data-container-id="container:c-gateway"] [data-testid=network-disconnect]')!);
    await waitFor(() => expect(q("[data-testid=disconnect-dialog]")).not.toBeNull());
    expect(backend.calls).toContain("planDisconnect c-gateway n-frontend");
    expect(backend.calls.some((c) => c.startsWith("disconnect "))).toBe(false);
  });

  it("opens the remove dialog for this network", async () => {
    await openNetwork("network:n-frontend");
    await fireEvent.click(q("[data-testid=details-remove]")!);
    await waitFor(() => expect(q("[data-testid=remove-dialog]")).not.toBeNull());
  });
});

describe("NetworkDetails raw JSON tab", () => {
  it("shows the engine's inspect only when its tab is opened", async () => {
    await openNetwork("network:n-backend");
    expect(q("[data-testid=raw-json]")).toBeNull();
    await fireEvent.click(q("[data-testid=tab-raw]")!);
    await waitFor(() => expect(q("[data-testid=raw-json]")?.dataset.state).toBe("ready"));
    expect(q("[data-testid=raw-json]")?.textContent).toContain("backend");
    expect(q("[data-field=ipam]")).toBeNull();
    await fireEvent.click(q("[data-testid=tab-details]")!);
    expect(q("[data-field=ipam]")).not.toBeNull();
  });
});
