// The editing flows over Rust's recorded answers (test/replayBackend.ts): what the UI asks, and how it
// shows Rust's answers (its words and commands are read from the golden files, never retyped).
import { get } from "svelte/store";
import { afterEach, describe, expect, it } from "vitest";

import type { EndpointConfigDto } from "../backend";
import { hasEdge, setupEditing } from "../../test/editingSetup";
import { recordedError, recordedOk, ReplayBackend } from "../../test/replayBackend";
import { NO_CONFIG } from "./editing";

afterEach(() => expect(ReplayBackend.takeMissed()).toEqual([]));

const connectArgs = (containerId: string, networkId: string, config: EndpointConfigDto = NO_CONFIG) => ({ containerId, networkId, config });
const asked = (b: ReplayBackend, command: string) => b.calls.filter((c) => c.command === command).map((c) => c.args);

describe("editing flows", () => {
  it("connects from the popover and reports the outcome with its command", async () => {
    const { backend, editing, history, toasts } = await setupEditing();
    editing.openConnect("container:c-api", "network:n-frontend", { x: 10, y: 20 });
    const draft = get(editing.connectDraft)!;
    expect(draft).toMatchObject({ containerId: "c-api", networkId: "n-frontend", containerName: "api", networkName: "frontend" });
    const config = { aliases: ["web"], ipv4: "10.214.40.20", ipv6: null };
    const result = await editing.confirmConnect(draft, config);
    expect(result).toEqual({ kind: "done" });
    expect(get(editing.connectDraft)).toBeNull();
    expect(asked(backend, "connect")).toEqual([connectArgs("c-api", "n-frontend", config)]);
    expect(hasEdge(backend, "endpoint:n-frontend:c-api")).toBe(true);
    const done = recordedOk("connect", connectArgs("c-api", "n-frontend", config));
    expect(get(toasts)[0]).toMatchObject({ kind: "ok", title: done.done, command: done.command });
    expect(done.history.undo).toBeTruthy();
    expect(get(history.history)?.undo).toBe(done.history.undo);
  });

  it("keeps the popover open with the problems when the connect is refused", async () => {
    const { backend, editing } = await setupEditing();
    editing.openConnect("container:c-api", "network:n-frontend", null);
    const config = { aliases: [], ipv4: "10.214.40.10", ipv6: null };
    const result = await editing.confirmConnect(get(editing.connectDraft)!, config);
    const refused = recordedError("connect", connectArgs("c-api", "n-frontend", config));
    expect(refused.code).toBe("refused");
    expect(result).toEqual({ kind: "refused", problems: refused.problems ?? [] });
    expect(result.kind === "refused" && result.problems.map((p) => p.field)).toEqual(["ipv4"]);
    expect(get(editing.connectDraft)).not.toBeNull();
    expect(hasEdge(backend, "endpoint:n-frontend:c-api")).toBe(false);
  });

  it("asks before disconnecting a running container and does nothing on cancel", async () => {
    const { backend, editing } = await setupEditing();
    await editing.requestDisconnect("endpoint:n-backend:c-api");
    const ask = get(editing.disconnectAsk);
    const plan = recordedOk("planDisconnect", { containerId: "c-api", networkId: "n-backend" });
    expect(plan.containerRunning).toBe(true);
    expect(ask).toEqual(plan);
    editing.cancelDisconnect();
    expect(hasEdge(backend, "endpoint:n-backend:c-api")).toBe(true);
    expect(asked(backend, "disconnect")).toEqual([]);

    await editing.requestDisconnect("endpoint:n-backend:c-api");
    await editing.confirmDisconnect();
    expect(asked(backend, "disconnect")).toEqual([{ containerId: "c-api", networkId: "n-backend" }]);
    expect(hasEdge(backend, "endpoint:n-backend:c-api")).toBe(false);
  });

  it("disconnects a stopped container at once", async () => {
    const { backend, editing, toasts } = await setupEditing();
    await editing.requestDisconnect("endpoint:n-backend:c-nightly");
    expect(get(editing.disconnectAsk)).toBeNull();
    expect(hasEdge(backend, "endpoint:n-backend:c-nightly")).toBe(false);
    expect(get(toasts).at(-1)?.title).toBe(recordedOk("disconnect", { containerId: "c-nightly", networkId: "n-backend" }).done);
  });

  it("refuses a second operation while one runs", async () => {
    const { backend, editing, busy } = await setupEditing();
    backend.delayMs = 30;
    const first = editing.connectNow("container:c-api", "network:n-frontend");
    expect(get(busy)).toMatch(/Connecting api to frontend/);
    const second = await editing.connectNow("container:c-db", "network:n-frontend");
    expect(second).toEqual({ kind: "busy" });
    expect(await first).toEqual({ kind: "done" });
    expect(get(busy)).toBeNull();
    expect(asked(backend, "connect")).toEqual([connectArgs("c-api", "n-frontend")]);
  });

  it("toasts the refusal of a shift-drop, since there is no popover", async () => {
    const { editing, toasts } = await setupEditing();
    const r = await editing.connectNow("container:c-api", "network:n-backend");
    expect(r.kind).toBe("refused");
    const refused = recordedError("connect", connectArgs("c-api", "n-backend"));
    const first = refused.problems?.[0];
    expect(first?.code).toBe("alreadyConnected");
    expect(get(toasts).at(-1)).toMatchObject({ kind: "error", title: first!.message, detail: first!.hint });
  });
});

describe("drop targets", () => {
  it("passes Rust's verdict on every network through, refusals with their codes", async () => {
    const { editing } = await setupEditing();
    const targets = (await editing.dropTargets("container:c-api"))!;
    expect(targets).toEqual(recordedOk("dropTargets", { containerId: "c-api" }));
    const refused = Object.fromEntries(targets.map((t) => [t.networkName, t.refusal?.code ?? null]));
    expect(refused).toMatchObject({ backend: "alreadyConnected", host: "fixedNetwork", none: "fixedNetwork", frontend: null, vault: null });
  });

  it("asks nothing for a node that is not a container", async () => {
    const { backend, editing } = await setupEditing();
    expect(await editing.dropTargets("network:n-backend")).toBeNull();
    expect(asked(backend, "dropTargets")).toEqual([]);
  });
});
