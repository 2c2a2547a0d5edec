import { CATEGORY_DISPLAY_NAMES, CATEGORY_IDS } from '../taxonomy/categories.js';
import type { TaxonomyMapping } from '../taxonomy/taxonomy-mapping.js';
import { CATEGORY_FIELDS as CF, parseCategoryScope } from '../pipeline/category-scopes.js';
import { MODEL_METRICS as M, SAMPLING_FIELDS as S, splitField } from '../pipeline/rollup-fields.js';
import type { CensusReport, CategoryFigure, TokenTotals } from './census-report.js';
import { classifierMatches, weekInWindow, type ReportFilter } from './report-filter.js';
import { wilsonInterval } from './wilson-interval.js';

export type Counters = Map<string, Map<string, number>>;

export interface BuildReportInput {
  counters: Counters;
  rate: number;
  view: { id: string; mapping: TaxonomyMapping; minConfidence: number };
  filter: ReportFilter;
  minSamples: number;
}

const zero = (): TokenTotals => ({ requests: 0, promptTokens: 0, completionTokens: 0, reasoningTokens: 0, cachedTokens: 0, costUsd: 0 });

const METRIC_TO_TOTAL: Record<string, keyof TokenTotals> = {
  [M.requests]: 'requests',
  [M.promptTokens]: 'promptTokens',
  [M.completionTokens]: 'completionTokens',
  [M.reasoningTokens]: 'reasoningTokens',
  [M.cachedTokens]: 'cachedTokens',
  [M.costNano]: 'costUsd',
};

function addMetric(t: TokenTotals, metric: string, v: number) {
  const k = METRIC_TO_TOTAL[metric];
  if (k) t[k] += v;
}

const roundCost = (t: TokenTotals): TokenTotals => ({ ...t, costUsd: Math.round(t.costUsd) / 1e9 });

/** Build the report from store counters (pure). */
export function buildReport(input: BuildReportInput): CensusReport {
  const { counters, filter, rate } = input;
  const totals = zero();
  const byModel = new Map<string, TokenTotals>();
  const byProvider = new Map<string, TokenTotals>();
  const byWeek = new Map<string, TokenTotals>();
  const sampling = { eventsSeen: 0, eventsSampled: 0, notSampled: 0, consentDenied: 0, noConsent: 0 };
  const weeks = new Set<string>();

  for (const [scope, fields] of counters) {
    if (scope.startsWith('w:')) {
      const week = scope.slice(2);
      if (!weekInWindow(week, filter)) continue;
      weeks.add(week);
      for (const [f, v] of fields) {
        if (!f.startsWith('m\u001f')) continue;
        const [, model, provider, metric] = splitField(f) as [string, string, string, string];
        if (filter.model && model !== filter.model) continue;
        if (!(metric in METRIC_TO_TOTAL)) continue;
        addMetric(totals, metric, v);
        let m = byModel.get(model);
        if (!m) byModel.set(model, (m = zero()));
        addMetric(m, metric, v);
        const pk = provider || '(unknown)';
        let p = byProvider.get(pk);
        if (!p) byProvider.set(pk, (p = zero()));
        addMetric(p, metric, v);
        let w = byWeek.get(week);
        if (!w) byWeek.set(week, (w = zero()));
        addMetric(w, metric, v);
      }
    } else if (scope.startsWith('s:')) {
      const week = scope.slice(2);
      if (!weekInWindow(week, filter)) continue;
      sampling.eventsSeen += fields.get(S.seen) ?? 0;
      sampling.eventsSampled += fields.get(S.sampled) ?? 0;
      sampling.notSampled += fields.get(S.notSampled) ?? 0;
      sampling.consentDenied += fields.get(S.consentDenied) ?? 0;
      sampling.noConsent += fields.get(S.noConsent) ?? 0;
    }
  }

  // Sampled figures.
  const catCount = new Map<string, number>();
  const primaryCount = new Map<string, number>();
  const tagCount = new Map<string, number>();
  const perClassifier = new Map<string, number>();
  let classified = 0;
  let belowThreshold = 0;
  let unclassifiable = 0;
  let classifierErrors = 0;
  const inc = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (const [scope, fields] of counters) {
    const p = parseCategoryScope(scope);
    if (!p || !weekInWindow(p.week, filter) || !classifierMatches(p.classifier, filter)) continue;
    if (p.family === 'q') {
      const u = fields.get(CF.outcome('unclassifiable')) ?? 0;
      const e = fields.get(CF.outcome('error')) ?? 0;
      unclassifiable += u;
      classifierErrors += e;
      inc(perClassifier, p.classifier, u + e);
      continue;
    }
    if (p.view !== input.view.id) continue;
    if (filter.model) {
      // Per-model figures come from the cm/pm fields.
      let n = 0;
      for (const [f, v] of fields) {
        const parts = splitField(f);
        if (parts[2] !== filter.model) continue;
        if (parts[0] === 'cm') inc(catCount, parts[1]!, v);
        else if (parts[0] === 'pm') {
          inc(primaryCount, parts[1]!, v);
          n += v;
        }
      }
      classified += n;
      inc(perClassifier, p.classifier, n);
      continue;
    }
    const c = fields.get(CF.outcome('classified')) ?? 0;
    const b = fields.get(CF.outcome('belowThreshold')) ?? 0;
    classified += c;
    belowThreshold += b;
    inc(perClassifier, p.classifier, c + b);
    for (const [f, v] of fields) {
      const parts = splitField(f);
      if (parts.length !== 2) continue;
      if (parts[0] === 'c') inc(catCount, parts[1]!, v);
      else if (parts[0] === 'p') inc(primaryCount, parts[1]!, v);
      else if (parts[0] === 't') inc(tagCount, parts[1]!, v);
    }
  }
  const answered = classified + belowThreshold;
  const scale = rate > 0 ? 1 / rate : 0;
  const categories: CategoryFigure[] = CATEGORY_IDS.map((id) => {
    const k = catCount.get(id) ?? 0;
    const ci = wilsonInterval(k, answered);
    return {
      category: id,
      name: CATEGORY_DISPLAY_NAMES[id],
      sampledRequests: k,
      estimatedRequests: Math.round(k * scale),
      share: answered ? k / answered : 0,
      shareLow: ci.low,
      shareHigh: ci.high,
      estimatedRequestsLow: Math.round(ci.low * answered * scale),
      estimatedRequestsHigh: Math.round(ci.high * answered * scale),
      primarySampledRequests: primaryCount.get(id) ?? 0,
      suppressed: k > 0 && k < input.minSamples,
    };
  }).sort((a, b) => b.sampledRequests - a.sampledRequests || a.category.localeCompare(b.category));

  const tagCategory = new Map(input.view.mapping.tags().map((t) => [t.id, t.category]));
  const tags = [...tagCount.entries()]
    .map(([tag, n]) => ({ tag, category: tagCategory.get(tag) ?? 'others', sampledRequests: n, share: answered ? n / answered : 0 }))
    .sort((a, b) => b.sampledRequests - a.sampledRequests || a.tag.localeCompare(b.tag));

  const sortedWeeks = [...weeks].sort();
  return {
    window: { from: filter.from ?? null, to: filter.to ?? null, weeks: sortedWeeks },
    filters: { model: filter.model ?? null, classifier: filter.classifier ?? null },
    totals: roundCost(totals),
    byModel: [...byModel.entries()]
      .map(([model, t]) => ({ model, ...roundCost(t) }))
      .sort((a, b) => b.promptTokens + b.completionTokens - (a.promptTokens + a.completionTokens) || a.model.localeCompare(b.model)),
    byProvider: [...byProvider.entries()]
      .map(([provider, t]) => ({ provider, ...roundCost(t) }))
      .sort((a, b) => b.requests - a.requests || a.provider.localeCompare(b.provider)),
    byWeek: [...byWeek.entries()].map(([week, t]) => ({ week, ...roundCost(t) })).sort((a, b) => a.week.localeCompare(b.week)),
    sampling: { rate, ...sampling, classified, belowThreshold, unclassifiable, classifierErrors },
    view: { id: input.view.id, mappingVersion: input.view.mapping.version, minConfidence: input.view.minConfidence },
    classifiers: [...perClassifier.entries()].map(([classifier, samples]) => ({ classifier, samples })).sort((a, b) => a.classifier.localeCompare(b.classifier)),
    categories,
    tags,
    method:
      'Totals, by-model and by-week figures count every event. Category figures come from a deterministic sample ' +
      '(HMAC-SHA256 of the request id below sampling.rate); a sample counts under every category whose label passed ' +
      'the confidence threshold. share = samples in the category / samples the classifier answered; the interval is a ' +
      '95% Wilson score interval; estimatedRequests = sampled requests / sampling rate. Cells backed by fewer than ' +
      'report.minSamples samples are marked suppressed.',
  };
}
