// Topology changes for the demo preview and tests: what the Rust side would send after `docker run`.
import type { TopologyDto } from "../lib/backend";
import { container, containerNode, endpointEdge, network } from "../test/demoTopology";

/** The demo plus a running `cache` container on backend (at 10.214.10.4), placed near backend's hub. */
export function withExtraContainer(base: TopologyDto): TopologyDto {
  const backend = base.nodes.find((n) => n.id === "network:n-backend")?.network ?? network("n-backend", "backend", "bridge", "10.214.10.0/24");
  const cache = container("c-cache", "cache", "running", "backend");
  return {
    revision: base.revision,
    nodes: [...base.nodes, containerNode(cache, { x: -54, y: 96 })],
    edges: [...base.edges, endpointEdge(backend, cache, "10.214.10.4")],
  };
}
