import { get, writable } from "svelte/store";
import { describe, expect, it } from "vitest";

import type { TopologyDto } from "../backend";
import { container, containerNode, demoTopology, endpointEdge } from "../../test/demoTopology";
import { indexTopology, type TopologyIndex } from "../topologyIndex";
import { createFilters, filterOptions, filterSummary, parseFilter, STORAGE_KEY, type FilterView } from "./filters";
import { NO_FILTER } from "./rule";

function memoryStorage(initial: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(initial));
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

/** The demo with a stopped container added on backend, one revision later. */
function withStoppedBatch(t: TopologyDto): TopologyDto {
  const backend = t.nodes.find((n) => n.id === "network:n-backend")?.network;
  if (!backend) throw new Error("the sandbox has backend");
  const batch = container("c-batch", "batch", "exited", "backend");
  return {
    revision: t.revision + 1,
    nodes: [...t.nodes, containerNode(batch, { x: 5, y: 5 })],
    edges: [...t.edges, endpointEdge(backend, batch, null)],
  };
}

const view = (items: { networks: number; containers: number }, active = true): FilterView => ({
  items: { has: () => false, ids: () => [], ...items },
  version: 1,
  active,
});

describe("the status bar's words", () => {
  it("say how many networks and containers are hidden, in the singular when one", () => {
    expect(filterSummary(view({ networks: 12, containers: 240 }))).toBe("Filters hide 12 networks and 240 containers");
    expect(filterSummary(view({ networks: 1, containers: 0 }))).toBe("Filters hide 1 network");
    expect(filterSummary(view({ networks: 0, containers: 1 }))).toBe("Filters hide 1 container");
    expect(filterSummary(view({ networks: 0, containers: 0 }))).toBe("Filters on: nothing hidden");
    expect(filterSummary(view({ networks: 0, containers: 0 }, false))).toBeNull();
  });
});

describe("the filter kept in localStorage", () => {
  it("reads back what was stored and falls back to showing everything on anything else", () => {
    expect(parseFilter(JSON.stringify({ ...NO_FILTER, hideStopped: true, drivers: ["bridge"] }))).toEqual({
      ...NO_FILTER,
      hideStopped: true,
      drivers: ["bridge"],
    });
    expect(parseFilter("{not json")).toEqual(NO_FILTER);
    expect(parseFilter(JSON.stringify({ drivers: "bridge", hideStopped: "yes" }))).toEqual(NO_FILTER);
    expect(parseFilter(null)).toEqual(NO_FILTER);
  });

  it("is applied at start and written on every change; showing everything forgets it", () => {
    const storage = memoryStorage({ [STORAGE_KEY]: JSON.stringify({ ...NO_FILTER, hideStopped: true }) });
    const index = writable<TopologyIndex | null>(indexTopology(demoTopology()));
    const filters = createFilters(index, storage);
    expect(get(filters.hidden).items.has("container:c-nightly")).toBe(true);
    filters.set({ ...NO_FILTER, hidePredefined: true });
    expect(parseFilter(storage.getItem(STORAGE_KEY))).toEqual({ ...NO_FILTER, hidePredefined: true });
    filters.clear();
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
    expect(get(filters.hidden).active).toBe(false);
  });
});

describe("live changes", () => {
  it("hide what arrives as it arrives and hand the view just those ids", () => {
    const first = demoTopology(1);
    const index = writable<TopologyIndex | null>(indexTopology(first));
    const filters = createFilters(index, memoryStorage());
    filters.set({ ...NO_FILTER, hideStopped: true });
    expect(filters.takeChanges()).toBe("all");
    expect(get(filters.hidden).items.containers).toBe(1);
    index.set(indexTopology(withStoppedBatch(first)));
    const changes = filters.takeChanges();
    expect(changes).not.toBe("all");
    expect([...(changes as Iterable<string>)].sort()).toEqual(["container:c-batch", "endpoint:n-backend:c-batch"]);
    expect(get(filters.hidden).items.containers).toBe(2);
    expect([...(filters.takeChanges() as Iterable<string>)]).toEqual([]);
  });
});

describe("focus", () => {
  it("keeps a node's neighbourhood, follows the hops, and ends when the node is hidden", () => {
    const index = writable<TopologyIndex | null>(indexTopology(demoTopology()));
    const filters = createFilters(index, memoryStorage());
    expect(get(filters.kept)).toBeNull();
    filters.focusOn("container:c-nightly");
    expect([...(get(filters.kept) ?? [])].sort()).toEqual(["container:c-nightly", "endpoint:n-backend:c-nightly", "network:n-backend"]);
    filters.setHops(2);
    expect(get(filters.kept)?.has("container:c-api")).toBe(true);
    filters.set({ ...NO_FILTER, hideStopped: true });
    expect(get(filters.focus)).toBeNull();
    expect(get(filters.kept)).toBeNull();
  });
});

describe("the options offered", () => {
  it("are the drivers and compose projects the topology holds, and those already chosen", () => {
    const o = filterOptions(demoTopology(), { ...NO_FILTER, drivers: ["overlay"], projects: ["blog"] });
    expect(o.drivers).toEqual(["bridge", "host", "macvlan", "null", "overlay"]);
    expect(o.projects).toEqual(["blog", "shop"]);
  });
});
