import { get } from "svelte/store";
import { describe, expect, it } from "vitest";

import { demoTopology } from "../../test/demoTopology";
import { ReplayBackend } from "../../test/replayBackend";
import { RETRY_MS } from "./askUntil";
import type { AppError, TopologyDiffDto, TopologyDto, Unsubscribe } from "../backend";
import { createTopologyStore } from "./topology";

/** Rust's recorded answers, with getTopology staged: `topology`, or `error` when there is none yet. */
function staged(topology: TopologyDto | null, error: AppError = { code: "notReady", message: "stand-in", hint: null }): ReplayBackend {
  const backend = new ReplayBackend();
  backend.answerWith("getTopology", topology ? { ok: topology } : { error });
  return backend;
}

/** Lets the test send topology patches as Rust would, and see whether the store still listens for them. */
function patchable(backend: ReplayBackend) {
  let send: ((d: TopologyDiffDto) => void) | null = null;
  backend.onTopologyPatch = async (cb): Promise<Unsubscribe> => {
    send = cb;
    return () => (send = null);
  };
  return { send: (d: TopologyDiffDto) => send!(d), listening: () => send !== null };
}

describe("topology store", () => {
  it("holds the topology from the first request", async () => {
    const backend = staged(demoTopology(3));
    const store = createTopologyStore(backend);
    await store.start();
    expect(get(store)?.revision).toBe(3);
  });

  it("takes newer revisions from events and ignores older ones", async () => {
    const backend = staged(demoTopology(3));
    const store = createTopologyStore(backend);
    await store.start();
    backend.emitTopology(demoTopology(5));
    expect(get(store)?.revision).toBe(5);
    backend.emitTopology(demoTopology(4));
    expect(get(store)?.revision).toBe(5);
  });

  it("keeps an event that overtook the answer to the first request", async () => {
    const backend = staged(demoTopology(1));
    const slow = backend.getTopology.bind(backend);
    backend.getTopology = async () => {
      backend.emitTopology(demoTopology(2));
      return slow();
    };
    const store = createTopologyStore(backend);
    await store.start();
    expect(get(store)?.revision).toBe(2);
  });

  it("asks for the topology without waiting for its listeners to be in place, and keeps both", async () => {
    const backend = staged(demoTopology(3));
    const order: string[] = [];
    let release: () => void = () => {};
    const registered = new Promise<void>((r) => (release = r));
    const listen = backend.onTopology.bind(backend);
    backend.onTopology = async (cb) => {
      order.push("listen");
      await registered;
      return listen(cb);
    };
    const ask = backend.getTopology.bind(backend);
    backend.getTopology = async () => {
      order.push("ask");
      return ask();
    };
    const store = createTopologyStore(backend);
    const started = store.start();
    await Promise.resolve();
    expect(order).toEqual(["listen", "ask"]);
    release();
    await started;
    expect(get(store)?.revision).toBe(3);
    backend.emitTopology(demoTopology(4));
    expect(get(store)?.revision).toBe(4);
  });

  it("stops cleanly when stopped before its listeners are in place", async () => {
    const backend = staged(demoTopology(3));
    const { listening } = patchable(backend);
    const store = createTopologyStore(backend);
    const started = store.start();
    store.stop();
    await started;
    expect(listening()).toBe(false);
  });

  it("waits quietly while Rust is not ready, but reports real errors", async () => {
    const notReady = staged(null);
    const a = createTopologyStore(notReady);
    await a.start();
    expect(get(a)).toBeNull();
    expect(get(a.error)).toBeNull();
    // A topology that became ready without an event reaching the page is fetched by the retry.
    notReady.answerWith("getTopology", { ok: demoTopology(3) });
    await new Promise((r) => setTimeout(r, RETRY_MS + 100));
    expect(get(a)?.revision).toBe(3);
    a.stop();

    const rejected = staged(null, { code: "engineRejected", message: "forbidden", hint: "docker group?" });
    const b = createTopologyStore(rejected);
    await b.start();
    expect(get(b.error)?.code).toBe("engineRejected");
    rejected.emitTopology(demoTopology(1));
    expect(get(b.error)).toBeNull();
  });

  it("stops listening on stop", async () => {
    const backend = staged(demoTopology(1));
    const store = createTopologyStore(backend);
    await store.start();
    store.stop();
    expect(backend.listenerCount).toBe(0);
    backend.emitTopology(demoTopology(9));
    expect(get(store)?.revision).toBe(1);
  });

  it("applies a diff on the revision it holds and keeps untouched nodes as they were", async () => {
    const backend = staged(demoTopology(3));
    const patches = patchable(backend);
    const store = createTopologyStore(backend);
    await store.start();
    const before = get(store)!;
    const gone = before.nodes.find((n) => n.kind === "container")!;
    const edges = before.edges.filter((e) => e.source === gone.id || e.target === gone.id).map((e) => e.id);
    patches.send({ baseRevision: 3, revision: 4, upsertNodes: [], removeNodes: [gone.id], upsertEdges: [], removeEdges: edges });
    const after = get(store)!;
    expect(after.revision).toBe(4);
    expect(after.nodes.some((n) => n.id === gone.id)).toBe(false);
    expect(after.nodes.length).toBe(before.nodes.length - 1);
    const kept = after.nodes.find((n) => n.id !== gone.id)!;
    expect(before.nodes.includes(kept)).toBe(true);
    store.stop();
    expect(patches.listening()).toBe(false);
  });

  it("reads the whole topology again when a diff is not based on the revision it holds", async () => {
    const backend = staged(demoTopology(3));
    const patches = patchable(backend);
    const store = createTopologyStore(backend);
    await store.start();
    backend.answerWith("getTopology", { ok: demoTopology(7) });
    patches.send({ baseRevision: 5, revision: 6, upsertNodes: [], removeNodes: [], upsertEdges: [], removeEdges: [] });
    await new Promise((r) => setTimeout(r, 10));
    expect(get(store)?.revision).toBe(7);
  });
});
