import { describe, expect, it } from "vitest";

import type { EdgeDto } from "../backend";
import { demoTopology } from "../../test/demoTopology";
import { indexTopology } from "../topologyIndex";
import { resolveSelection } from "./selection";

describe("resolveSelection", () => {
  it("resolves every kind of line as an edge, a swarm service's lines and a shared stack's included", () => {
    const base = demoTopology();
    const line = (id: string, kind: EdgeDto["kind"]): EdgeDto => ({
      id, kind, source: "network:n-backend", target: "container:c-api", label: "", endpoint: null, reach: null,
    });
    const extra = [line("vip:s-web:n-backend", "serviceNetwork"), line("task:s-web:c-api", "task"), line("stack:c-api", "stack")];
    const index = indexTopology({ ...base, edges: [...base.edges, ...extra] });
    for (const { id } of extra) expect(resolveSelection(id, index)?.kind, id).toBe("edge");
  });

  it("says a line or a node that vanished is gone", () => {
    const index = indexTopology(demoTopology());
    expect(resolveSelection("vip:s-gone:n-backend", index)?.kind).toBe("gone");
    expect(resolveSelection("container:c-gone", index)?.kind).toBe("gone");
    expect(resolveSelection("container:c-api", index)?.kind).toBe("node");
  });
});
