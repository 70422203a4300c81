// Turns a TopologyDto into graphology nodes and edges with their visual attributes, and applies a new
// topology to an existing graph in place (add, update, drop) so the renderer never rebuilds from
// scratch and the camera stays put. Pure over graphology: it needs no WebGL.
import type Graph from "graphology";

import type { EdgeDto, NodeDto, NodeKind, TopologyDto } from "../backend";
import { driverKey } from "../vocabulary";
import { layoutToGraph } from "./geometry";
import { containerTone, type Palette } from "./palette";

export type NodeShape = "circle" | "square" | "diamond";

export interface NodeAttributes {
  [key: string]: unknown;
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  labelColor: string;
  shape: NodeShape;
  kind: NodeKind;
  /** Network hubs and places always show their label; containers when there is room. */
  forceLabel: boolean;
}

export interface EdgeAttributes {
  [key: string]: unknown;
  size: number;
  color: string;
  label: string;
  kind: EdgeDto["kind"];
  /** 0 draws a plain line; reach edges are dashed. */
  dashSize: number;
}

export type NetlensGraph = Graph<NodeAttributes, EdgeAttributes>;

export const NODE_SIZES = { network: 15, predefinedNetwork: 12, container: 7, host: 13, external: 13 } as const;

export function nodeColor(node: NodeDto, palette: Palette): string {
  switch (node.kind) {
    case "network":
      return palette.driver[driverKey(node.network?.driver ?? "")];
    case "container":
      return palette.container[containerTone(node.container?.state ?? "unknown")];
    case "host":
      return palette.host;
    case "external":
      return palette.external;
  }
}

export function nodeSize(node: NodeDto): number {
  switch (node.kind) {
    case "network":
      return node.network?.predefined ? NODE_SIZES.predefinedNetwork : NODE_SIZES.network;
    case "container":
      return NODE_SIZES.container;
    case "host":
      return NODE_SIZES.host;
    case "external":
      return NODE_SIZES.external;
  }
}

function nodeShape(kind: NodeKind): NodeShape {
  if (kind === "host") return "square";
  if (kind === "external") return "diamond";
  return "circle";
}

export function nodeAttributes(node: NodeDto, palette: Palette): NodeAttributes {
  const p = layoutToGraph(node);
  const stopped = node.kind === "container" && containerTone(node.container?.state ?? "unknown") === "stopped";
  return {
    x: p.x,
    y: p.y,
    size: nodeSize(node),
    color: nodeColor(node, palette),
    label: node.label,
    labelColor: stopped ? palette.labelMuted : palette.label,
    shape: nodeShape(node.kind),
    kind: node.kind,
    forceLabel: node.kind !== "container",
  };
}

/** Endpoint edges wear their network's colour, translucent; reach edges are neutral and dashed. */
export function edgeAttributes(edge: EdgeDto, network: NodeDto | undefined, palette: Palette): EdgeAttributes {
  if (edge.kind === "reach") {
    return { size: 1.5, color: palette.reachEdge, label: edge.label, kind: "reach", dashSize: 6 };
  }
  const base = network ? nodeColor(network, palette) : palette.reachEdge;
  return { size: 2, color: base + palette.endpointEdgeAlpha, label: edge.label, kind: "endpoint", dashSize: 0 };
}

export interface SyncReport {
  added: string[];
  removed: string[];
  updated: string[];
}

function sameAttributes(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

/**
 * Make `graph` show `topology`: existing nodes keep their identity (only changed attributes are
 * written), new ones appear at their Rust coordinates, vanished ones go. Edges whose ends changed are
 * re-created. Returns what changed, nodes and edges together, by id.
 */
export function syncGraph(graph: NetlensGraph, topology: TopologyDto, palette: Palette): SyncReport {
  const report: SyncReport = { added: [], removed: [], updated: [] };
  const nodesById = new Map(topology.nodes.map((n) => [n.id, n]));
  const edgeIds = new Set(topology.edges.map((e) => e.id));

  graph.forEachEdge((id) => {
    if (!edgeIds.has(id)) report.removed.push(id);
  });
  for (const id of report.removed) graph.dropEdge(id);

  const goneNodes = graph.filterNodes((id) => !nodesById.has(id));
  for (const id of goneNodes) {
    graph.dropNode(id);
    report.removed.push(id);
  }

  for (const node of topology.nodes) {
    const attrs = nodeAttributes(node, palette);
    if (!graph.hasNode(node.id)) {
      graph.addNode(node.id, attrs);
      report.added.push(node.id);
    } else if (!sameAttributes(graph.getNodeAttributes(node.id), attrs)) {
      graph.replaceNodeAttributes(node.id, attrs);
      report.updated.push(node.id);
    }
  }

  for (const edge of topology.edges) {
    if (!nodesById.has(edge.source) || !nodesById.has(edge.target)) continue;
    const attrs = edgeAttributes(edge, nodesById.get(edge.source), palette);
    if (graph.hasEdge(edge.id)) {
      if (graph.source(edge.id) !== edge.source || graph.target(edge.id) !== edge.target) {
        graph.dropEdge(edge.id);
      } else {
        if (!sameAttributes(graph.getEdgeAttributes(edge.id), attrs)) {
          graph.replaceEdgeAttributes(edge.id, attrs);
          report.updated.push(edge.id);
        }
        continue;
      }
    }
    graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, attrs);
    report.added.push(edge.id);
  }
  return report;
}
