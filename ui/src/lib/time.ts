// Dates for people: parsing Docker's RFC 3339 timestamps (nanoseconds included) and showing them as a
// local date plus "3 days ago". Pure; the caller passes "now" so tests pin it.

/** Docker writes nanoseconds; JavaScriptCore only parses up to milliseconds, so trim before parsing. */
export function parseRfc3339(text: string | null | undefined): Date | null {
  if (!text) return null;
  const trimmed = text.trim().replace(/(\.\d{3})\d+/, "$1");
  const ms = Date.parse(trimmed);
  if (Number.isNaN(ms)) return null;
  // Docker reports year 1 for "unknown"; nobody created a network before 2013.
  if (new Date(ms).getUTCFullYear() < 2000) return null;
  return new Date(ms);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "always" });

/** "3 days ago", "in 2 hours", "just now". */
export function relativeTime(then: Date, now: Date): string {
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  for (const [unit, size] of UNITS) {
    if (abs >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

/** The local date and time, in the user's locale. */
export function localDateTime(date: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}
