import type { ModelCatalog } from '../catalog/model-catalog.js';
import type { TaxonomyMapping } from '../taxonomy/taxonomy-mapping.js';
import { SAMPLING_FIELDS as S, SAMPLING_RATE_FIELD_PREFIX } from '../pipeline/rollup-fields.js';
import type { CensusReport } from './census-report.js';
import type { CellRules } from './cell-rules.js';
import type { DistinctCounts } from './distinct-plan.js';
import { REPORT_METHODS, SUPPRESSION_RULE, WINDOW_EXACT_DAYS, WINDOW_WHOLE_WEEKS, windowNote } from './report-methods.js';
import { weekInWindow, weekPartlyInWindow, type ReportFilter } from './report-filter.js';
import { retentionFigures } from './retention-figures.js';
import { sampledFigures } from './sampled-figures.js';
import { usageFigures } from './usage-figures.js';

export type Counters = Map<string, Map<string, number>>;

export interface BuildReportInput {
  counters: Counters;
  /**
   * The configured sampling rate: used only for weeks the store holds no applied rate for (data written before
   * rates were recorded). Estimates otherwise scale by the rate the edge applied.
   */
  rate: number;
  view: { id: string; mapping: TaxonomyMapping; minConfidence: number };
  filter: ReportFilter;
  minSamples: number;
  /** Catalog for author / open / origin / size / reasoning dimensions, applied now to all history. */
  catalog: ModelCatalog;
  /** report.minUsers; default 10. */
  minUsers?: number;
  /** Distinct-user counts resolved for planDistinctQueries(...); without them user-based cells are suppressed. */
  distinct?: DistinctCounts;
}

/** Build the report from store counters, distinct counts and the catalog (pure, no I/O). */
export function buildReport(input: BuildReportInput): CensusReport {
  const { counters, filter } = input;
  const rules: CellRules = { minUsers: input.minUsers ?? 10, minSamples: input.minSamples, distinct: input.distinct ?? null };

  const sampling = { eventsSeen: 0, eventsSampled: 0, notSampled: 0, consentDenied: 0, noConsent: 0 };
  // Events that could be sampled, by the rate the edge applied to them; weeks without a recorded rate use the config's.
  const byRate = new Map<number, number>();
  for (const [scope, fields] of counters) {
    if (!scope.startsWith('s:') || !weekInWindow(scope.slice(2), filter)) continue;
    sampling.eventsSeen += fields.get(S.seen) ?? 0;
    sampling.eventsSampled += fields.get(S.sampled) ?? 0;
    sampling.notSampled += fields.get(S.notSampled) ?? 0;
    sampling.consentDenied += fields.get(S.consentDenied) ?? 0;
    sampling.noConsent += fields.get(S.noConsent) ?? 0;
    let recorded = 0;
    for (const [f, n] of fields) {
      if (!f.startsWith(SAMPLING_RATE_FIELD_PREFIX)) continue;
      const r = Number(f.slice(SAMPLING_RATE_FIELD_PREFIX.length));
      byRate.set(r, (byRate.get(r) ?? 0) + n);
      recorded += n;
    }
    const unrecorded = (fields.get(S.sampled) ?? 0) + (fields.get(S.notSampled) ?? 0) - recorded;
    if (unrecorded > 0) byRate.set(input.rate, (byRate.get(input.rate) ?? 0) + unrecorded);
  }
  const rate = appliedRate(byRate, input.rate);
  const rates = [...byRate].sort((a, b) => a[0] - b[0]).map(([r, events]) => ({ rate: r, events }));

  const usage = usageFigures(counters, filter, input.catalog, rules);
  const sampled = sampledFigures({ counters, rate, view: input.view, filter, catalog: input.catalog, rules });

  const weeksPartial = usage.windowWeeks.filter((w) => weekPartlyInWindow(w, filter));
  return {
    window: {
      from: filter.from ?? null,
      to: filter.to ?? null,
      weeks: usage.windowWeeks,
      weeksPartial,
      exactDays: [...WINDOW_EXACT_DAYS],
      wholeWeeks: [...WINDOW_WHOLE_WEEKS],
      note: windowNote(weeksPartial),
    },
    filters: { model: filter.model ?? null, classifier: filter.classifier ?? null },
    warnings: sampled.warnings,
    totals: usage.totals,
    byModel: usage.byModel,
    byProvider: usage.byProvider,
    byWeek: usage.byWeek,
    sampling: { rate, configuredRate: input.rate, rates, ...sampling, ...sampled.outcomes },
    view: { id: input.view.id, mappingVersion: input.view.mapping.version, minConfidence: input.view.minConfidence },
    classifiers: sampled.classifiers,
    categories: sampled.categories,
    tags: sampled.tags,
    method:
      'Totals, by-model, by-provider, by-week and by-day figures count every event in the window, exactly. Category ' +
      'and tag figures come from a deterministic sample (HMAC-SHA256 of the request id below sampling.rate); a sample ' +
      'counts under every category and tag whose label passed the confidence threshold. share = samples in the ' +
      'category (tag) / samples the classifier answered, with a 95% Wilson score interval; estimatedRequests = sampled ' +
      'requests / sampling rate, its interval = the share interval × answered samples / rate. ' + SUPPRESSION_RULE +
      ' The methods field details each figure; window.note says which figures count whole weeks.',
    catalog: { version: input.catalog.version, unknownModels: usage.unknownModels },
    suppression: { minUsers: rules.minUsers, minSamples: rules.minSamples, rule: SUPPRESSION_RULE },
    byDay: usage.byDay,
    dimensions: usage.dimensions,
    weekly: usage.weekly,
    daily: usage.daily,
    models: usage.models,
    toolUse: usage.toolUse,
    reasoningShare: usage.reasoningShare,
    shapes: { ...usage.shapes, byCategory: sampled.shapesByCategory },
    geography: usage.geography,
    users: usage.users,
    retention: retentionFigures(rules),
    sampled: sampled.sampled,
    methods: { ...REPORT_METHODS },
  };
}

/**
 * The rate behind the estimates: the mean rate over the events that could be sampled (exactly the applied rate
 * when one was used throughout; with several, the expected sample size over the eligible events). The configured
 * rate when no event is in the window.
 */
function appliedRate(byRate: ReadonlyMap<number, number>, configured: number): number {
  if (byRate.size === 1) return [...byRate.keys()][0]!;
  let events = 0;
  let expected = 0;
  for (const [r, n] of byRate) {
    events += n;
    expected += r * n;
  }
  return events > 0 ? expected / events : configured;
}
