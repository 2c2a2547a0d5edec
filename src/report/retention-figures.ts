import type { CensusReport, RetentionCohort } from './census-report.js';
import { suppressedByUsers, type CellRules } from './cell-rules.js';
import { DQ } from './distinct-plan.js';
import { FIELD_SEP } from '../pipeline/rollup-fields.js';

export const RETENTION_METHOD =
  'Activity retention, as in the study: for each model, users are grouped by the first UTC month in which they ' +
  'used it (cohort M), and for every later month K the report gives the share of the cohort active in K. No raw ' +
  'user ids are kept: each model has one HyperLogLog of keyed user hashes per month, and every figure is set ' +
  'arithmetic on union counts: |cohort M| = |∪_{m≤M}| − |∪_{m<M}|, and |cohort M ∩ active K| = ' +
  '(|∪_{m≤M}| + |A_K| − |∪_{m≤M} ∪ A_K|) − (|∪_{m<M}| + |A_K| − |∪_{m<M} ∪ A_K|). Each HyperLogLog count has ' +
  'a standard error of about 0.8%, and the differences compound it: the absolute error of a cohort figure is ' +
  'about 0.8% of the largest union involved, so shares of small cohorts next to large histories are noisy. ' +
  'Shares are clamped to [0, 1]; cohorts below report.minUsers are suppressed. History before the report ' +
  'window counts when deciding a user\'s first month; cohorts are the months inside the window.';

/** Retention curves per model from the resolved distinct counts (keys planned in distinct-plan.ts). Pure. */
export function retentionFigures(rules: CellRules): CensusReport['retention'] {
  const distinct = rules.distinct;
  if (!distinct) return { method: RETENTION_METHOD, models: [] };
  const monthsByModel = new Map<string, string[]>();
  const cohortsByModel = new Map<string, Set<string>>();
  for (const key of distinct.keys()) {
    const parts = key.split(FIELD_SEP);
    if (parts[0] === 'retm') {
      const [, model, month] = parts as [string, string, string];
      let l = monthsByModel.get(model);
      if (!l) monthsByModel.set(model, (l = []));
      l.push(month);
    } else if (parts[0] === 'ret' && parts[2] === 'le' && parts[4] === '') {
      const [, model, , month] = parts as [string, string, string, string];
      let s = cohortsByModel.get(model);
      if (!s) cohortsByModel.set(model, (s = new Set()));
      s.add(month);
    }
  }
  const get = (k: string) => distinct.get(k) ?? 0;
  const models = [...cohortsByModel.keys()].sort().map((model) => {
    const cohorts = [...cohortsByModel.get(model)!].sort();
    const present = new Set(monthsByModel.get(model) ?? []);
    const last = cohorts[cohorts.length - 1]!;
    const out: RetentionCohort[] = cohorts.map((c) => {
      const le = get(DQ.retUpTo(model, c, true));
      const lt = get(DQ.retUpTo(model, c, false));
      const size = Math.max(0, le - lt);
      const suppressed = suppressedByUsers(rules, size);
      const active: RetentionCohort['active'] = [];
      for (let k = nextMonth(c), offset = 1; k <= last; k = nextMonth(k), offset++) {
        if (suppressed) {
          active.push({ month: k, offset, share: null });
          continue;
        }
        if (!present.has(k) || size === 0) {
          active.push({ month: k, offset, share: 0 });
          continue;
        }
        const a = get(DQ.retMonth(model, k));
        const interLe = le + a - get(DQ.retUpTo(model, c, true, k));
        const interLt = lt + a - get(DQ.retUpTo(model, c, false, k));
        const share = (interLe - interLt) / size;
        active.push({ month: k, offset, share: Math.min(1, Math.max(0, share)) });
      }
      return { cohort: c, users: suppressed ? null : size, suppressed, active };
    });
    return { model, cohorts: out };
  });
  return { method: RETENTION_METHOD, models };
}

/** The month after "YYYY-MM". */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
