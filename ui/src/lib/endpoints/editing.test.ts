import { get, type Readable } from "svelte/store";
import { describe, expect, it } from "vitest";

import { FakeBackend } from "../../test/fakeBackend";
import { demoStatus, demoTopology } from "../../test/demoTopology";
import { indexTopology, type TopologyIndex } from "../topologyIndex";
import { createEditing } from "./editing";
import { createHistory } from "../history/history";
import { createBusy } from "../shared/busy";
import { createToasts } from "../shared/toasts";

function setup() {
  const backend = new FakeBackend(demoTopology(1), demoStatus());
  // The index is read afresh from the backend's latest topology, as the app's topology store would.
  const live: Readable<TopologyIndex | null> = {
    subscribe: (run) => {
      run(indexTopology(backend.topology!));
      return () => {};
    },
  };
  const toasts = createToasts(60_000);
  const busy = createBusy();
  const history = createHistory(backend, busy, toasts);
  const editing = createEditing(backend, live, { busy, history, toasts });
  return { backend, editing, history, busy: busy.busy, toasts };
}

const hasEdge = (b: FakeBackend, id: string) => b.topology!.edges.some((e) => e.id === id);

describe("editing flows", () => {
  it("connects from the popover and reports the outcome with its command", async () => {
    const { backend, editing, history, toasts } = setup();
    editing.openConnect("container:c-api", "network:n-frontend", { x: 10, y: 20 });
    const draft = get(editing.connectDraft)!;
    expect(draft).toMatchObject({ containerId: "c-api", networkId: "n-frontend", containerName: "api", networkName: "frontend" });
    const result = await editing.confirmConnect(draft, { aliases: ["web"], ipv4: "10.214.40.20", ipv6: null });
    expect(result).toEqual({ kind: "done" });
    expect(get(editing.connectDraft)).toBeNull();
    expect(backend.topology!.edges.find((e) => e.id === "endpoint:n-frontend:c-api")?.endpoint?.aliases).toEqual(["web"]);
    expect(get(toasts)[0]).toMatchObject({ kind: "ok", title: "Connected api to frontend", command: "docker network connect --alias web --ip 10.214.40.20 frontend api" });
    expect(get(history.history)?.undo).toBe("Disconnect api from frontend");
  });

  it("keeps the popover open with the problems when the connect is refused", async () => {
    const { backend, editing } = setup();
    editing.openConnect("container:c-api", "network:n-frontend", null);
    const result = await editing.confirmConnect(get(editing.connectDraft)!, { aliases: [], ipv4: "10.214.40.10", ipv6: null });
    expect(result.kind).toBe("refused");
    expect(result.kind === "refused" && result.problems.map((p) => p.field)).toEqual(["ipv4"]);
    expect(get(editing.connectDraft)).not.toBeNull();
    expect(hasEdge(backend, "endpoint:n-frontend:c-api")).toBe(false);
  });

  it("asks before disconnecting a running container and does nothing on cancel", async () => {
    const { backend, editing } = setup();
    await editing.requestDisconnect("endpoint:n-backend:c-api");
    const ask = get(editing.disconnectAsk);
    expect(ask?.command).toBe("docker network disconnect backend api");
    expect(ask?.ipv4).toBe("10.214.10.2/24");
    editing.cancelDisconnect();
    expect(hasEdge(backend, "endpoint:n-backend:c-api")).toBe(true);
    expect(backend.calls).not.toContain("disconnect c-api n-backend");

    await editing.requestDisconnect("endpoint:n-backend:c-api");
    await editing.confirmDisconnect();
    expect(hasEdge(backend, "endpoint:n-backend:c-api")).toBe(false);
  });

  it("disconnects a stopped container at once", async () => {
    const { backend, editing, toasts } = setup();
    await editing.requestDisconnect("endpoint:n-backend:c-nightly");
    expect(get(editing.disconnectAsk)).toBeNull();
    expect(hasEdge(backend, "endpoint:n-backend:c-nightly")).toBe(false);
    expect(get(toasts).at(-1)?.title).toBe("Disconnected nightly-job from backend");
  });

  it("refuses a second operation while one runs", async () => {
    const { backend, editing, busy } = setup();
    backend.delayMs = 30;
    const first = editing.connectNow("container:c-api", "network:n-frontend");
    expect(get(busy)).toMatch(/Connecting api to frontend/);
    const second = await editing.connectNow("container:c-db", "network:n-frontend");
    expect(second).toEqual({ kind: "busy" });
    expect(await first).toEqual({ kind: "done" });
    expect(get(busy)).toBeNull();
    expect(backend.calls.filter((c) => c.startsWith("connect "))).toEqual(["connect c-api n-frontend"]);
  });

  it("toasts the refusal of a shift-drop, since there is no popover", async () => {
    const { editing, toasts } = setup();
    const r = await editing.connectNow("container:c-api", "network:n-backend");
    expect(r.kind).toBe("refused");
    expect(get(toasts).at(-1)).toMatchObject({ kind: "error", title: expect.stringContaining("api is already connected to backend") });
  });
});

describe("fake drop targets", () => {
  it("refuses networks the container is on and predefined host/none, allows the rest", async () => {
    const { editing } = setup();
    const targets = (await editing.dropTargets("container:c-api"))!;
    const refused = Object.fromEntries(targets.map((t) => [t.networkName, t.refusal?.code ?? null]));
    expect(refused).toMatchObject({ backend: "alreadyConnected", host: "fixedNetwork", none: "fixedNetwork", frontend: null, vault: null });
  });
});
