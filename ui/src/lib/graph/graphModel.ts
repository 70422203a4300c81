// Turns a TopologyDto into graphology nodes and edges with their visual attributes, and applies a new
// topology (whole, or as a TopologyDiff) to an existing graph in place (add, update, drop) so the
// renderer never rebuilds from scratch and the camera stays put. Every value the renderer's styles
// need is an attribute here (no style reads the palette or the graph), so sigma restyles only the
// items whose attributes or state changed. Pure over graphology: it needs no WebGL.
import type Graph from "graphology";

import type { EdgeDto, NodeDto, NodeKind, TopologyDto } from "../backend";
import type { TopologyDiff } from "../topologyDiff";
import { driverKey } from "../vocabulary";
import { projectOf } from "../groups/collapse";
import { layoutToGraph } from "./geometry";
import { containerTone, type Palette } from "./palette";

export type NodeShape = "circle" | "square" | "diamond" | "triangle";

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
  labelSize: number;
  /** Size when selected, and when offered as a drop target. */
  highlightSize: number;
  dropSize: number;
  /** Colour when refused as a drop target. */
  fadedColor: string;
  mutedLabelColor: string;
  /** The halo behind a hovered or selected node. */
  backdropColor: string;
  /** Ring colour when the hub's paths out are hidden (level of detail); "" for other kinds. */
  markColor: string;
  /** The Compose project whose group is drawn behind this node (groups/hullLayer.ts); "" for none. */
  project: string;
}

export interface EdgeAttributes {
  [key: string]: unknown;
  size: number;
  color: string;
  label: string;
  kind: EdgeDto["kind"];
  /** 0 draws a solid line; above 0, dashes and gaps of this many pixels (reach, task and stack edges). */
  dashSize: number;
  /** Width when hovered or selected. */
  focusSize: number;
  labelColor: string;
  labelBackgroundColor: string;
}

export type NetlensGraph = Graph<NodeAttributes, EdgeAttributes>;

export const NODE_SIZES = { network: 15, predefinedNetwork: 12, container: 7, host: 13, external: 13, project: 17, service: 11 } as const;

export function nodeColor(node: NodeDto, palette: Palette): string {
  switch (node.kind) {
    case "network":
      return palette.driver[driverKey(node.network?.driver ?? "")];
    case "container":
      return palette.container[containerTone(node.container?.state ?? "unknown")];
    default:
      // Host, External, a collapsed project and a service each have one colour, named as their kind.
      return palette[node.kind];
  }
}

export function nodeSize(node: NodeDto): number {
  return node.kind === "network" && node.network?.predefined ? NODE_SIZES.predefinedNetwork : NODE_SIZES[node.kind];
}

function nodeShape(kind: NodeKind): NodeShape {
  if (kind === "host") return "square";
  if (kind === "external") return "diamond";
  if (kind === "service") return "triangle";
  return "circle";
}

export function nodeAttributes(node: NodeDto, palette: Palette): NodeAttributes {
  const p = layoutToGraph(node);
  const stopped = node.kind === "container" && containerTone(node.container?.state ?? "unknown") === "stopped";
  const size = nodeSize(node);
  const color = nodeColor(node, palette);
  return {
    x: p.x,
    y: p.y,
    size,
    color,
    label: node.label,
    labelColor: stopped ? palette.labelMuted : palette.label,
    shape: nodeShape(node.kind),
    kind: node.kind,
    forceLabel: node.kind !== "container",
    labelSize: node.kind === "container" ? 12 : 13,
    highlightSize: size * 1.3,
    dropSize: size * 1.4,
    fadedColor: color + "40",
    mutedLabelColor: palette.labelMuted,
    backdropColor: palette.backdrop,
    markColor: node.kind === "network" ? palette.reachMark : "",
    project: projectOf(node) ?? "",
  };
}

/**
 * Endpoint edges wear their network's colour (`networkColor`, the hub's), translucent; reach edges are
 * neutral and dashed.
 */
export function edgeAttributes(edge: EdgeDto, networkColor: string | undefined, palette: Palette): EdgeAttributes {
  const common = { label: edge.label, labelColor: palette.edgeLabel, labelBackgroundColor: palette.backdrop + "d9" };
  if (edge.kind === "reach") {
    const color = palette.reachEdge;
    return { ...common, size: 1.5, color, kind: "reach", dashSize: 6, focusSize: 3 };
  }
  if (edge.kind === "serviceNetwork") {
    // Solid, in the service's colour: the service has an address (its VIP, the label) on that network.
    const color = palette.serviceEdge + palette.endpointEdgeAlpha;
    return { ...common, size: 2, color, kind: "serviceNetwork", dashSize: 0, focusSize: 3.5 };
  }
  if (edge.kind === "task") {
    // Dashed: not a network, the tie between a service and one of its containers on this node.
    const color = palette.serviceEdge;
    return { ...common, size: 1.5, color, kind: "task", dashSize: 4, focusSize: 3 };
  }
  if (edge.kind === "stack") {
    // Short dashes read as dots: one stack shared, not a network between two containers.
    const color = palette.stackEdge;
    return { ...common, size: 2.5, color, kind: "stack", dashSize: 2, focusSize: 4 };
  }
  const color = endpointColor(networkColor, palette);
  return { ...common, size: 2, color, kind: "endpoint", dashSize: 0, focusSize: 3.5 };
}

function endpointColor(networkColor: string | undefined, palette: Palette): string {
  return (networkColor ?? palette.reachEdge) + palette.endpointEdgeAlpha;
}

/** The colour of an edge's network as the graph holds it (the hub's fill). */
function networkColorIn(graph: NetlensGraph, source: string): string | undefined {
  return graph.hasNode(source) && graph.getNodeAttribute(source, "kind") === "network" ? graph.getNodeAttribute(source, "color") : undefined;
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
    const attrs = edgeAttributes(edge, networkColorIn(graph, edge.source), palette);
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

/** Adds or rewrites one edge; an edge whose ends changed is dropped and added again. */
function putEdge(graph: NetlensGraph, edge: EdgeDto, palette: Palette, report: SyncReport): void {
  if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) {
    if (graph.hasEdge(edge.id)) {
      graph.dropEdge(edge.id);
      report.removed.push(edge.id);
    }
    return;
  }
  const attrs = edgeAttributes(edge, networkColorIn(graph, edge.source), palette);
  if (graph.hasEdge(edge.id)) {
    if (graph.source(edge.id) === edge.source && graph.target(edge.id) === edge.target) {
      if (!sameAttributes(graph.getEdgeAttributes(edge.id), attrs)) {
        graph.replaceEdgeAttributes(edge.id, attrs);
        report.updated.push(edge.id);
      }
      return;
    }
    graph.dropEdge(edge.id);
  }
  graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, attrs);
  report.added.push(edge.id);
}

/**
 * Apply a diff to a graph that shows the diff's base: the work is proportional to the change (plus the
 * degree of a network whose colour changed, whose endpoint edges follow it), never to the graph.
 */
export function applyDiff(graph: NetlensGraph, diff: TopologyDiff, palette: Palette): SyncReport {
  const report: SyncReport = { added: [], removed: [], updated: [] };
  for (const id of diff.edges.removed) {
    if (!graph.hasEdge(id)) continue;
    graph.dropEdge(id);
    report.removed.push(id);
  }
  for (const id of diff.nodes.removed) {
    if (!graph.hasNode(id)) continue;
    // Edges the diff forgot go with their node; say so.
    graph.forEachEdge(id, (edge) => void report.removed.push(edge));
    graph.dropNode(id);
    report.removed.push(id);
  }
  const recolour: string[] = [];
  for (const node of [...diff.nodes.added, ...diff.nodes.changed]) {
    const attrs = nodeAttributes(node, palette);
    if (!graph.hasNode(node.id)) {
      graph.addNode(node.id, attrs);
      report.added.push(node.id);
      continue;
    }
    const before = graph.getNodeAttributes(node.id);
    if (sameAttributes(before, attrs)) continue;
    if (before.color !== attrs.color && attrs.kind === "network") recolour.push(node.id);
    graph.replaceNodeAttributes(node.id, attrs);
    report.updated.push(node.id);
  }
  for (const edge of [...diff.edges.added, ...diff.edges.changed]) putEdge(graph, edge, palette, report);
  for (const id of recolour) {
    const color = networkColorIn(graph, id);
    graph.forEachOutEdge(id, (edge, a) => {
      if (a.kind !== "endpoint") return;
      const next = endpointColor(color, palette);
      if (next !== a.color) {
        graph.mergeEdgeAttributes(edge, { color: next });
        report.updated.push(edge);
      }
    });
  }
  return report;
}
