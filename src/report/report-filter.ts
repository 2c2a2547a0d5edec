import { isoWeek, weekStart } from '../pipeline/time-buckets.js';

export interface ReportFilter {
  /**
   * Inclusive UTC dates (YYYY-MM-DD). Figures the store keeps per day (requests, tokens, cost per model and
   * provider; their users) count exactly the days of the window; figures kept only per ISO week count every week
   * that overlaps it (see weekInWindow and the report's `window` section).
   */
  from?: string | undefined;
  to?: string | undefined;
  model?: string | undefined;
  /** Classifier kind ("local") or full version ("local/2026.11.1"). */
  classifier?: string | undefined;
}

const DAY_MS = 86_400_000;

/** A week overlaps the window: it has at least one day inside it (used for figures kept only per week). */
export function weekInWindow(week: string, f: ReportFilter): boolean {
  const start = weekStart(week);
  if (f.from && start + 7 * DAY_MS <= Date.parse(`${f.from}T00:00:00Z`)) return false;
  if (f.to && start > Date.parse(`${f.to}T23:59:59Z`)) return false;
  return true;
}

/** Every day of the week (Monday to Sunday) is inside the window. */
export function weekWithinWindow(week: string, f: ReportFilter): boolean {
  const start = weekStart(week);
  if (f.from && start < Date.parse(`${f.from}T00:00:00Z`)) return false;
  if (f.to && start + 6 * DAY_MS > Date.parse(`${f.to}T00:00:00Z`)) return false;
  return true;
}

/** The week overlaps the window without lying inside it: per-week figures count days outside the window. */
export function weekPartlyInWindow(week: string, f: ReportFilter): boolean {
  return weekInWindow(week, f) && !weekWithinWindow(week, f);
}

export function dayInWindow(day: string, f: ReportFilter): boolean {
  if (f.from && day < f.from) return false;
  if (f.to && day > f.to) return false;
  return true;
}

/** ISO week (UTC) of a YYYY-MM-DD day. */
export function weekOfDay(day: string): string {
  return isoWeek(Date.parse(`${day}T00:00:00Z`));
}

export function classifierMatches(version: string, f: ReportFilter): boolean {
  if (!f.classifier) return true;
  return version === f.classifier || version.split('/')[0] === f.classifier;
}
