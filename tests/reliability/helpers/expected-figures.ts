import { createHmac } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Config } from '../../../src/config/config-schema.js';
import { MODEL_METRICS, splitField } from '../../../src/pipeline/rollup-fields.js';
import type { CensusReport, TokenTotals } from '../../../src/report/census-report.js';
import { loadReport } from '../../../src/report/load-report.js';
import type { AggregationStore } from '../../../src/store/aggregation-store.js';
import { categoryViewFor } from '../../../src/worker/category-view.js';

export interface Tally {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  cachedTokens: number;
  costNano: number;
}

export interface CountryTally {
  requests: number;
  /** promptTokens + completionTokens. */
  tokens: number;
  costNano: number;
}

export interface ToolTally {
  /** Requests whose finish reason was tool_calls, and their tokens (prompt + completion). */
  toolCallRequests: number;
  toolCallTokens: number;
  /** Requests that offered tools (toolsProvided: true), and their tokens. */
  toolsProvidedRequests: number;
  toolsProvidedTokens: number;
}

export interface ExpectedFigures {
  totals: Tally;
  byModel: Map<string, Tally>;
  /** By provider; events without one under "(unknown)", as the report names them. */
  byProvider: Map<string, Tally>;
  /** By ISO week (2025-W23) of createdAt, UTC. */
  byWeek: Map<string, Tally>;
  /** By UTC day (2025-06-03) of createdAt. */
  byDay: Map<string, Tally>;
  /** By billing country, upper-cased; events without one under "unknown". */
  byCountry: Map<string, CountryTally>;
  /** Per ISO week: requests by finish reason ("unknown" when absent, "other" when not a documented value). */
  finishByWeek: Map<string, Map<string, number>>;
  tools: ToolTally;
  toolsByWeek: Map<string, ToolTally>;
  /** Events the documented sampling rule selects (HMAC-SHA256(salt, id), first 48 bits / 2^48 < rate; never denied). */
  sampled: number;
  consentDenied: number;
  /** Events not sampled for want of consent: sampling.requireConsent and consent not "granted" (nor "denied"). */
  noConsent: number;
}

export interface SamplingRule {
  rate: number;
  salt: string;
  requireConsent?: boolean;
}

const zero = (): Tally => ({ requests: 0, promptTokens: 0, completionTokens: 0, reasoningTokens: 0, cachedTokens: 0, costNano: 0 });
const zeroTools = (): ToolTally => ({ toolCallRequests: 0, toolCallTokens: 0, toolsProvidedRequests: 0, toolsProvidedTokens: 0 });

/** The finish reasons the event format documents (README "Event format"); anything else counts as "other". */
const DOCUMENTED_FINISH_REASONS = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'error']);

/** ISO-8601 week of a UTC instant: the week (Monday..Sunday) belongs to the year of its Thursday. */
function isoWeekOf(ms: number): string {
  const d = new Date(ms);
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = thursday.getUTCDay() || 7; // Monday 1 .. Sunday 7
  thursday.setUTCDate(thursday.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function instantOf(createdAt: unknown): number {
  const ms = typeof createdAt === 'number' ? createdAt : Date.parse(String(createdAt));
  if (!Number.isFinite(ms)) throw new Error(`expected figures: createdAt ${JSON.stringify(createdAt)} is not a date (feed only valid events)`);
  return ms;
}

function tallyOf<K>(map: Map<K, Tally>, key: K): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = zero()));
  return t;
}

export function emptyExpectedFigures(): ExpectedFigures {
  return {
    totals: zero(),
    byModel: new Map(),
    byProvider: new Map(),
    byWeek: new Map(),
    byDay: new Map(),
    byCountry: new Map(),
    finishByWeek: new Map(),
    tools: zeroTools(),
    toolsByWeek: new Map(),
    sampled: 0,
    consentDenied: 0,
    noConsent: 0,
  };
}

/**
 * Add one valid event (its raw JSON object) to the expected figures: sums of the raw fields, grouped by the
 * event's own values, with the sampling decision recomputed from its documented definition. None of the
 * pipeline's code is used.
 */
export function addExpectedEvent(out: ExpectedFigures, e: Record<string, any>, sampling: SamplingRule): void {
  const ms = instantOf(e.createdAt);
  const week = isoWeekOf(ms);
  const day = new Date(ms).toISOString().slice(0, 10);
  const provider = typeof e.provider === 'string' && e.provider !== '' ? e.provider : '(unknown)';
  const u = e.usage;
  const tokens = u.promptTokens + u.completionTokens;
  const costNano = Math.round((e.costUsd ?? 0) * 1e9);
  for (const t of [out.totals, tallyOf(out.byModel, e.model), tallyOf(out.byProvider, provider), tallyOf(out.byWeek, week), tallyOf(out.byDay, day)]) {
    t.requests += 1;
    t.promptTokens += u.promptTokens;
    t.completionTokens += u.completionTokens;
    t.reasoningTokens += u.reasoningTokens ?? 0;
    t.cachedTokens += u.cachedTokens ?? 0;
    t.costNano += costNano;
  }
  const country = typeof e.billingCountry === 'string' ? e.billingCountry.toUpperCase() : 'unknown';
  let c = out.byCountry.get(country);
  if (!c) out.byCountry.set(country, (c = { requests: 0, tokens: 0, costNano: 0 }));
  c.requests += 1;
  c.tokens += tokens;
  c.costNano += costNano;

  const reason = e.finishReason == null ? 'unknown' : DOCUMENTED_FINISH_REASONS.has(e.finishReason) ? e.finishReason : 'other';
  let f = out.finishByWeek.get(week);
  if (!f) out.finishByWeek.set(week, (f = new Map()));
  f.set(reason, (f.get(reason) ?? 0) + 1);
  let tw = out.toolsByWeek.get(week);
  if (!tw) out.toolsByWeek.set(week, (tw = zeroTools()));
  for (const t of [out.tools, tw]) {
    if (reason === 'tool_calls') {
      t.toolCallRequests += 1;
      t.toolCallTokens += tokens;
    }
    if (e.toolsProvided === true) {
      t.toolsProvidedRequests += 1;
      t.toolsProvidedTokens += tokens;
    }
  }

  if (e.consent === 'denied') {
    out.consentDenied++;
    return;
  }
  if (sampling.requireConsent && e.consent !== 'granted') {
    out.noConsent++;
    return;
  }
  if (sampling.rate <= 0) return;
  const x = createHmac('sha256', sampling.salt).update(e.id).digest().readUIntBE(0, 6) / 2 ** 48;
  if (x < sampling.rate) out.sampled++;
}

/** Expected figures of events held in memory (see addExpectedEvent). */
export function expectedFiguresOf(events: Iterable<Record<string, unknown>>, sampling: SamplingRule): ExpectedFigures {
  const out = emptyExpectedFigures();
  for (const e of events) addExpectedEvent(out, e, sampling);
  return out;
}

/** Expected figures of an archive (NDJSON, gzip when the name ends in .gz). Only valid lines may be fed here. */
export async function expectedFigures(path: string, sampling: SamplingRule): Promise<ExpectedFigures> {
  const input = path.endsWith('.gz') ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  const rl = createInterface({ input, crlfDelay: Infinity });
  const out = emptyExpectedFigures();
  for await (const line of rl) {
    if (!line.trim()) continue;
    addExpectedEvent(out, JSON.parse(line), sampling);
  }
  return out;
}

/** What the store holds after a run: the report (no cell suppressed) and the raw weekly counters. */
export interface Rollups {
  report: CensusReport;
  /** Weekly ("w:") scopes: field → integer. */
  weekly: Map<string, Map<string, number>>;
}

/**
 * Read the rollups to compare: the report built with suppression off (report.minUsers and minSamples 0, so every
 * geography cell shows its numbers; the exact byModel/byProvider/byWeek rows never depend on it) and the weekly
 * counters, for the figures the report gives only as shares (finish reasons, tool use).
 */
export async function readRollups(store: AggregationStore, config: Config): Promise<Rollups> {
  const unsuppressed: Config = { ...config, report: { ...config.report, minUsers: 0, minSamples: 0 } };
  const report = await loadReport(store, unsuppressed, categoryViewFor(config), {});
  const counters = await store.readCounters((s) => s.startsWith('w:'));
  const weekly = new Map<string, Map<string, number>>();
  for (const [scope, fields] of counters) weekly.set(scope.slice(2), fields);
  return { report, weekly };
}

export interface Comparison {
  /** Requests missing from the rollups: the largest shortfall in any cell compared. */
  lost: number;
  /** Requests counted more than once: the largest excess in any cell compared. */
  duplicated: number;
  /** Human-readable mismatches (empty when exact). */
  mismatches: string[];
  /** What was compared, e.g. "totals, 12 models, 15 providers, 3 weeks, 21 days, 40 countries, ...". */
  compared: string;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

/** Weekly counters summed per (week, metric) over every model × provider field ("m␟model␟provider␟metric"). */
function weeklyModelMetrics(weekly: Rollups['weekly']): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [week, fields] of weekly) {
    const sums = new Map<string, number>();
    for (const [f, v] of fields) {
      const parts = splitField(f);
      if (parts[0] !== 'm' || parts.length !== 4) continue;
      const metric = parts[3]!;
      sums.set(metric, (sums.get(metric) ?? 0) + v);
    }
    out.set(week, sums);
  }
  return out;
}

/**
 * Compare the rollups with the expected figures, cell by cell: totals; per model, provider, ISO week, UTC day
 * (requests, each token kind, cost); per billing country (requests, tokens, cost); per week and finish reason;
 * tool use (counters per week and the report's shares); the sampling funnel. `lost` and `duplicated` are
 * request counts; any other difference is listed in `mismatches`.
 */
export function compareWithRollups(expected: ExpectedFigures, rollups: Rollups): Comparison {
  const r = rollups.report;
  const mismatches: string[] = [];
  let lost = 0;
  let duplicated = 0;
  const requests = (where: string, want: number, got: number) => {
    if (want !== got) mismatches.push(`${where}.requests: expected ${want}, got ${got}`);
    if (got < want) lost = Math.max(lost, want - got);
    if (got > want) duplicated = Math.max(duplicated, got - want);
  };
  const same = (where: string, want: number, got: number | null | undefined) => {
    if (want !== got) mismatches.push(`${where}: expected ${want}, got ${got}`);
  };
  const nano = (usd: number | null | undefined) => (usd == null ? usd : Math.round(usd * 1e9));

  const tokens = (where: string, want: Tally, got: TokenTotals | undefined) => {
    const g = got ?? { requests: 0, promptTokens: 0, completionTokens: 0, reasoningTokens: 0, cachedTokens: 0, costUsd: 0 };
    if (!got) mismatches.push(`${where} is missing`);
    requests(where, want.requests, g.requests);
    same(`${where}.promptTokens`, want.promptTokens, g.promptTokens);
    same(`${where}.completionTokens`, want.completionTokens, g.completionTokens);
    same(`${where}.reasoningTokens`, want.reasoningTokens, g.reasoningTokens);
    same(`${where}.cachedTokens`, want.cachedTokens, g.cachedTokens);
    same(`${where}.costNano`, want.costNano, nano(g.costUsd));
  };
  /** Cells the rollups hold that the archive does not: everything in them is counted twice. */
  const extra = (where: string, keys: Iterable<[string, number]>, known: Map<string, unknown>) => {
    for (const [key, n] of keys) {
      if (known.has(key)) continue;
      mismatches.push(`${where}[${key}] (${n} requests) is not in the archive`);
      duplicated = Math.max(duplicated, n);
    }
  };

  tokens('totals', expected.totals, r.totals);
  for (const [model, want] of expected.byModel) tokens(`byModel[${model}]`, want, r.byModel.find((x) => x.model === model));
  extra('byModel', r.byModel.map((x) => [x.model, x.requests]), expected.byModel);
  for (const [provider, want] of expected.byProvider) tokens(`byProvider[${provider}]`, want, r.byProvider.find((x) => x.provider === provider));
  extra('byProvider', r.byProvider.map((x) => [x.provider, x.requests]), expected.byProvider);
  for (const [week, want] of expected.byWeek) tokens(`byWeek[${week}]`, want, r.byWeek.find((x) => x.week === week));
  extra('byWeek', r.byWeek.map((x) => [x.week, x.requests]), expected.byWeek);
  for (const [day, want] of expected.byDay) tokens(`byDay[${day}]`, want, r.byDay.find((x) => x.day === day));
  extra('byDay', r.byDay.map((x) => [x.day, x.requests]), expected.byDay);

  const countries = r.geography.countries;
  for (const [country, want] of expected.byCountry) {
    const got = countries.find((x) => x.country === country);
    if (!got) mismatches.push(`geography.countries[${country}] is missing`);
    requests(`geography.countries[${country}]`, want.requests, got?.requests ?? 0);
    same(`geography.countries[${country}].tokens`, want.tokens, got?.tokens ?? 0);
    same(`geography.countries[${country}].costNano`, want.costNano, nano(got?.costUsd ?? 0));
  }
  extra('geography.countries', countries.map((x) => [x.country, x.requests ?? 0]), expected.byCountry);

  const metrics = weeklyModelMetrics(rollups.weekly);
  for (const [week, reasons] of expected.finishByWeek) {
    const got = metrics.get(week) ?? new Map<string, number>();
    for (const [reason, n] of reasons) requests(`finishReasons[${week}][${reason}]`, n, got.get(`fr.${reason}`) ?? 0);
    for (const [metric, n] of got) {
      if (metric.startsWith('fr.') && !reasons.has(metric.slice(3))) {
        mismatches.push(`finishReasons[${week}][${metric.slice(3)}] (${n} requests) is not in the archive`);
        duplicated = Math.max(duplicated, n);
      }
    }
  }
  const M = MODEL_METRICS;
  for (const [week, want] of expected.toolsByWeek) {
    const got = metrics.get(week) ?? new Map<string, number>();
    requests(`toolUse[${week}].toolCall`, want.toolCallRequests, got.get(M.toolCallRequests) ?? 0);
    same(`toolUse[${week}].toolCallTokens`, want.toolCallTokens, got.get(M.toolCallTokens) ?? 0);
    requests(`toolUse[${week}].toolsProvided`, want.toolsProvidedRequests, got.get(M.toolsProvidedRequests) ?? 0);
    same(`toolUse[${week}].toolsProvidedTokens`, want.toolsProvidedTokens, got.get(M.toolsProvidedTokens) ?? 0);
    const weekTokens = (expected.byWeek.get(week)?.promptTokens ?? 0) + (expected.byWeek.get(week)?.completionTokens ?? 0);
    const shown = r.toolUse.weekly.find((x) => x.week === week);
    same(`toolUse.weekly[${week}].toolCallTokenShare`, ratio(want.toolCallTokens, weekTokens), shown?.toolCallTokenShare);
    same(`toolUse.weekly[${week}].toolsProvidedTokenShare`, ratio(want.toolsProvidedTokens, weekTokens), shown?.toolsProvidedTokenShare);
  }
  const t = expected.tools;
  const allTokens = expected.totals.promptTokens + expected.totals.completionTokens;
  same('toolUse.toolCallRequestShare', ratio(t.toolCallRequests, expected.totals.requests), r.toolUse.toolCallRequestShare);
  same('toolUse.toolCallTokenShare', ratio(t.toolCallTokens, allTokens), r.toolUse.toolCallTokenShare);
  same('toolUse.toolsProvidedRequestShare', ratio(t.toolsProvidedRequests, expected.totals.requests), r.toolUse.toolsProvidedRequestShare);
  same('toolUse.toolsProvidedTokenShare', ratio(t.toolsProvidedTokens, allTokens), r.toolUse.toolsProvidedTokenShare);

  requests('sampling.eventsSeen', expected.totals.requests, r.sampling.eventsSeen);
  requests('sampling.eventsSampled', expected.sampled, r.sampling.eventsSampled);
  same('sampling.consentDenied', expected.consentDenied, r.sampling.consentDenied);
  same('sampling.noConsent', expected.noConsent, r.sampling.noConsent);
  const s = r.sampling;
  const outcomes = s.classified + s.belowThreshold + s.unclassifiable + s.classifierErrors;
  if (outcomes !== s.eventsSampled) {
    mismatches.push(`sample outcomes (${outcomes}) differ from samples taken (${s.eventsSampled})`);
    if (outcomes < s.eventsSampled) lost = Math.max(lost, s.eventsSampled - outcomes);
    else duplicated = Math.max(duplicated, outcomes - s.eventsSampled);
  }

  const reasons = new Set([...expected.finishByWeek.values()].flatMap((m) => [...m.keys()]));
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const compared = [
    'totals',
    n(expected.byModel.size, 'model', 'models'),
    n(expected.byProvider.size, 'provider', 'providers'),
    n(expected.byWeek.size, 'ISO week', 'ISO weeks'),
    n(expected.byDay.size, 'UTC day', 'UTC days'),
    n(expected.byCountry.size, 'billing country', 'billing countries'),
    `${n(reasons.size, 'finish reason', 'finish reasons')} per week`,
    'tool use (counters per week and the report\'s shares)',
    'the sampling funnel and every sample\'s outcome',
  ].join(', ');
  return { lost, duplicated, mismatches, compared };
}
