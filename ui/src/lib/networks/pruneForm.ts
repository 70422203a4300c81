// The prune dialog's filters and selection as plain data: the age presets, the filters sent to the
// preview, and which previewed networks stay ticked. Pure; it must not judge a filter (the Rust side says
// which `until` or label filter it cannot read, next to the field).
import type { PreviewItemDto, PruneFiltersDto, ReportDto } from "../backend";

export interface UntilPreset {
  label: string;
  /** A Go duration as the CLI's `until` filter takes it; blank for any age. */
  until: string;
}

/** Days are written in hours: Go durations (and so the CLI) have no day unit. */
export const UNTIL_PRESETS: readonly UntilPreset[] = [
  { label: "Any age", until: "" },
  { label: "Older than 1 hour", until: "1h" },
  { label: "Older than 24 hours", until: "24h" },
  { label: "Older than 7 days", until: "168h" },
];

/** The filters as sent: surrounding spaces dropped, blank label rows left out. */
export function filtersFrom(until: string, labels: string[]): PruneFiltersDto {
  return { until: until.trim(), labels: labels.map((l) => l.trim()).filter((l) => l !== "") };
}

/** Whether two filter sets ask the same question, to tell when a preview no longer matches the form. */
export function sameFilters(a: PruneFiltersDto, b: PruneFiltersDto): boolean {
  return a.until === b.until && a.labels.length === b.labels.length && a.labels.every((l, i) => l === b.labels[i]);
}

/** The previewed networks still ticked, in preview order: exactly what the confirm removes. */
export function tickedIds(items: PreviewItemDto[], unticked: ReadonlySet<string>): string[] {
  return items.filter((i) => !unticked.has(i.id)).map((i) => i.id);
}

/** "Remove 1 network", "Remove 3 networks". */
export function removeLabel(count: number): string {
  return `Remove ${count} network${count === 1 ? "" : "s"}`;
}

/** How many networks of a report ended each way. */
export function reportCounts(report: ReportDto): { removed: number; skipped: number; failed: number } {
  const count = (outcome: string) => report.items.filter((i) => i.outcome === outcome).length;
  return { removed: count("removed"), skipped: count("skipped"), failed: count("failed") };
}
