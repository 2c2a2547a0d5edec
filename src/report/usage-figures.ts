import type { ModelCatalog } from '../catalog/model-catalog.js';
import { COUNTRY_METRICS, MODEL_METRICS as M, splitField } from '../pipeline/rollup-fields.js';
import type { CensusReport, PeriodCells, ShapeStats, TokenTotals, UsageCell, UsageDimension } from './census-report.js';
import { suppressedByUsers, usersOf, type CellRules } from './cell-rules.js';
import { CONTINENT_NAMES, continentOf, continentTable, type ContinentCode } from './continents.js';
import { DQ } from './distinct-plan.js';
import { addToHistogram, histogramQuantile, type Histogram } from './estimates.js';
import { dimensionResolver, USAGE_DIMENSIONS, CATALOG_DIMENSIONS } from './model-dimensions.js';
import { dayInWindow, weekInWindow, weekOfDay, type ReportFilter } from './report-filter.js';

type Counters = Map<string, Map<string, number>>;

/** Sums of one cell, all events. Cost in nano-USD. */
interface Acc {
  req: number;
  pt: number;
  ct: number;
  rt: number;
  kt: number;
  cost: number;
  toolReq: number;
  toolTok: number;
  toolsReq: number;
  toolsTok: number;
}
const zeroAcc = (): Acc => ({ req: 0, pt: 0, ct: 0, rt: 0, kt: 0, cost: 0, toolReq: 0, toolTok: 0, toolsReq: 0, toolsTok: 0 });

const METRIC_KEY: Record<string, keyof Acc> = {
  [M.requests]: 'req',
  [M.promptTokens]: 'pt',
  [M.completionTokens]: 'ct',
  [M.reasoningTokens]: 'rt',
  [M.cachedTokens]: 'kt',
  [M.costNano]: 'cost',
  [M.toolCallRequests]: 'toolReq',
  [M.toolCallTokens]: 'toolTok',
  [M.toolsProvidedRequests]: 'toolsReq',
  [M.toolsProvidedTokens]: 'toolsTok',
};

/** dimension → key → Acc */
type Cut = Map<UsageDimension, Map<string, Acc>>;

function accOf(cut: Cut, dim: UsageDimension, key: string): Acc {
  let m = cut.get(dim);
  if (!m) cut.set(dim, (m = new Map()));
  let a = m.get(key);
  if (!a) m.set(key, (a = zeroAcc()));
  return a;
}

const tokens = (a: Acc) => a.pt + a.ct;
const usd = (nano: number) => Math.round(nano) / 1e9;
const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

export const toTotals = (a: Acc): TokenTotals => ({
  requests: a.req,
  promptTokens: a.pt,
  completionTokens: a.ct,
  reasoningTokens: a.rt,
  cachedTokens: a.kt,
  costUsd: usd(a.cost),
});

function usageCell(key: string, a: Acc, users: number | null, periodTokens: number, rules: CellRules): UsageCell {
  const suppressed = suppressedByUsers(rules, users);
  if (suppressed) {
    return {
      key, requests: null, promptTokens: null, completionTokens: null, reasoningTokens: null, cachedTokens: null,
      totalTokens: null, costUsd: null, tokenShare: null, users: null, suppressed,
    };
  }
  return {
    key, requests: a.req, promptTokens: a.pt, completionTokens: a.ct, reasoningTokens: a.rt, cachedTokens: a.kt,
    totalTokens: tokens(a), costUsd: usd(a.cost), tokenShare: ratio(tokens(a), periodTokens), users, suppressed,
  };
}

/** Unsuppressed cells by tokens (descending), then suppressed ones by key: their order discloses nothing. */
function sortCells(cells: UsageCell[]): UsageCell[] {
  return cells.sort(
    (a, b) =>
      Number(a.suppressed) - Number(b.suppressed) ||
      (b.totalTokens ?? 0) - (a.totalTokens ?? 0) ||
      a.key.localeCompare(b.key),
  );
}

function shape(h: Histogram | null, sum: number, n: number): ShapeStats {
  return {
    requests: n,
    mean: n > 0 ? sum / n : null,
    p50: h ? histogramQuantile(h, 0.5) : null,
    p90: h ? histogramQuantile(h, 0.9) : null,
    p99: h ? histogramQuantile(h, 0.99) : null,
  };
}

export type UsageFigures = Pick<
  CensusReport,
  'totals' | 'byModel' | 'byProvider' | 'byWeek' | 'byDay' | 'dimensions' | 'weekly' | 'daily' | 'models' | 'toolUse' |
  'reasoningShare' | 'shapes' | 'geography' | 'users'
> & { weeks: string[]; windowWeeks: string[]; unknownModels: string[] };

/** The metrics the store keeps per day as well as per week ("d:" scopes); the others are kept per week only. */
const DAILY_METRICS = new Set<keyof Acc>(['req', 'pt', 'ct', 'rt', 'kt', 'cost']);

const accIn = (m: Map<string, Acc>, k: string) => {
  let a = m.get(k);
  if (!a) m.set(k, (a = zeroAcc()));
  return a;
};
const cutIn = (m: Map<string, Cut>, k: string) => {
  let c = m.get(k);
  if (!c) m.set(k, (c = new Map()));
  return c;
};

/**
 * Every all-events figure, pure. The window is day-precise for what the store keeps per day ("d:" scopes:
 * requests, tokens and cost per model and provider — totals, byModel, byProvider, byWeek, byDay, the catalog
 * dimensions, weekly / daily cells, reasoning share); figures kept only per week ("w:" scopes: tool use, token
 * shapes and histograms, geography) count every ISO week that overlaps the window.
 */
export function usageFigures(counters: Counters, filter: ReportFilter, catalog: ModelCatalog, rules: CellRules): UsageFigures {
  const dims = dimensionResolver(catalog);
  // Day-precise, from "d:" scopes.
  const window: Cut = new Map();
  const weekCuts = new Map<string, Cut>();
  const dayCuts = new Map<string, Cut>();
  const weekTotals = new Map<string, Acc>();
  const dayTotals = new Map<string, Acc>();
  const weekReasoningModelTokens = new Map<string, number>();
  const total = zeroAcc();
  // Whole weeks overlapping the window, from "w:" scopes.
  const overlapTotal = zeroAcc();
  const overlapWeeks = new Map<string, Acc>();
  const overlapModels = new Map<string, Acc>();
  const hist = { pt: new Map() as Histogram, ct: new Map() as Histogram, tt: new Map() as Histogram };
  const weekHist = new Map<string, { pt: Histogram; ct: Histogram; tt: Histogram }>();
  const countries = new Map<string, { req: number; tok: number; cost: number }>();
  const models = new Set<string>();
  const windowWeeks = new Set<string>();
  const weekOf = new Map<string, string>();

  const addTo = (a: Acc, k: keyof Acc, v: number) => {
    a[k] += v;
  };

  for (const [scope, fields] of counters) {
    const weekly = scope.startsWith('w:');
    const daily = scope.startsWith('d:');
    if (!weekly && !daily) continue;
    const period = scope.slice(2);
    if (daily) {
      if (!dayInWindow(period, filter)) continue;
      let week = weekOf.get(period);
      if (week === undefined) weekOf.set(period, (week = weekOfDay(period)));
      const dayCut = cutIn(dayCuts, period);
      const weekCut = cutIn(weekCuts, week);
      const dt = accIn(dayTotals, period);
      const wt = accIn(weekTotals, week);
      for (const [f, v] of fields) {
        const parts = splitField(f);
        if (parts[0] !== 'm' || parts.length !== 4) continue;
        const [, model, provider, metric] = parts as [string, string, string, string];
        const k = METRIC_KEY[metric];
        if (!k || !DAILY_METRICS.has(k) || (filter.model && model !== filter.model)) continue;
        models.add(model);
        const d = dims(model);
        const keys: Array<[UsageDimension, string]> = [['model', model], ['provider', provider || '(unknown)']];
        for (const dim of CATALOG_DIMENSIONS) keys.push([dim, d[dim]]);
        addTo(dt, k, v);
        addTo(wt, k, v);
        addTo(total, k, v);
        for (const [dim, key] of keys) {
          addTo(accOf(dayCut, dim, key), k, v);
          addTo(accOf(weekCut, dim, key), k, v);
          addTo(accOf(window, dim, key), k, v);
        }
        if (d.reasoning === 'reasoning' && (k === 'pt' || k === 'ct')) {
          weekReasoningModelTokens.set(week, (weekReasoningModelTokens.get(week) ?? 0) + v);
        }
      }
      continue;
    }
    if (!weekInWindow(period, filter)) continue;
    windowWeeks.add(period);
    const ow = accIn(overlapWeeks, period);
    for (const [f, v] of fields) {
      const parts = splitField(f);
      if (parts[0] === 'm' && parts.length === 4) {
        const [, model, , metric] = parts as [string, string, string, string];
        const k = METRIC_KEY[metric];
        if (!k || (filter.model && model !== filter.model)) continue;
        addTo(ow, k, v);
        addTo(overlapTotal, k, v);
        addTo(accIn(overlapModels, model), k, v);
      } else if (!filter.model && parts[0] === 'h' && parts.length === 3) {
        const which = parts[1] as 'pt' | 'ct' | 'tt';
        if (!(which in hist)) continue;
        const b = Number(parts[2]);
        addToHistogram(hist[which], b, v);
        let wh = weekHist.get(period);
        if (!wh) weekHist.set(period, (wh = { pt: new Map(), ct: new Map(), tt: new Map() }));
        addToHistogram(wh[which], b, v);
      } else if (!filter.model && parts[0] === 'c' && parts.length === 3) {
        const country = parts[1] ?? '';
        let c = countries.get(country);
        if (!c) countries.set(country, (c = { req: 0, tok: 0, cost: 0 }));
        if (parts[2] === COUNTRY_METRICS.requests) c.req += v;
        else if (parts[2] === COUNTRY_METRICS.tokens) c.tok += v;
        else if (parts[2] === COUNTRY_METRICS.costNano) c.cost += v;
      }
    }
  }
  // Scopes with no matching field (another model, or an empty day) are not periods of this report.
  for (const [p, a] of [...weekTotals]) if (a.req === 0) weekTotals.delete(p);
  for (const [p, a] of [...dayTotals]) if (a.req === 0) dayTotals.delete(p);
  for (const [p, a] of [...overlapWeeks]) if (a.req === 0) overlapWeeks.delete(p);

  const weeks = [...weekTotals.keys()].sort();
  const days = [...dayTotals.keys()].sort();
  const fullWeeks = [...overlapWeeks.keys()].sort();
  const totalTokens = tokens(total);
  const overlapTokens = tokens(overlapTotal);

  const dimensions = Object.fromEntries(
    USAGE_DIMENSIONS.map((dim) => [
      dim,
      sortCells(
        [...(window.get(dim) ?? new Map<string, Acc>()).entries()].map(([key, a]) =>
          usageCell(key, a, usersOf(rules, DQ.window(dim, key)), totalTokens, rules),
        ),
      ),
    ]),
  ) as Record<UsageDimension, UsageCell[]>;

  const periodCells = (periods: string[], cuts: Map<string, Cut>, totals: Map<string, Acc>): PeriodCells[] =>
    periods.map((period) => {
      const t = totals.get(period)!;
      const cut = cuts.get(period)!;
      const cells: PeriodCells['cells'] = {};
      for (const dim of USAGE_DIMENSIONS) {
        cells[dim] = sortCells(
          [...(cut.get(dim) ?? new Map<string, Acc>()).entries()].map(([key, a]) =>
            usageCell(key, a, usersOf(rules, DQ.period(period, dim, key)), tokens(t), rules),
          ),
        );
      }
      const users = usersOf(rules, DQ.period(period, '*', '*'));
      return {
        period,
        totals: suppressedByUsers(rules, users)
          ? { requests: null, totalTokens: null, costUsd: null, users: null, suppressed: true }
          : { requests: t.req, totalTokens: tokens(t), costUsd: usd(t.cost), users, suppressed: false },
        cells,
      };
    });

  /** A user count as published: null when the cell it describes is suppressed. */
  const shownUsers = (n: number | null) => (suppressedByUsers(rules, n) ? null : n);
  const flagged = <T extends object>(row: T, users: number | null) => ({ ...row, users: shownUsers(users), suppressed: suppressedByUsers(rules, users) });
  const modelAcc = window.get('model') ?? new Map<string, Acc>();
  const providerAcc = window.get('provider') ?? new Map<string, Acc>();

  const modelList = [...models].sort();
  const unknownModels = modelList.filter((m) => !catalog.lookup(m).known);

  const continents = continentTable();
  const countryRows = [...countries.entries()].map(([cc, c]) => ({ country: cc || 'unknown', cc, ...c }));
  const totalCountryTok = countryRows.reduce((a, c) => a + c.tok, 0);
  const totalCountryCost = countryRows.reduce((a, c) => a + c.cost, 0);
  const continentAcc = new Map<string, { req: number; tok: number; cost: number }>();
  for (const c of countryRows) {
    const k = continentOf(continents, c.cc) ?? 'unknown';
    let a = continentAcc.get(k);
    if (!a) continentAcc.set(k, (a = { req: 0, tok: 0, cost: 0 }));
    a.req += c.req;
    a.tok += c.tok;
    a.cost += c.cost;
  }
  const geoCell = (req: number, tok: number, cost: number, users: number | null) => {
    const suppressed = suppressedByUsers(rules, users);
    return suppressed
      ? { requests: null, tokens: null, costUsd: null, tokenShare: null, spendShare: null, users: null, suppressed }
      : { requests: req, tokens: tok, costUsd: usd(cost), tokenShare: ratio(tok, totalCountryTok), spendShare: ratio(cost, totalCountryCost), users, suppressed };
  };
  const bySize = <T extends { suppressed: boolean; tokens: number | null }>(a: T, b: T, ka: string, kb: string) =>
    Number(a.suppressed) - Number(b.suppressed) || (b.tokens ?? 0) - (a.tokens ?? 0) || ka.localeCompare(kb);

  /** A week of all-event figures with fewer than minUsers users (in the window's days of it) is a small cell. */
  const weekSuppressed = (week: string) => suppressedByUsers(rules, usersOf(rules, DQ.period(week, '*', '*')));
  const noShape: ShapeStats = { requests: null, mean: null, p50: null, p90: null, p99: null };
  const shapesWeekly = fullWeeks.map((week) => {
    if (weekSuppressed(week)) return { week, prompt: noShape, completion: noShape, total: noShape, suppressed: true };
    const t = overlapWeeks.get(week)!;
    const h = filter.model ? null : (weekHist.get(week) ?? null);
    return {
      week,
      prompt: shape(h?.pt ?? null, t.pt, t.req),
      completion: shape(h?.ct ?? null, t.ct, t.req),
      total: shape(h?.tt ?? null, tokens(t), t.req),
      suppressed: false,
    };
  });

  return {
    weeks,
    windowWeeks: [...windowWeeks].sort(),
    unknownModels,
    totals: toTotals(total),
    byModel: [...modelAcc.entries()]
      .map(([model, a]) => flagged({ model, ...toTotals(a) }, usersOf(rules, DQ.window('model', model))))
      .sort((a, b) => b.promptTokens + b.completionTokens - (a.promptTokens + a.completionTokens) || a.model.localeCompare(b.model)),
    byProvider: [...providerAcc.entries()]
      .map(([provider, a]) => flagged({ provider, ...toTotals(a) }, usersOf(rules, DQ.window('provider', provider))))
      .sort((a, b) => b.requests - a.requests || a.provider.localeCompare(b.provider)),
    byWeek: weeks.map((week) => flagged({ week, ...toTotals(weekTotals.get(week)!) }, usersOf(rules, DQ.period(week, '*', '*')))),
    byDay: days.map((day) => flagged({ day, ...toTotals(dayTotals.get(day)!) }, usersOf(rules, DQ.period(day, '*', '*')))),
    dimensions,
    weekly: periodCells(weeks, weekCuts, weekTotals),
    daily: periodCells(days, dayCuts, dayTotals),
    models: modelList.map((model) => {
      const info = catalog.lookup(model);
      return {
        model, known: info.known, author: info.author, sourceType: info.sourceType, sizeClass: info.sizeClass,
        openWeights: info.openWeights, reasoning: info.reasoning,
      };
    }),
    toolUse: {
      toolCallTokenShare: ratio(overlapTotal.toolTok, overlapTokens),
      toolCallRequestShare: ratio(overlapTotal.toolReq, overlapTotal.req),
      toolsProvidedTokenShare: ratio(overlapTotal.toolsTok, overlapTokens),
      toolsProvidedRequestShare: ratio(overlapTotal.toolsReq, overlapTotal.req),
      weekly: fullWeeks.map((week) => {
        if (weekSuppressed(week)) return { week, toolCallTokenShare: null, toolsProvidedTokenShare: null, suppressed: true };
        const a = overlapWeeks.get(week)!;
        return { week, toolCallTokenShare: ratio(a.toolTok, tokens(a)), toolsProvidedTokenShare: ratio(a.toolsTok, tokens(a)), suppressed: false };
      }),
      byModel: [...overlapModels.entries()]
        .filter(([, a]) => a.req > 0)
        .map(([model, a]) => {
          const suppressed = suppressedByUsers(rules, usersOf(rules, DQ.window('model', model)));
          return {
            model,
            toolCallTokenShare: suppressed ? null : ratio(a.toolTok, tokens(a)),
            toolsProvidedTokenShare: suppressed ? null : ratio(a.toolsTok, tokens(a)),
            suppressed,
            tok: tokens(a),
          };
        })
        .sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || b.tok - a.tok || a.model.localeCompare(b.model))
        .map(({ tok: _tok, ...r }) => r),
    },
    reasoningShare: {
      overall: {
        reasoningModelTokenShare: ratio([...weekReasoningModelTokens.values()].reduce((a, b) => a + b, 0), totalTokens),
        reasoningTokenShareOfCompletion: ratio(total.rt, total.ct),
      },
      weekly: weeks.map((week) => {
        if (weekSuppressed(week)) return { week, reasoningModelTokenShare: null, reasoningTokenShareOfCompletion: null, suppressed: true };
        const a = weekTotals.get(week)!;
        return {
          week,
          reasoningModelTokenShare: ratio(weekReasoningModelTokens.get(week) ?? 0, tokens(a)),
          reasoningTokenShareOfCompletion: ratio(a.rt, a.ct),
          suppressed: false,
        };
      }),
    },
    shapes: {
      overall: {
        prompt: shape(filter.model ? null : hist.pt, overlapTotal.pt, overlapTotal.req),
        completion: shape(filter.model ? null : hist.ct, overlapTotal.ct, overlapTotal.req),
        total: shape(filter.model ? null : hist.tt, overlapTokens, overlapTotal.req),
      },
      weekly: shapesWeekly,
      byCategory: [],
    },
    geography: {
      countries: countryRows
        .map((c) => ({
          country: c.country,
          continent: continentOf(continents, c.cc),
          ...geoCell(c.req, c.tok, c.cost, usersOf(rules, DQ.window('country', c.cc))),
        }))
        .sort((a, b) => bySize(a, b, a.country, b.country)),
      continents: [...continentAcc.entries()]
        .map(([k, a]) => ({
          continent: k,
          name: k === 'unknown' ? 'Unknown' : CONTINENT_NAMES[k as ContinentCode],
          ...geoCell(a.req, a.tok, a.cost, usersOf(rules, DQ.window('continent', k))),
        }))
        .sort((a, b) => bySize(a, b, a.continent, b.continent)),
    },
    users: {
      total: shownUsers(usersOf(rules, DQ.all())),
      weekly: weeks.map((week) => ({ week, users: shownUsers(usersOf(rules, DQ.period(week, '*', '*'))) })),
      byModel: modelList.map((model) => ({
        model,
        users: shownUsers(usersOf(rules, DQ.window('model', model))),
        weekly: weeks.map((week) => ({ week, users: shownUsers(usersOf(rules, DQ.period(week, 'model', model))) })),
      })),
    },
  };
}
