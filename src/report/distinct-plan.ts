import type { ModelCatalog } from '../catalog/model-catalog.js';
import { DISTINCT_NAMES as D, FIELD_SEP } from '../pipeline/rollup-fields.js';
import { continentOf, continentTable } from './continents.js';
import { dimensionResolver, CATALOG_DIMENSIONS } from './model-dimensions.js';
import { dayInWindow, weekInWindow, weekOfDay, weekPartlyInWindow, weekWithinWindow, type ReportFilter } from './report-filter.js';

/** One distinct-user count the report needs: the HyperLogLog union of `names`. */
export interface DistinctQuery {
  key: string;
  names: string[];
}

/** Resolved counts by query key (what buildReport reads). */
export type DistinctCounts = ReadonlyMap<string, number>;

/** Query keys; buildReport and the plan build them with the same functions. */
export const DQ = {
  /** Users in the window (all models, or the filtered model). */
  all: () => 'all',
  /** Users in one week or day ('*' = every model). */
  period: (period: string, dim: string, key: string) => ['p', period, dim, key].join(FIELD_SEP),
  /** Users of one cell over the whole window. */
  window: (dim: string, key: string) => ['win', dim, key].join(FIELD_SEP),
  /** Retention: union of the model's monthly sets for months ≤ / < `month`, optionally with month `plus`. */
  retUpTo: (model: string, month: string, inclusive: boolean, plus?: string) =>
    ['ret', model, inclusive ? 'le' : 'lt', month, plus ?? ''].join(FIELD_SEP),
  retMonth: (model: string, month: string) => ['retm', model, month].join(FIELD_SEP),
};

interface Parsed {
  family: string;
  period: string;
  key: string;
}

function parseName(name: string): Parsed | null {
  if (name.startsWith('w:')) return { family: 'w', period: name.slice(2), key: '' };
  const parts = name.split(FIELD_SEP);
  if (parts.length !== 3) return null;
  return { family: parts[0]!, period: parts[1]!, key: parts[2]! };
}

/** Months (YYYY-MM) that overlap the filter's window. */
export function monthInWindow(month: string, f: ReportFilter): boolean {
  if (f.from && month < f.from.slice(0, 7)) return false;
  if (f.to && month > f.to.slice(0, 7)) return false;
  return true;
}

const isWeek = (p: string) => /^\d{4}-W\d{2}$/.test(p);

/**
 * Every distinct count the report needs, from the names of the stored HyperLogLogs. Catalog dimensions are
 * unions over the models in a group, so they follow the catalog as it is now. The window is day-precise like the
 * figures the counts suppress: a week inside the window counts through its week sets, a week partly outside it
 * through the day sets of its days in the window. Pure.
 */
export function planDistinctQueries(names: readonly string[], filter: ReportFilter, catalog: ModelCatalog): DistinctQuery[] {
  const queries = new Map<string, Set<string>>();
  const add = (key: string, name: string) => {
    let s = queries.get(key);
    if (!s) queries.set(key, (s = new Set()));
    s.add(name);
  };
  const dims = dimensionResolver(catalog);
  const continents = continentTable();
  const monthly = new Map<string, string[]>(); // model → months with a set
  const modelOk = (m: string) => !filter.model || m === filter.model;
  const weekOf = new Map<string, string>(); // day → ISO week

  for (const name of names) {
    const p = parseName(name);
    if (!p) continue;
    const weekly = isWeek(p.period);
    if (p.family === 'mm') {
      if (!modelOk(p.key)) continue;
      let l = monthly.get(p.key);
      if (!l) monthly.set(p.key, (l = []));
      l.push(p.period);
      continue;
    }
    if (weekly) {
      if (!weekInWindow(p.period, filter)) continue;
      // A week partly outside the window: its day-precise cells count the users of the window's days (the day
      // sets below), not the week's set. Countries are kept per week only, so their sets count whole weeks.
      const whole = weekWithinWindow(p.period, filter);
      switch (p.family) {
        case 'w':
          if (filter.model || !whole) break;
          add(DQ.all(), name);
          add(DQ.period(p.period, '*', '*'), name);
          break;
        case 'wm': {
          if (!modelOk(p.key) || !whole) break;
          add(DQ.period(p.period, 'model', p.key), name);
          add(DQ.window('model', p.key), name);
          if (filter.model) {
            add(DQ.all(), name);
            add(DQ.period(p.period, '*', '*'), name);
          }
          const d = dims(p.key);
          for (const dim of CATALOG_DIMENSIONS) {
            add(DQ.period(p.period, dim, d[dim]), name);
            add(DQ.window(dim, d[dim]), name);
          }
          break;
        }
        case 'wp':
          if (filter.model || !whole) break; // provider sets are not per model: those cells cannot be counted
          add(DQ.period(p.period, 'provider', p.key || '(unknown)'), name);
          add(DQ.window('provider', p.key || '(unknown)'), name);
          break;
        case 'wc':
          if (filter.model) break;
          add(DQ.window('country', p.key), name);
          add(DQ.window('continent', continentOf(continents, p.key) ?? 'unknown'), name);
          break;
        default:
          break;
      }
      continue;
    }
    if (!dayInWindow(p.period, filter)) continue;
    let week = weekOf.get(p.period);
    if (week === undefined) weekOf.set(p.period, (week = weekOfDay(p.period)));
    const partial = weekPartlyInWindow(week, filter);
    switch (p.family) {
      case 'dm': {
        if (!modelOk(p.key)) break;
        add(DQ.period(p.period, 'model', p.key), name);
        add(DQ.period(p.period, '*', '*'), name);
        const d = dims(p.key);
        for (const dim of CATALOG_DIMENSIONS) add(DQ.period(p.period, dim, d[dim]), name);
        if (partial) {
          add(DQ.period(week, 'model', p.key), name);
          add(DQ.window('model', p.key), name);
          add(DQ.period(week, '*', '*'), name);
          add(DQ.all(), name);
          for (const dim of CATALOG_DIMENSIONS) {
            add(DQ.period(week, dim, d[dim]), name);
            add(DQ.window(dim, d[dim]), name);
          }
        }
        break;
      }
      case 'dp':
        if (filter.model) break;
        add(DQ.period(p.period, 'provider', p.key || '(unknown)'), name);
        if (partial) {
          add(DQ.period(week, 'provider', p.key || '(unknown)'), name);
          add(DQ.window('provider', p.key || '(unknown)'), name);
        }
        break;
      default:
        break;
    }
  }

  // Retention (see retention-figures.ts): cohorts are the months in the window; history before it counts
  // towards "already a user".
  for (const [model, months] of monthly) {
    months.sort();
    const cohorts = months.filter((m) => monthInWindow(m, filter));
    for (const m of months) add(DQ.retMonth(model, m), D.monthModel(m, model));
    for (const c of cohorts) {
      const le = months.filter((m) => m <= c).map((m) => D.monthModel(m, model));
      const lt = months.filter((m) => m < c).map((m) => D.monthModel(m, model));
      for (const n of le) add(DQ.retUpTo(model, c, true), n);
      for (const n of lt) add(DQ.retUpTo(model, c, false), n);
      for (const k of cohorts.filter((m) => m > c)) {
        const a = D.monthModel(k, model);
        for (const n of [...le, a]) add(DQ.retUpTo(model, c, true, k), n);
        for (const n of [...lt, a]) add(DQ.retUpTo(model, c, false, k), n);
      }
    }
  }
  return [...queries.entries()].map(([key, s]) => ({ key, names: [...s].sort() }));
}
