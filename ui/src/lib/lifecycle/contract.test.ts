// Proves the hand-mirrored lifecycle types in types.ts are the generated contract's, both ways, so the real
// backend's values flow into the dialogs and the dialogs' values into the real commands. The proof is tsc's
// (`npm run check` type-checks this file); a drifted contract fails to compile here.
import { describe, expect, it } from "vitest";

import type * as Gen from "../bindings";
import type { commands } from "../bindings";
import type * as Local from "./types";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const sameShapes: [
  Same<Local.AppError, Gen.AppError>,
  Same<Local.ProblemDto, Gen.ProblemDto>,
  Same<Local.KeyValueDto, Gen.KeyValueDto>,
  Same<Local.HistoryDto, Gen.HistoryDto>,
  Same<Local.OutcomeDto, Gen.OutcomeDto>,
  Same<Local.NetworkSpecDto, Gen.NetworkSpecDto>,
  Same<Local.DriverChoiceDto, Gen.DriverChoiceDto>,
  Same<Local.CreateOptionsDto, Gen.CreateOptionsDto>,
  Same<Local.CreatePlanDto, Gen.CreatePlanDto>,
  Same<Local.AttachedDto, Gen.AttachedDto>,
  Same<Local.RemoveItemDto, Gen.RemoveItemDto>,
  Same<Local.RemovePlanDto, Gen.RemovePlanDto>,
  Same<Local.PruneFiltersDto, Gen.PruneFiltersDto>,
  Same<Local.PreviewItemDto, Gen.PreviewItemDto>,
  Same<Local.PrunePreviewDto, Gen.PrunePreviewDto>,
  Same<Local.ReportItemDto, Gen.ReportItemDto>,
  Same<Local.ReportDto, Gen.ReportDto>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];

/** backend.ts can hand the generated commands over as they are. */
function fromGenerated(c: typeof commands): Local.LifecycleBackend {
  return {
    createOptions: c.createOptions,
    planCreate: c.planCreate,
    createNetwork: c.createNetwork,
    planRemove: c.planRemove,
    removeNetworks: c.removeNetworks,
    prunePreview: c.prunePreview,
    pruneNetworks: c.pruneNetworks,
    networkJson: c.networkJson,
  };
}

describe("the lifecycle contract mirror", () => {
  it("matches the generated types (checked by tsc)", () => {
    expect(sameShapes.every((s) => s === true)).toBe(true);
    expect(typeof fromGenerated).toBe("function");
  });
});
