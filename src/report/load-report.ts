import { loadCatalog } from '../catalog/load-catalog.js';
import type { ModelCatalog } from '../catalog/model-catalog.js';
import type { Config } from '../config/config-schema.js';
import type { AggregationStore } from '../store/aggregation-store.js';
import type { CategoryView } from '../pipeline/classification-deltas.js';
import { buildReport } from './build-report.js';
import type { CensusReport } from './census-report.js';
import { planDistinctQueries, type DistinctQuery } from './distinct-plan.js';
import type { ReportFilter } from './report-filter.js';

export interface LoadReportOptions {
  /** The model catalog; default: loadCatalog(config.catalog.models). */
  catalog?: ModelCatalog;
  /** Distinct counts in flight at once (each is one PFCOUNT-style call). */
  concurrency?: number;
}

/** Resolve distinct-count queries against the store, a bounded number at a time. */
export async function resolveDistinct(
  store: AggregationStore,
  queries: readonly DistinctQuery[],
  concurrency = 64,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  let next = 0;
  const lane = async () => {
    while (next < queries.length) {
      const q = queries[next++]!;
      out.set(q.key, await store.countDistinct(q.names));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queries.length)) }, lane));
  return out;
}

/** Read what the report needs from the store (counters + distinct counts) and build it. */
export async function loadReport(
  store: AggregationStore,
  config: Config,
  view: CategoryView,
  filter: ReportFilter,
  options: LoadReportOptions = {},
): Promise<CensusReport> {
  const catalog = options.catalog ?? loadCatalog(config.catalog.models);
  const counters = await store.readCounters((s) => /^[wskq]/.test(s) || s.startsWith('d:'));
  const names = await store.listDistinct(() => true);
  const distinct = await resolveDistinct(store, planDistinctQueries(names, filter, catalog), options.concurrency);
  return buildReport({
    counters,
    rate: config.sampling.rate,
    view,
    filter,
    minSamples: config.report.minSamples,
    minUsers: config.report.minUsers,
    catalog,
    distinct,
  });
}
