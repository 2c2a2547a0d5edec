import type { Config } from '../config/config-schema.js';
import type { AggregationStore } from '../store/aggregation-store.js';
import type { CategoryView } from '../pipeline/classification-deltas.js';
import { buildReport } from './build-report.js';
import type { CensusReport } from './census-report.js';
import type { ReportFilter } from './report-filter.js';

/** Read what the report needs from the store and build it. */
export async function loadReport(
  store: AggregationStore,
  config: Config,
  view: CategoryView,
  filter: ReportFilter,
): Promise<CensusReport> {
  const counters = await store.readCounters((s) => /^[wskq]/.test(s));
  return buildReport({ counters, rate: config.sampling.rate, view, filter, minSamples: config.report.minSamples });
}
