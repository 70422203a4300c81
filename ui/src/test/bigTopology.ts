// A generated topology the size of a busy host (issue 9: 300 networks, 2,000 containers), shaped like
// what the Rust side sends: hubs spaced by their ring radius, containers in sunflower slots around their
// first network, some containers on two networks, bridge networks reaching the host and the outside.
// Deterministic for the same options, so tests can name ids ("network:n-0042", "container:c-1234").
// For unit tests and the demo; not reachable from main.ts.
import type { EdgeDto, NodeDto, TopologyDto } from "../lib/backend";
import { container, containerNode, endpointEdge, network, networkNode, reachEdge } from "./demoTopology";

export interface BigTopologyOptions {
  networks?: number;
  containers?: number;
  /** How many containers also join a second network. */
  multiHomed?: number;
  revision?: number;
}

const RING = 70;
const SPREAD = 26;
const GOLDEN_ANGLE = 2.399963229728653;

const pad = (n: number) => String(n).padStart(4, "0");
export const bigNetworkId = (i: number) => `n-${pad(i)}`;
export const bigContainerId = (i: number) => `c-${pad(i)}`;

/** A small deterministic generator (mulberry32): the same seed gives the same topology. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ringRadius(count: number): number {
  return RING + SPREAD * Math.sqrt(count);
}

function slot(hub: { x: number; y: number }, n: number): { x: number; y: number } {
  const angle = n * GOLDEN_ANGLE - Math.PI / 2;
  const r = RING + SPREAD * Math.sqrt(n);
  return { x: Math.round(hub.x + r * Math.cos(angle)), y: Math.round(hub.y + r * Math.sin(angle)) };
}

/**
 * `networks` user networks (n-0000…, a tenth of them internal, a few macvlan) and `containers`
 * containers (c-0000…, a third running), each on one network chosen with a skew (a few big
 * networks, many small ones); the first `multiHomed` of them also on a second network.
 */
export function bigTopology(options: BigTopologyOptions = {}): TopologyDto {
  const networkCount = options.networks ?? 300;
  const containerCount = options.containers ?? 2000;
  const multiHomed = Math.min(options.multiHomed ?? 400, containerCount);
  const rand = random(9);

  const nets = Array.from({ length: networkCount }, (_, i) => {
    const driver = i % 37 === 5 ? "macvlan" : "bridge";
    const subnet = `10.${100 + Math.floor(i / 250)}.${i % 250}.0/24`;
    return network(bigNetworkId(i), `net-${pad(i)}`, driver, subnet, { internal: i % 10 === 3 });
  });
  // Skewed membership: network i is chosen with weight 1/(i+1), so n-0000 is the biggest.
  const weights = nets.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const pick = (): number => {
    let r = rand() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r <= 0) return i;
    }
    return weights.length - 1;
  };
  const homes = Array.from({ length: containerCount }, () => pick());
  const seconds = Array.from({ length: containerCount }, (_, i) => {
    if (i >= multiHomed || networkCount < 2) return -1;
    const home = homes[i] ?? 0;
    return (home + 1 + Math.floor(rand() * (networkCount - 1))) % networkCount;
  });
  const members = nets.map(() => 0);
  for (const h of homes) members[h] = (members[h] ?? 0) + 1;

  // Hubs on a sunflower whose step keeps the biggest rings apart.
  const step = 2 * ringRadius(Math.max(...members, 1)) * 0.6;
  const hubs = nets.map((_, i) => {
    const angle = i * GOLDEN_ANGLE;
    const r = step * Math.sqrt(i);
    return { x: Math.round(r * Math.cos(angle)), y: Math.round(r * Math.sin(angle)) };
  });

  const nodes: NodeDto[] = nets.map((n, i) => networkNode(n, hubs[i]?.x ?? 0, hubs[i]?.y ?? 0));
  const edges: EdgeDto[] = [];
  const used = nets.map(() => 0);
  for (let i = 0; i < containerCount; i++) {
    const home = homes[i] ?? 0;
    const net = nets[home];
    if (!net) continue;
    const c = container(bigContainerId(i), `app-${pad(i)}`, i % 3 === 0 ? "running" : "exited", net.name);
    const second = seconds[i] ?? -1;
    const hub = hubs[home] ?? { x: 0, y: 0 };
    const other = second >= 0 ? hubs[second] : undefined;
    const n = used[home] ?? 0;
    if (!other) used[home] = n + 1;
    // Multi-homed containers sit between their networks, as Rust places them (a little apart).
    const at = other ? slot({ x: (hub.x + other.x) / 2, y: (hub.y + other.y) / 2 }, i % 7) : slot(hub, n);
    nodes.push(containerNode(c, at));
    const ip = i % 3 === 0 ? `10.${100 + Math.floor(home / 250)}.${home % 250}.${2 + (n % 250)}` : null;
    edges.push(endpointEdge(net, c, ip));
    const secondNet = second >= 0 ? nets[second] : undefined;
    if (secondNet) edges.push(endpointEdge(secondNet, c, ip ? `10.${100 + Math.floor(second / 250)}.${second % 250}.${200 + (i % 50)}` : null));
  }
  for (const net of nets) {
    if (net.internal) continue;
    if (net.driver === "bridge") edges.push(reachEdge(net, "host", "gateway"), reachEdge(net, "external", "nat"));
    else edges.push(reachEdge(net, "external", "direct"));
  }
  const far = step * Math.sqrt(networkCount) + 400;
  nodes.push({ id: "host", kind: "host", label: "Host", x: -Math.round(far), y: 0, network: null, container: null, service: null });
  nodes.push({ id: "external", kind: "external", label: "External", x: Math.round(far), y: 0, network: null, container: null, service: null });
  return { revision: options.revision ?? 1, nodes, edges };
}
