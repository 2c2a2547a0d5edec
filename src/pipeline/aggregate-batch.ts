import { addCounter, addUnion, emptyDeltas, type BatchDeltas } from './batch-deltas.js';
import type { RollupRecord } from './rollup-record.js';
import { COUNTRY_METRICS, DISTINCT_NAMES, HISTOGRAMS, MODEL_METRICS as M, SAMPLING_FIELDS, field, finishMetric, histBucket, samplingRateField } from './rollup-fields.js';
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
  /** Distinct-count sets this group's users go into: day×model, day×provider (week and month sets are unions of these). */
  users: Array<Set<string>>;
}

/** Per (week, billing country): counters and the week×country distinct-count set (the week's set is their union). */
interface CountrySums {
  week: string;
  country: string;
  req: number;
  tok: number;
  cost: number;
  users: Array<Set<string>>;
}

/** Per week: token histograms (pt, ct, tt: bucket → n) and sampling counts indexed by SamplingStatus, [4] = seen. */
interface WeekSums {
  hist: [Map<number, number>, Map<number, number>, Map<number, number>];
  sampling: number[];
}

/**
 * Fold a batch of rollup records into deltas (pure). Events are first grouped per (day, model, provider), so
 * the cost per event is a handful of additions; fields are built once per group. Catalog-derived dimensions
 * (author, open/closed, origin, size) are computed at report time from the model id, not here.
 * `samplingRate` is the rate the edge sampled these records at (batch jobs carry it); the events that could be
 * sampled are counted under it, so estimates scale by the rate actually applied.
 */
export function aggregateBatch(records: Iterable<RollupRecord>, samplingRate?: number): BatchDeltas {
  const d = emptyDeltas();
  const D = DISTINCT_NAMES;
  const calendars = new Map<number, Calendar & { weekly: WeekSums }>();
  const weeks = new Map<string, WeekSums>();
  const groups = new Map<string, ModelSums>();
  const countries = new Map<string, CountrySums>();
  // Distinct-count sets are looked up once per group, then fed directly per event.
  const distinctSet = (name: string) => {
    let set = d.distinct.get(name);
    if (!set) d.distinct.set(name, (set = new Set()));
    return set;
  };

  for (const r of records) {
    const dayNo = Math.floor(r.ts / 86_400_000);
    let cal = calendars.get(dayNo);
    if (!cal) {
      const week = isoWeek(r.ts);
      let weekly = weeks.get(week);
      if (!weekly) weeks.set(week, (weekly = { hist: [new Map(), new Map(), new Map()], sampling: [0, 0, 0, 0, 0] }));
      cal = { week, day: isoDay(r.ts), month: isoMonth(r.ts), weekly };
      calendars.set(dayNo, cal);
    }
    const key = `${dayNo}\u001f${r.model}\u001f${r.provider}`;
    let g = groups.get(key);
    if (!g) {
      const dayModel = D.dayModel(cal.day, r.model);
      const dayProvider = D.dayProvider(cal.day, r.provider);
      g = {
        cal, model: r.model, provider: r.provider, req: 0, pt: 0, ct: 0, rt: 0, kt: 0, cost: 0, latSum: 0, latN: 0,
        toolReq: 0, toolTok: 0, toolsReq: 0, toolsTok: 0, streamed: 0, cancelled: 0, finish: new Map(),
        users: [distinctSet(dayModel), distinctSet(dayProvider)],
      };
      groups.set(key, g);
      // A day's users are its week's and month's: the store adds them to those sets too (see BatchDeltas.unions).
      addUnion(d, D.weekModel(cal.week, r.model), dayModel);
      addUnion(d, D.monthModel(cal.month, r.model), dayModel);
      addUnion(d, D.weekProvider(cal.week, r.provider), dayProvider);
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

    const ckey = `${cal.week}\u001f${r.country}`;
    let c = countries.get(ckey);
    if (!c) {
      c = { week: cal.week, country: r.country, req: 0, tok: 0, cost: 0, users: [distinctSet(D.weekCountry(cal.week, r.country))] };
      countries.set(ckey, c);
      addUnion(d, D.week(cal.week), D.weekCountry(cal.week, r.country));
    }
    c.req++;
    c.tok += tokens;
    c.cost += r.costNano;

    const wk = cal.weekly;
    const [hpt, hct, htt] = wk.hist;
    const bp = histBucket(r.promptTokens);
    const bc = histBucket(r.completionTokens);
    const bt = histBucket(tokens);
    hpt.set(bp, (hpt.get(bp) ?? 0) + 1);
    hct.set(bc, (hct.get(bc) ?? 0) + 1);
    htt.set(bt, (htt.get(bt) ?? 0) + 1);
    wk.sampling[r.sampling]!++;
    wk.sampling[4]!++;

    if (r.userHash) {
      for (const set of g.users) set.add(r.userHash);
      for (const set of c.users) set.add(r.userHash);
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
  for (const c of countries.values()) {
    const w = `w:${c.week}`;
    addCounter(d, w, field('c', c.country, COUNTRY_METRICS.requests), c.req);
    addCounter(d, w, field('c', c.country, COUNTRY_METRICS.tokens), c.tok);
    addCounter(d, w, field('c', c.country, COUNTRY_METRICS.costNano), c.cost);
  }
  for (const [week, wk] of weeks) {
    const w = `w:${week}`;
    HISTOGRAMS.forEach((h, i) => {
      for (const [bucket, n] of wk.hist[i]!) addCounter(d, w, field('h', h, String(bucket)), n);
    });
    const s = `s:${week}`;
    const [notSampled, sampled, denied, noConsent, seen] = wk.sampling as [number, number, number, number, number];
    addCounter(d, s, SAMPLING_FIELDS.seen, seen);
    addCounter(d, s, SAMPLING_FIELDS.notSampled, notSampled);
    addCounter(d, s, SAMPLING_FIELDS.sampled, sampled);
    addCounter(d, s, SAMPLING_FIELDS.consentDenied, denied);
    addCounter(d, s, SAMPLING_FIELDS.noConsent, noConsent);
    if (samplingRate !== undefined) addCounter(d, s, samplingRateField(samplingRate), notSampled + sampled);
  }
  // Sets that ended up empty (groups whose events had no user id) are not sent to the store, nor unions of them.
  for (const [name, set] of d.distinct) if (set.size === 0) d.distinct.delete(name);
  for (const [target, sources] of d.unions) {
    for (const source of sources) if (!d.distinct.has(source)) sources.delete(source);
    if (sources.size === 0) d.unions.delete(target);
  }
  return d;
}
