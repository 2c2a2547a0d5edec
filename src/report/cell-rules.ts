import type { DistinctCounts } from './distinct-plan.js';

/** Small-cell thresholds and the distinct counts they are checked against. */
export interface CellRules {
  minUsers: number;
  minSamples: number;
  distinct: DistinctCounts | null;
}

/** Distinct users for a query key; null when the store has no such count (never counted). */
export function usersOf(rules: CellRules, key: string): number | null {
  if (!rules.distinct) return null;
  const n = rules.distinct.get(key);
  return n === undefined ? null : n;
}

/**
 * A cell of all-event figures is suppressed when it is backed by fewer than minUsers distinct users, or when
 * its users cannot be counted at all (no HyperLogLog behind it) while minUsers > 0: unknown is treated as small.
 */
export function suppressedByUsers(rules: CellRules, users: number | null): boolean {
  if (rules.minUsers <= 0) return false;
  return users === null || users < rules.minUsers;
}

/**
 * A sampled cell is suppressed when it holds fewer than minSamples samples (but more than none: an empty
 * cell discloses nothing). Category cells carry no user counts: user hashes are never stored beside a
 * category, so sampled cells are suppressed by sample count only (plus their model / group's users where the
 * cell is a model or group cut).
 */
export function suppressedBySamples(rules: CellRules, samples: number): boolean {
  return samples > 0 && samples < rules.minSamples;
}
