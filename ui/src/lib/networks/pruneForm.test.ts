import type { ReportDto } from "../backend";
import { describe, expect, it } from "vitest";

import { filtersFrom, removeLabel, reportCounts, sameFilters, tickedIds, UNTIL_PRESETS } from "./pruneForm";
import type { PreviewItemDto } from "../backend";

const item = (id: string): PreviewItemDto => ({ id, name: id, driver: "bridge", created: null, age: "", labels: [] });

describe("the prune form", () => {
  it("writes days as hours, which Go durations can read", () => {
    expect(UNTIL_PRESETS.map((p) => p.until)).toEqual(["", "1h", "24h", "168h"]);
  });

  it("sends trimmed filters without blank label rows", () => {
    expect(filtersFrom(" 24h ", ["team=web ", "  ", "label!=keep"])).toEqual({ until: "24h", labels: ["team=web", "label!=keep"] });
    expect(sameFilters(filtersFrom("1h", ["a"]), { until: "1h", labels: ["a"] })).toBe(true);
    expect(sameFilters(filtersFrom("1h", ["a"]), { until: "1h", labels: ["b"] })).toBe(false);
  });

  it("keeps the ticked networks in preview order", () => {
    expect(tickedIds([item("a"), item("b"), item("c")], new Set(["b"]))).toEqual(["a", "c"]);
  });

  it("counts and labels", () => {
    expect(removeLabel(1)).toBe("Remove 1 network");
    expect(removeLabel(3)).toBe("Remove 3 networks");
    const report: ReportDto = {
      items: [
        { id: "a", name: "a", outcome: "removed", reason: null },
        { id: "b", name: "b", outcome: "skipped", reason: "web joined it after the preview" },
      ],
      summary: "",
      commands: [],
      history: { entries: [], undo: null, redo: null },
      notice: null,
    };
    expect(reportCounts(report)).toEqual({ removed: 1, skipped: 1, failed: 0 });
  });
});
