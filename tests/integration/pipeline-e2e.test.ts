import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classifiers/registry.js';
import { generateArchive } from '../../src/generate/generate-archive.js';
import { getIngestFormat } from '../../src/ingest/registry.js';
import { replayArchives } from '../../src/replay/replay-archives.js';
import { waitForDrain } from '../../src/replay/wait-for-drain.js';
import { loadReport } from '../../src/report/load-report.js';
import { categoryViewFor } from '../../src/worker/category-view.js';
import { startCensusWorker, type CensusWorker } from '../../src/worker/census-worker.js';
import { archiveTotals } from '../helpers/archive-totals.js';
import { requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';

const FIXTURE_BAD = new URL('../fixtures/bad-events.ndjson', import.meta.url).pathname;

describe('pipeline end to end on real Redis', () => {
  let t: TestApp;
  let worker: CensusWorker;
  let dir: string;
  let archive: string;

  beforeAll(async () => {
    await requireRedis();
    dir = await mkdtemp(join(tmpdir(), 'pc-e2e-'));
    archive = join(dir, 'archive.ndjson.gz');
    await generateArchive({ events: 20_000, seed: 7, weeks: 4, out: archive });
    t = await startTestApp('e2e', { sampling: { rate: 0.01, salt: 'e2e-salt' } });
    const view = categoryViewFor(t.config);
    const classifier = await createClassifier(t.config.classifier, { logger: t.app.logger });
    worker = await startCensusWorker(t.app, { classifier, view });
  });

  afterAll(async () => {
    await worker?.close();
    await t?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const replay = async () => {
    const summary = await replayArchives({
      paths: [archive, FIXTURE_BAD],
      format: getIngestFormat('events'),
      producer: t.app.newReplayProducer(),
    });
    await waitForDrain(t.app.queues, { timeoutMs: 60_000 });
    return summary;
  };
  const report = () => loadReport(t.app.store, t.config, categoryViewFor(t.config), {});

  it('rollups equal totals computed independently from the archive; bad lines are rejected with file:line', async () => {
    const summary = await replay();
    const expected = await archiveTotals(archive);
    // The fixture adds two valid events (good-1 and good-2); its duplicate good-1 is rejected.
    expect(summary.accepted).toBe(expected.totals.requests + 2);
    // 6 bad lines (one of them an array: one line is one record), plus the duplicate id.
    expect(summary.rejected).toBe(7);
    const reasons = summary.rejectedByReason.map((r) => r.reason);
    expect(reasons).toContain('invalid_field usage.promptTokens: must not be negative');
    expect(reasons).toContain('invalid_field createdAt: must be an ISO-8601 date-time');
    expect(reasons).toContain('invalid_field model: is required');
    expect(reasons).toContain('invalid_field billingCountry: must be an ISO 3166-1 alpha-2 code');
    expect(reasons).toContain('duplicate_id id: repeats an id already in this batch');
    expect(reasons.some((r) => r.startsWith('invalid_json'))).toBe(true);
    const bad = summary.rejectedByReason.find((r) => r.reason.startsWith('invalid_field usage.promptTokens'))!;
    expect(bad.examples).toEqual([`${FIXTURE_BAD}:1`]);

    const r = await report();
    const fixtureExtra = { requests: 2, promptTokens: 101, completionTokens: 22, reasoningTokens: 5, cachedTokens: 7, costNano: 1_200_000 };
    expect(r.totals.requests).toBe(expected.totals.requests + fixtureExtra.requests);
    expect(r.totals.promptTokens).toBe(expected.totals.promptTokens + fixtureExtra.promptTokens);
    expect(r.totals.completionTokens).toBe(expected.totals.completionTokens + fixtureExtra.completionTokens);
    expect(r.totals.reasoningTokens).toBe(expected.totals.reasoningTokens + fixtureExtra.reasoningTokens);
    expect(r.totals.cachedTokens).toBe(expected.totals.cachedTokens + fixtureExtra.cachedTokens);
    expect(Math.round(r.totals.costUsd * 1e9)).toBe(expected.totals.costNano + fixtureExtra.costNano);
    for (const [model, m] of expected.byModel) {
      const got = r.byModel.find((x) => x.model === model)!;
      expect(got.requests).toBe(m.requests);
      expect(got.promptTokens).toBe(m.promptTokens);
      expect(got.completionTokens).toBe(m.completionTokens);
      expect(Math.round(got.costUsd * 1e9)).toBe(m.costNano);
    }
    expect(r.byWeek.map((w) => w.week)).toEqual(['2025-W23', '2025-W24', '2025-W25', '2025-W26']);
    expect(r.byWeek.reduce((a, w) => a + w.requests, 0)).toBe(r.totals.requests);

    // Sampling: recompute the decision independently with the documented hash.
    const { ids } = expected;
    const sampledIds = ids.filter((id) => createHmac('sha256', 'e2e-salt').update(id).digest().readUIntBE(0, 6) / 2 ** 48 < 0.01);
    expect(r.sampling.eventsSeen).toBe(r.totals.requests);
    expect(r.sampling.eventsSampled + r.sampling.consentDenied).toBeGreaterThanOrEqual(sampledIds.length - 1);
    const outcomes = r.sampling.classified + r.sampling.belowThreshold + r.sampling.unclassifiable + r.sampling.classifierErrors;
    expect(outcomes).toBe(r.sampling.eventsSampled);
    // Categories under report.minSamples publish no counts; without suppression every answered sample has one primary.
    const unsuppressed = await loadReport(t.app.store, { ...t.config, report: { ...t.config.report, minSamples: 0 } }, categoryViewFor(t.config), {});
    expect(unsuppressed.categories.reduce((a, c) => a + (c.primarySampledRequests ?? 0), 0)).toBe(r.sampling.classified + r.sampling.belowThreshold);
    expect(r.categories.find((c) => c.category === 'programming')!.sampledRequests).toBeGreaterThan(0);
  });

  it('replaying the same archive again leaves every figure unchanged', async () => {
    const before = await report();
    const summary = await replay();
    expect(summary.accepted).toBeGreaterThan(0);
    const after = await report();
    expect(after).toEqual(before);
  });
});
