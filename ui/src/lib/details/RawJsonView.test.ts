import { cleanup, render, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";

import { recordedError, ReplayBackend } from "../../test/replayBackend";
import { createRawJson } from "./rawJson";
import RawJsonView from "./RawJsonView.svelte";

afterEach(() => {
  cleanup();
  expect(ReplayBackend.takeMissed()).toEqual([]);
});

const view = () => document.querySelector<HTMLElement>("[data-testid=raw-json]")!;

/** Stand-in inspect output, pretty-printed as Rust sends it. */
const inspect = (name: string, id: string) => JSON.stringify({ Name: name, Id: id, Driver: "bridge" }, null, 2);

/**
 * Rust's recorded answers, with a per-test stub of the one method they cannot hold: an existing network's
 * inspect is the engine's own JSON (only the answer for a missing network is recorded). The stub's strings
 * are stand-ins; what is pinned is that the tab shows what it was sent, unchanged.
 */
function withInspects(inspects: Record<string, string>): ReplayBackend {
  const replay = new ReplayBackend();
  const recorded = replay.networkJson.bind(replay);
  replay.networkJson = async (id) => (id in inspects ? { status: "ok", data: inspects[id]! } : recorded(id));
  return replay;
}

describe("RawJsonView", () => {
  it("shows the network's inspect JSON as the backend pretty-printed it", async () => {
    const sent = inspect("backend", "n-backend");
    render(RawJsonView, { props: { source: createRawJson(withInspects({ "n-backend": sent })), networkId: "n-backend" } });
    await waitFor(() => expect(view().dataset.state).toBe("ready"));
    const text = view().querySelector("pre")?.textContent ?? "";
    expect(text).toBe(sent);
    expect(text).toContain('\n  "Name": "backend"');
  });

  it("follows the network it is given", async () => {
    const source = createRawJson(withInspects({ "n-backend": inspect("backend", "n-backend"), "n-scratch": inspect("scratch", "n-scratch") }));
    const { rerender } = render(RawJsonView, { props: { source, networkId: "n-backend" } });
    await waitFor(() => expect(view().dataset.state).toBe("ready"));
    await rerender({ source, networkId: "n-scratch" });
    await waitFor(() => expect(view().querySelector("pre")?.textContent).toContain('"Name": "scratch"'));
  });

  it("says what went wrong instead of showing stale JSON", async () => {
    render(RawJsonView, { props: { source: createRawJson(new ReplayBackend()), networkId: "n-missing" } });
    await waitFor(() => expect(view().dataset.state).toBe("error"));
    const refused = recordedError("networkJson", { networkId: "n-missing" });
    expect(view().querySelector("[role=alert]")?.textContent).toContain(refused.message);
    expect(view().querySelector("pre")).toBeNull();
  });
});
