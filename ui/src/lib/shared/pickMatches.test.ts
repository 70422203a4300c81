import { describe, expect, it } from "vitest";

import { pickMatches } from "./pickMatches";

const options = ["api", "bench-c-0001", "bench-c-0010", "db", "legacy-api", "web"].map((name) => ({ id: `c-${name}`, name }));

describe("a picker's matches", () => {
  it("puts names starting with the text before names holding it, ignoring case and spaces", () => {
    expect(pickMatches(options, " API ", 10).shown.map((o) => o.name)).toEqual(["api", "legacy-api"]);
    expect(pickMatches(options, "c-001", 10).shown.map((o) => o.name)).toEqual(["bench-c-0010"]);
    expect(pickMatches(options, "zzz", 10)).toEqual({ shown: [], more: 0 });
  });

  it("shows everything for no text, at most `limit`, and says how many more matched", () => {
    expect(pickMatches(options, "", 10).shown).toHaveLength(6);
    expect(pickMatches(options, "", 4)).toEqual({ shown: options.slice(0, 4), more: 2 });
    expect(pickMatches(options, "bench", 1).more).toBe(1);
  });
});
