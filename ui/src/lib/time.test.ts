import { describe, expect, it } from "vitest";

import { localDateTime, parseRfc3339, relativeTime } from "./time";

describe("parseRfc3339", () => {
  it("parses Docker's nanosecond timestamps", () => {
    const d = parseRfc3339("2026-11-25T10:00:00.123456789Z");
    expect(d?.toISOString()).toBe("2026-11-25T10:00:00.123Z");
  });

  it("keeps the zone offset", () => {
    expect(parseRfc3339("2026-11-25T12:00:00.5+02:00")?.toISOString()).toBe("2026-11-25T10:00:00.500Z");
  });

  it("treats missing, garbage and Docker's year-one zero value as unknown", () => {
    expect(parseRfc3339(null)).toBeNull();
    expect(parseRfc3339("yesterday")).toBeNull();
    expect(parseRfc3339("0001-01-01T00:00:00Z")).toBeNull();
  });
});

describe("relativeTime", () => {
  const now = new Date("2026-11-28T10:00:00Z");
  const ago = (seconds: number) => relativeTime(new Date(now.getTime() - seconds * 1000), now);

  it("says days ago for a network created three days earlier", () => {
    expect(ago(3 * 24 * 3600)).toBe("3 days ago");
  });

  it("rounds down to the largest whole unit", () => {
    expect(ago(90 * 60)).toBe("1 hour ago");
    expect(ago(10 * 60)).toBe("10 minutes ago");
    expect(ago(400 * 24 * 3600)).toBe("1 year ago");
  });

  it("calls the last few seconds just now, also for small clock skew into the future", () => {
    expect(ago(5)).toBe("just now");
    expect(ago(-5)).toBe("just now");
  });

  it("speaks of the future when the clock is behind", () => {
    expect(ago(-2 * 3600)).toBe("in 2 hours");
  });
});

describe("localDateTime", () => {
  it("formats with date and time", () => {
    const text = localDateTime(new Date("2026-11-25T10:00:00Z"), "en-GB");
    expect(text).toMatch(/2026/);
    expect(text).toMatch(/Nov/);
  });
});
