import { addCounter, addDistinct, emptyDeltas, type BatchDeltas } from './batch-deltas.js';
import type { RollupRecord } from './rollup-record.js';
import { COUNTRY_METRICS, DISTINCT_NAMES, MODEL_METRICS as M, SAMPLING_FIELDS, field, finishMetric, histBucket } from './rollup-fields.js';
import { isoDay, isoMonth, isoWeek } from './time-buckets.js';

interface Calendar {
  week: string;
  day: string;
  month: string;
}

/** Sums for one (day, model, provider) group. */
interface ModelSums {
  cal: Calendar;
  model: string;
  provider: string;
  req: number;
  pt: number;
  ct: number;
  rt: number;
  kt: number;
  cost: number;
  latSum: number;
  latN: number;
  toolReq: number;
  toolTok: number;
  toolsReq: number;
  toolsTok: number;
  streamed: number;
  cancelled: number;
  finish: Map<string, number>;
}

/**
 * Fold a batch of rollup records into deltas (pure). Events are first grouped per (day, model, provider), so
 * the cost per event is a handful of additions; fields are built once per group. Catalog-derived dimensions
 * (author, open/closed, origin, size) are computed at report time from the model id, not here.
 */
export function aggregateBatch(records: Iterable<RollupRecord>): BatchDeltas {
  const d = emptyDeltas();
  const calendars = new Map<number, Calendar>();
  const groups = new Map<string, ModelSums>();
  const weekly = new Map<string, Map<string, number>>(); // week scope → field → n (countries, histograms, sampling)
  const bump = (scope: string, f: string, by: number) => {
    let m = weekly.get(scope);
    if (!m) weekly.set(scope, (m = new Map()));
    m.set(f, (m.get(f) ?? 0) + by);
  };

  for (const r of records) {
    const dayNo = Math.floor(r.ts / 86_400_000);
    let cal = calendars.get(dayNo);
    if (!cal) {
      cal = { week: isoWeek(r.ts), day: isoDay(r.ts), month: isoMonth(r.ts) };
      calendars.set(dayNo, cal);
    }
    const key = `${dayNo}\u001f${r.model}\u001f${r.provider}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        cal, model: r.model, provider: r.provider, req: 0, pt: 0, ct: 0, rt: 0, kt: 0, cost: 0, latSum: 0, latN: 0,
        toolReq: 0, toolTok: 0, toolsReq: 0, toolsTok: 0, streamed: 0, cancelled: 0, finish: new Map(),
      };
      groups.set(key, g);
    }
    const tokens = r.promptTokens + r.completionTokens;
    g.req++;
    g.pt += r.promptTokens;
    g.ct += r.completionTokens;
    g.rt += r.reasoningTokens;
    g.kt += r.cachedTokens;
    g.cost += r.costNano;
    if (r.latencyMs >= 0) {
      g.latSum += r.latencyMs;
      g.latN++;
    }
    g.finish.set(r.finishReason, (g.finish.get(r.finishReason) ?? 0) + 1);
    if (r.finishReason === 'tool_calls') {
      g.toolReq++;
      g.toolTok += tokens;
    }
    if (r.toolsProvided) {
      g.toolsReq++;
      g.toolsTok += tokens;
    }
    if (r.streamed) g.streamed++;
    if (r.cancelled) g.cancelled++;

    const w = `w:${cal.week}`;
    bump(w, field('c', r.country, COUNTRY_METRICS.requests), 1);
    bump(w, field('c', r.country, COUNTRY_METRICS.tokens), tokens);
    if (r.costNano) bump(w, field('c', r.country, COUNTRY_METRICS.costNano), r.costNano);
    bump(w, field('h', 'pt', String(histBucket(r.promptTokens))), 1);
    bump(w, field('h', 'ct', String(histBucket(r.completionTokens))), 1);
    bump(w, field('h', 'tt', String(histBucket(tokens))), 1);

    const s = `s:${cal.week}`;
    bump(s, SAMPLING_FIELDS.seen, 1);
    bump(
      s,
      r.sampling === 1
        ? SAMPLING_FIELDS.sampled
        : r.sampling === 0
          ? SAMPLING_FIELDS.notSampled
          : r.sampling === 2
            ? SAMPLING_FIELDS.consentDenied
            : SAMPLING_FIELDS.noConsent,
      1,
    );

    if (r.userHash) {
      const D = DISTINCT_NAMES;
      for (const name of [
        D.week(cal.week), D.weekModel(cal.week, r.model), D.monthModel(cal.month, r.model), D.dayModel(cal.day, r.model),
        D.weekProvider(cal.week, r.provider), D.dayProvider(cal.day, r.provider), D.weekCountry(cal.week, r.country),
      ]) {
        addDistinct(d, name, r.userHash);
      }
    }
  }

  for (const g of groups.values()) {
    const w = `w:${g.cal.week}`;
    const dd = `d:${g.cal.day}`;
    const mk = (metric: string) => field('m', g.model, g.provider, metric);
    const base: Array<[string, number]> = [
      [M.requests, g.req], [M.promptTokens, g.pt], [M.completionTokens, g.ct], [M.reasoningTokens, g.rt],
      [M.cachedTokens, g.kt], [M.costNano, g.cost],
    ];
    for (const [metric, v] of base) {
      const f = mk(metric);
      addCounter(d, w, f, v);
      addCounter(d, dd, f, v);
    }
    const weeklyOnly: Array<[string, number]> = [
      [M.latencySumMs, g.latSum], [M.latencyCount, g.latN], [M.toolCallRequests, g.toolReq],
      [M.toolCallTokens, g.toolTok], [M.toolsProvidedRequests, g.toolsReq], [M.toolsProvidedTokens, g.toolsTok],
      [M.streamed, g.streamed], [M.cancelled, g.cancelled],
    ];
    for (const [metric, v] of weeklyOnly) addCounter(d, w, mk(metric), v);
    for (const [reason, n] of g.finish) addCounter(d, w, mk(finishMetric(reason)), n);
  }
  for (const [scope, m] of weekly) for (const [f, v] of m) addCounter(d, scope, f, v);
  return d;
}
