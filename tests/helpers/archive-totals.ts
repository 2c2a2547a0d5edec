import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { expect } from 'vitest';
import type { CensusReport } from '../../src/report/census-report.js';

export interface Totals {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  cachedTokens: number;
  costNano: number;
}

/**
 * Totals computed straight from an archive, independently of the pipeline's code: every line that is a JSON
 * object with the required fields counts (the tests only feed valid lines here).
 */
export async function archiveTotals(path: string): Promise<{ totals: Totals; byModel: Map<string, Totals>; ids: string[] }> {
  const input = path.endsWith('.gz') ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  const rl = createInterface({ input, crlfDelay: Infinity });
  const zero = (): Totals => ({ requests: 0, promptTokens: 0, completionTokens: 0, reasoningTokens: 0, cachedTokens: 0, costNano: 0 });
  const totals = zero();
  const byModel = new Map<string, Totals>();
  const ids: string[] = [];
  for await (const line of rl) {
    if (!line.trim()) continue;
    const e = JSON.parse(line);
    ids.push(e.id);
    let m = byModel.get(e.model);
    if (!m) byModel.set(e.model, (m = zero()));
    for (const t of [totals, m]) {
      t.requests += 1;
      t.promptTokens += e.usage.promptTokens;
      t.completionTokens += e.usage.completionTokens;
      t.reasoningTokens += e.usage.reasoningTokens ?? 0;
      t.cachedTokens += e.usage.cachedTokens ?? 0;
      t.costNano += Math.round((e.costUsd ?? 0) * 1e9);
    }
  }
  return { totals, byModel, ids };
}

/** The report's totals and per-model figures equal what the archive says: nothing lost, nothing counted twice. */
export function expectReportMatchesArchive(
  report: Pick<CensusReport, 'totals' | 'byModel'>,
  expected: { totals: Totals; byModel: Map<string, Totals> },
): void {
  expect(report.totals.requests).toBe(expected.totals.requests);
  expect(report.totals.promptTokens).toBe(expected.totals.promptTokens);
  expect(report.totals.completionTokens).toBe(expected.totals.completionTokens);
  expect(report.totals.reasoningTokens).toBe(expected.totals.reasoningTokens);
  expect(report.totals.cachedTokens).toBe(expected.totals.cachedTokens);
  expect(Math.round(report.totals.costUsd * 1e9)).toBe(expected.totals.costNano);
  for (const [model, m] of expected.byModel) {
    const got = report.byModel.find((x) => x.model === model)!;
    expect(got.requests).toBe(m.requests);
    expect(got.promptTokens).toBe(m.promptTokens);
    expect(got.completionTokens).toBe(m.completionTokens);
    expect(Math.round(got.costUsd * 1e9)).toBe(m.costNano);
  }
}
