import { describe, expect, it } from "vitest";

import { demoTopology } from "../../test/demoTopology";
import { indexTopology } from "../topologyIndex";
import { litIds, reachLight } from "./light";

describe("what a selected container's light keeps", () => {
  it("keeps a container that reaches nothing with its own networks and lines, and nothing else", () => {
    const index = indexTopology(demoTopology(1));
    const kept = litIds(reachLight("c-nightly", []), index);
    expect(kept.has("container:c-nightly")).toBe(true);
    expect(kept.has("network:n-backend")).toBe(true);
    expect(kept.has("endpoint:n-backend:c-nightly")).toBe(true);
    // Not its network's other members, nor that network's paths out.
    expect(kept.has("container:c-db")).toBe(false);
    expect(kept.has("endpoint:n-backend:c-db")).toBe(false);
    expect([...kept].some((id) => id.startsWith("reach:"))).toBe(false);
  });
});
