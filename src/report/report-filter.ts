import { weekStart } from '../pipeline/time-buckets.js';

export interface ReportFilter {
  /** Inclusive ISO dates (YYYY-MM-DD); a week is in the window when its Monday is. */
  from?: string | undefined;
  to?: string | undefined;
  model?: string | undefined;
  /** Classifier kind ("local") or full version ("local/2026.11.1"). */
  classifier?: string | undefined;
}

export function weekInWindow(week: string, f: ReportFilter): boolean {
  const start = weekStart(week);
  if (f.from && start + 7 * 86_400_000 <= Date.parse(`${f.from}T00:00:00Z`)) return false;
  if (f.to && start > Date.parse(`${f.to}T23:59:59Z`)) return false;
  return true;
}

export function dayInWindow(day: string, f: ReportFilter): boolean {
  if (f.from && day < f.from) return false;
  if (f.to && day > f.to) return false;
  return true;
}

export function classifierMatches(version: string, f: ReportFilter): boolean {
  if (!f.classifier) return true;
  return version === f.classifier || version.split('/')[0] === f.classifier;
}
