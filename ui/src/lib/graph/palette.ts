// Colours of the graph for the light and the dark theme: networks by driver, containers by state,
// edges by kind. Pure data; the legend and the renderer both read it so they always agree.
import type { ContainerState } from "../backend";
import type { DriverKey } from "../vocabulary";

export type Theme = "light" | "dark";

/** Running, on its way (paused, restarting, created, removing), or not running. */
export type ContainerTone = "running" | "paused" | "stopped";

export interface Palette {
  driver: Record<DriverKey, string>;
  container: Record<ContainerTone, string>;
  host: string;
  external: string;
  endpointEdgeAlpha: string;
  reachEdge: string;
  /** The dotted line from a container in `container:` mode to the container whose network stack it shares. */
  stackEdge: string;
  /** A Compose project: its collapsed node, and the tint and outline of the group drawn behind its members. */
  project: string;
  projectHull: string;
  projectHullEdge: string;
  /** A swarm service (its triangle) and its lines: to the networks it has a virtual IP on, to its tasks. */
  service: string;
  serviceEdge: string;
  /** The ring on a hub whose paths out (Host, External) are hidden at scale. */
  reachMark: string;
  label: string;
  labelMuted: string;
  edgeLabel: string;
  /** The halo behind a hovered or selected node's label. */
  backdrop: string;
}

export const PALETTES: Record<Theme, Palette> = {
  light: {
    driver: {
      bridge: "#2563eb",
      host: "#ea580c",
      macvlan: "#7c3aed",
      ipvlan: "#c026d3",
      overlay: "#0891b2",
      none: "#64748b",
      other: "#a16207",
    },
    container: { running: "#059669", paused: "#84cc16", stopped: "#b6bec9" },
    host: "#334155",
    external: "#0f172a",
    endpointEdgeAlpha: "99",
    reachEdge: "#94a3b8",
    stackEdge: "#0d9488",
    project: "#be185d",
    projectHull: "#be185d12",
    projectHullEdge: "#be185d59",
    service: "#9333ea",
    serviceEdge: "#9333ea",
    reachMark: "#64748b",
    label: "#0f172a",
    labelMuted: "#64748b",
    edgeLabel: "#475569",
    backdrop: "#ffffff",
  },
  dark: {
    driver: {
      bridge: "#60a5fa",
      host: "#fb923c",
      macvlan: "#a78bfa",
      ipvlan: "#e879f9",
      overlay: "#22d3ee",
      none: "#94a3b8",
      other: "#facc15",
    },
    container: { running: "#34d399", paused: "#bef264", stopped: "#4b5563" },
    host: "#cbd5e1",
    external: "#f1f5f9",
    endpointEdgeAlpha: "aa",
    reachEdge: "#64748b",
    stackEdge: "#2dd4bf",
    project: "#f472b6",
    projectHull: "#f472b61a",
    projectHullEdge: "#f472b666",
    service: "#c084fc",
    serviceEdge: "#c084fc",
    reachMark: "#94a3b8",
    label: "#e2e8f0",
    labelMuted: "#94a3b8",
    edgeLabel: "#94a3b8",
    backdrop: "#1e293b",
  },
};

export function containerTone(state: ContainerState | string): ContainerTone {
  switch (state) {
    case "running":
      return "running";
    case "paused":
    case "restarting":
    case "created":
    case "removing":
      return "paused";
    default:
      return "stopped";
  }
}
