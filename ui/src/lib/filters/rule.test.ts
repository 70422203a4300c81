// The TypeScript copy of Rust's filter rule, held to Rust's own answers: for every filter Rust recorded
// (test/golden/rules/viewFilter.json) the same visible nodes, edges and hidden counts; after live changes
// the incremental update equals a fresh computation; and a live change on a busy engine looks at the
// change, not the graph.
import { describe, expect, it } from "vitest";

import type { TopologyDto, ViewFilter } from "../backend";
import { bigNetworkId, bigTopology } from "../../test/bigTopology";
import { container, containerNode, demoTopology, endpointEdge, network, networkNode, reachEdge } from "../../test/demoTopology";
import goldens from "../../test/golden/rules/viewFilter.json";
import swarmGolden from "../../test/golden/rules/viewFilterSwarm.json";
import { diffTopology } from "../topologyDiff";
import { indexTopology, type TopologyIndex } from "../topologyIndex";
import { computeHidden, isActive, NO_FILTER, updateHidden, type Hidden } from "./rule";

interface Golden {
  filter: ViewFilter;
  visibleNodes: string[];
  visibleEdges: string[];
  hiddenNetworks: number;
  hiddenContainers: number;
}

const cases = goldens as Golden[];

const visible = (t: TopologyDto, h: Hidden) => ({
  nodes: t.nodes.map((n) => n.id).filter((id) => !h.has(id)).sort(),
  edges: t.edges.map((e) => e.id).filter((id) => !h.has(id)).sort(),
});

describe("the filter rule, against Rust's answers", () => {
  it("has Rust's cases to compare with, the empty filter first", () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
    expect(isActive(cases[0]!.filter)).toBe(false);
    expect(cases[0]!.filter).toEqual(NO_FILTER);
  });

  for (const golden of cases) {
    it(`shows exactly what Rust shows for ${JSON.stringify(golden.filter)}`, () => {
      const t = demoTopology();
      const hidden = computeHidden(indexTopology(t), golden.filter);
      const shown = visible(t, hidden);
      expect(shown.nodes).toEqual([...golden.visibleNodes].sort());
      expect(shown.edges).toEqual([...golden.visibleEdges].sort());
      expect({ networks: hidden.networks, containers: hidden.containers }).toEqual({
        networks: golden.hiddenNetworks,
        containers: golden.hiddenContainers,
      });
    });
  }
});

describe("the filter rule on a swarm manager, against Rust's answers", () => {
  const swarm = swarmGolden as unknown as { topology: TopologyDto; cases: Golden[] };
  const service = swarm.topology.nodes.find((n) => n.id === "service:s-web");

  it("has Rust's swarm topology, with a service tied to its networks and its task here", () => {
    expect(service?.kind).toBe("service");
    expect(swarm.topology.edges.some((e) => e.id === "task:s-web:c-web1")).toBe(true);
  });

  for (const golden of swarm.cases) {
    it(`shows exactly what Rust shows for ${JSON.stringify(golden.filter)}`, () => {
      const hidden = computeHidden(indexTopology(swarm.topology), golden.filter);
      const shown = visible(swarm.topology, hidden);
      expect(shown.nodes).toEqual([...golden.visibleNodes].sort());
      expect(shown.edges).toEqual([...golden.visibleEdges].sort());
    });
  }

  it("a service's task leaving and coming back is followed live, as a fresh computation says", () => {
    const f = { ...NO_FILTER, drivers: ["overlay"], hideStopped: true };
    const start = swarm.topology;
    const gone = { ...start, revision: start.revision + 1, nodes: start.nodes.filter((n) => n.id !== "container:c-web1"), edges: start.edges.filter((e) => !e.id.endsWith(":c-web1")) };
    const back = { ...start, revision: start.revision + 2 };
    let index = indexTopology(start);
    const hidden = computeHidden(index, f);
    for (const t of [gone, back]) {
      const next = indexTopology(t);
      updateHidden(hidden, index, next, diffTopology(index.topology, t), f);
      expect(hidden.ids(), `revision ${t.revision}`).toEqual(computeHidden(next, f).ids());
      index = next;
    }
  });
});

/** Live changes as Rust would send them: each step a new topology from the one before. */
function liveSteps(): TopologyDto[] {
  const start = demoTopology(1);
  const shopNet = network("n-shop", "shop_default", "bridge", "10.214.90.0/24", {
    labels: [{ key: "com.docker.compose.project", value: "shop" }],
  });
  const worker = container("c-worker", "worker", "running", "shop_default", { composeProject: "shop" });
  const batch = container("c-batch", "batch", "exited", "backend");
  const backend = start.nodes.find((n) => n.id === "network:n-backend")?.network;
  if (!backend) throw new Error("the sandbox has backend");
  const steps: TopologyDto[] = [start];
  const next = (change: (t: TopologyDto) => TopologyDto) => {
    const before = steps[steps.length - 1]!;
    steps.push({ ...change(before), revision: before.revision + 1 });
  };
  // A compose network appears, empty; then a running project container joins it.
  next((t) => ({ ...t, nodes: [...t.nodes, networkNode(shopNet, 900, 0)], edges: [...t.edges, reachEdge(shopNet, "host", "gateway")] }));
  next((t) => ({
    ...t,
    nodes: [...t.nodes, containerNode(worker, { x: 950, y: 40 })],
    edges: [...t.edges, endpointEdge(shopNet, worker, "10.214.90.2")],
  }));
  // A stopped container arrives on backend.
  next((t) => ({ ...t, nodes: [...t.nodes, containerNode(batch, { x: 10, y: 10 })], edges: [...t.edges, endpointEdge(backend, batch, null)] }));
  // api stops (the container changes, its address goes).
  next((t) => ({
    ...t,
    nodes: t.nodes.map((n) => (n.id === "container:c-api" && n.container ? { ...n, container: { ...n.container, state: "exited" as const } } : n)),
  }));
  // printer goes, then its network lan.
  next((t) => ({ ...t, nodes: t.nodes.filter((n) => n.id !== "container:c-printer"), edges: t.edges.filter((e) => e.target !== "container:c-printer") }));
  next((t) => ({ ...t, nodes: t.nodes.filter((n) => n.id !== "network:n-lan"), edges: t.edges.filter((e) => e.source !== "network:n-lan") }));
  // The worker is disconnected from the project network: the network is unused again.
  next((t) => ({ ...t, edges: t.edges.filter((e) => e.id !== "endpoint:n-shop:c-worker") }));
  return steps;
}

describe("live changes", () => {
  const filters: ViewFilter[] = [
    ...cases.map((c) => c.filter),
    { ...NO_FILTER, projects: ["shop"], onlyUsed: true },
    { ...NO_FILTER, drivers: ["macvlan"], hideStopped: true },
  ];
  for (const f of filters) {
    it(`update each change to what a fresh computation says, for ${JSON.stringify(f)}`, () => {
      const steps = liveSteps();
      let index = indexTopology(steps[0]!);
      const hidden = computeHidden(index, f);
      for (const t of steps.slice(1)) {
        const next = indexTopology(t);
        const changed = updateHidden(hidden, index, next, diffTopology(index.topology, t), f);
        const fresh = computeHidden(next, f);
        expect(hidden.ids(), `revision ${t.revision}`).toEqual(fresh.ids());
        expect([hidden.networks, hidden.containers]).toEqual([fresh.networks, fresh.containers]);
        // Every id whose state flipped is reported, so the view restyles it.
        const before = new Set(computeHidden(index, f).ids());
        const after = new Set(fresh.ids());
        for (const id of new Set([...before, ...after])) {
          if (before.has(id) !== after.has(id) && (next.node(id) || next.edge(id))) expect(changed).toContain(id);
        }
        index = next;
      }
    });
  }

  it("a stopped container arriving while stopped ones are hidden is hidden with its line, and counted", () => {
    const steps = liveSteps();
    const f = { ...NO_FILTER, hideStopped: true };
    const first = indexTopology(steps[2]!);
    const hidden = computeHidden(first, f);
    expect(hidden.containers).toBe(1);
    const next = indexTopology(steps[3]!);
    const changed = updateHidden(hidden, first, next, diffTopology(first.topology, next.topology), f);
    expect(hidden.has("container:c-batch") && hidden.has("endpoint:n-backend:c-batch")).toBe(true);
    expect(changed).toEqual(expect.arrayContaining(["container:c-batch", "endpoint:n-backend:c-batch"]));
    expect(hidden.containers).toBe(2);
  });
});

/** Counts every lookup the rule makes into the index. */
function counting(index: TopologyIndex): { index: TopologyIndex; calls: () => number } {
  let calls = 0;
  const wrap = <A extends unknown[], R>(fn: (...a: A) => R) => (...a: A): R => {
    calls++;
    return fn(...a);
  };
  return {
    index: {
      topology: index.topology,
      node: wrap(index.node),
      edge: wrap(index.edge),
      edgesOf: wrap(index.edgesOf),
      endpointsOfNetwork: wrap(index.endpointsOfNetwork),
      endpointsOfContainer: wrap(index.endpointsOfContainer),
      reachesOfNetwork: wrap(index.reachesOfNetwork),
      reachesInto: wrap(index.reachesInto),
    },
    calls: () => calls,
  };
}

describe("at scale", () => {
  it("a live change on 300 networks and 2,000 containers looks at the change, not the graph", () => {
    const big = bigTopology();
    const f = { ...NO_FILTER, hideStopped: true, onlyUsed: true };
    const index = indexTopology(big);
    const hidden = computeHidden(index, f);
    const net = big.nodes.find((n) => n.id === `network:${bigNetworkId(7)}`)?.network;
    if (!net) throw new Error("the generated topology has network 7");
    const late = container("c-late", "late", "exited", net.name);
    const t: TopologyDto = {
      revision: big.revision + 1,
      nodes: [...big.nodes, containerNode(late, { x: 0, y: 0 })],
      edges: [...big.edges, endpointEdge(net, late, null)],
    };
    const next = counting(indexTopology(t));
    const diff = diffTopology(big, t);
    const changed = updateHidden(hidden, index, next.index, diff, f);
    expect(changed).toContain("container:c-late");
    expect(hidden.has("container:c-late")).toBe(true);
    // The change, its network and that network's containers, and the two places: far below 2,300 items.
    expect(next.calls()).toBeLessThan(300);
    expect(hidden.ids()).toEqual(computeHidden(indexTopology(t), f).ids());
  });
});
