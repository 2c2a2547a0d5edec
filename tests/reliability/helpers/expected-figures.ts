import { createHmac } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { CensusReport } from '../../../src/report/census-report.js';

export interface Tally {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  cachedTokens: number;
  costNano: number;
}

export interface ExpectedFigures {
  totals: Tally;
  byModel: Map<string, Tally>;
  /** Events the documented sampling rule selects (HMAC-SHA256(salt, id), first 48 bits / 2^48 < rate; never denied). */
  sampled: number;
  consentDenied: number;
}

const zero = (): Tally => ({ requests: 0, promptTokens: 0, completionTokens: 0, reasoningTokens: 0, cachedTokens: 0, costNano: 0 });

/**
 * Figures computed straight from an archive with none of the pipeline's code: sums of the raw JSON fields, and
 * the sampling decision recomputed from its documented definition. Only valid lines may be fed here.
 */
export async function expectedFigures(
  path: string,
  sampling: { rate: number; salt: string; requireConsent?: boolean },
): Promise<ExpectedFigures> {
  const input = path.endsWith('.gz') ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  const rl = createInterface({ input, crlfDelay: Infinity });
  const out: ExpectedFigures = { totals: zero(), byModel: new Map(), sampled: 0, consentDenied: 0 };
  for await (const line of rl) {
    if (!line.trim()) continue;
    const e = JSON.parse(line);
    let m = out.byModel.get(e.model);
    if (!m) out.byModel.set(e.model, (m = zero()));
    for (const t of [out.totals, m]) {
      t.requests += 1;
      t.promptTokens += e.usage.promptTokens;
      t.completionTokens += e.usage.completionTokens;
      t.reasoningTokens += e.usage.reasoningTokens ?? 0;
      t.cachedTokens += e.usage.cachedTokens ?? 0;
      t.costNano += Math.round((e.costUsd ?? 0) * 1e9);
    }
    if (e.consent === 'denied') {
      out.consentDenied++;
      continue;
    }
    if (sampling.requireConsent && e.consent !== 'granted') continue;
    const u = createHmac('sha256', sampling.salt).update(e.id).digest().readUIntBE(0, 6) / 2 ** 48;
    if (u < sampling.rate) out.sampled++;
  }
  return out;
}

export interface Comparison {
  /** Events (and token/cost units) missing from the rollups. */
  lost: number;
  /** Events counted more than once. */
  duplicated: number;
  /** Human-readable mismatches (empty when exact). */
  mismatches: string[];
}

/**
 * Compare a report with the expected figures, field by field, in total and per model. `lost` and `duplicated`
 * are request counts (the largest shortfall / excess over every model); any token or cost mismatch is listed.
 */
export function compareWithReport(expected: ExpectedFigures, r: CensusReport): Comparison {
  const mismatches: string[] = [];
  let lost = 0;
  let duplicated = 0;
  const check = (where: string, want: Tally, got: { requests: number; promptTokens: number; completionTokens: number; reasoningTokens: number; cachedTokens: number; costUsd: number } | undefined) => {
    const g = got ?? { requests: 0, promptTokens: 0, completionTokens: 0, reasoningTokens: 0, cachedTokens: 0, costUsd: 0 };
    const pairs: Array<[string, number, number]> = [
      ['requests', want.requests, g.requests],
      ['promptTokens', want.promptTokens, g.promptTokens],
      ['completionTokens', want.completionTokens, g.completionTokens],
      ['reasoningTokens', want.reasoningTokens, g.reasoningTokens],
      ['cachedTokens', want.cachedTokens, g.cachedTokens],
      ['costNano', want.costNano, Math.round(g.costUsd * 1e9)],
    ];
    for (const [field, w, x] of pairs) if (w !== x) mismatches.push(`${where}.${field}: expected ${w}, got ${x}`);
    return g.requests - want.requests;
  };
  const d = check('totals', expected.totals, r.totals);
  if (d < 0) lost = Math.max(lost, -d);
  if (d > 0) duplicated = Math.max(duplicated, d);
  for (const [model, want] of expected.byModel) {
    const got = r.byModel.find((x) => x.model === model);
    const dm = check(`byModel[${model}]`, want, got);
    if (dm < 0) lost = Math.max(lost, -dm);
    if (dm > 0) duplicated = Math.max(duplicated, dm);
  }
  for (const m of r.byModel) {
    if (!expected.byModel.has(m.model)) {
      mismatches.push(`byModel[${m.model}] is not in the archive`);
      duplicated = Math.max(duplicated, m.requests);
    }
  }
  if (r.sampling.eventsSeen !== expected.totals.requests) {
    mismatches.push(`sampling.eventsSeen: expected ${expected.totals.requests}, got ${r.sampling.eventsSeen}`);
  }
  if (r.sampling.eventsSampled !== expected.sampled) {
    mismatches.push(`sampling.eventsSampled: expected ${expected.sampled}, got ${r.sampling.eventsSampled}`);
  }
  const outcomes = r.sampling.classified + r.sampling.belowThreshold + r.sampling.unclassifiable + r.sampling.classifierErrors;
  if (outcomes !== r.sampling.eventsSampled) {
    mismatches.push(`sample outcomes (${outcomes}) differ from samples taken (${r.sampling.eventsSampled})`);
    if (outcomes < r.sampling.eventsSampled) lost = Math.max(lost, r.sampling.eventsSampled - outcomes);
    else duplicated = Math.max(duplicated, outcomes - r.sampling.eventsSampled);
  }
  return { lost, duplicated, mismatches };
}
