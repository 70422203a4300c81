import { cleanup, render, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";

import { FakeLifecycle } from "../../test/fakeLifecycle";
import { createRawJson } from "./rawJson";
import RawJsonView from "./RawJsonView.svelte";

afterEach(() => cleanup());

const view = () => document.querySelector<HTMLElement>("[data-testid=raw-json]")!;

describe("RawJsonView", () => {
  it("shows the network's inspect JSON as the backend pretty-printed it", async () => {
    const fake = new FakeLifecycle();
    render(RawJsonView, { props: { source: createRawJson(fake), networkId: "n-backend" } });
    await waitFor(() => expect(view().dataset.state).toBe("ready"));
    const text = view().querySelector("pre")?.textContent ?? "";
    expect(JSON.parse(text)).toMatchObject({ Name: "backend", Id: "n-backend", Driver: "bridge" });
    expect(text).toContain('\n  "Name": "backend"');
  });

  it("follows the network it is given", async () => {
    const fake = new FakeLifecycle();
    const source = createRawJson(fake);
    const { rerender } = render(RawJsonView, { props: { source, networkId: "n-backend" } });
    await waitFor(() => expect(view().dataset.state).toBe("ready"));
    await rerender({ source, networkId: "n-scratch" });
    await waitFor(() => expect(view().querySelector("pre")?.textContent).toContain('"Name": "scratch"'));
  });

  it("says what went wrong instead of showing stale JSON", async () => {
    render(RawJsonView, { props: { source: createRawJson(new FakeLifecycle()), networkId: "n-missing" } });
    await waitFor(() => expect(view().dataset.state).toBe("error"));
    expect(view().querySelector("[role=alert]")?.textContent).toContain("network n-missing not found");
    expect(view().querySelector("pre")).toBeNull();
  });
});
