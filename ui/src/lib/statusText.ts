// Words for the engine status and the topology's overall state: what the status bar, the banner and
// the graph's overlays say. Pure.
import type { EngineStatusDto, TopologyDto } from "./backend";

/** Seconds until the next retry, counting down from when the status arrived. */
export function secondsLeft(retryInSeconds: number | null, receivedAt: number, now: number): number | null {
  if (retryInSeconds === null) return null;
  return Math.max(0, Math.ceil(retryInSeconds - (now - receivedAt) / 1000));
}

export function stateText(status: EngineStatusDto | null, left: number | null): string {
  if (!status) return "Connecting…";
  switch (status.state) {
    case "connecting":
      return "Connecting…";
    case "connected":
      return "Connected";
    case "unreachable":
      if (left === null) return "Unreachable";
      return left > 0 ? `Unreachable, retrying in ${left} s` : "Unreachable, retrying now";
  }
}

export function sandboxText(status: EngineStatusDto): string {
  const why = status.sandboxReason?.trim() || "no other engine answered";
  return `Sandbox engine — demo topology (${why})`;
}

/** No user-defined network and no container: a fresh engine with only bridge, host and none. */
export function isEmptyTopology(t: TopologyDto): boolean {
  return !t.nodes.some((n) => n.kind === "container" || (n.kind === "network" && !n.network?.predefined));
}

/** How the engine was chosen ("DOCKER_HOST", "default socket", …). */
export function engineSource(status: EngineStatusDto): string | null {
  return status.source || null;
}
