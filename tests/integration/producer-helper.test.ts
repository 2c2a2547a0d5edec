import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCensusProducer } from '../../src/index.js';
import { createClassifier } from '../../src/classifiers/registry.js';
import { waitForDrain } from '../../src/replay/wait-for-drain.js';
import { loadReport } from '../../src/report/load-report.js';
import { categoryViewFor } from '../../src/worker/category-view.js';
import { startCensusWorker, type CensusWorker } from '../../src/worker/census-worker.js';
import { dumpPrefix, REDIS_URL, requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';

describe('createCensusProducer (the producer helper for Node gateways)', () => {
  let t: TestApp;
  let worker: CensusWorker;
  beforeAll(async () => {
    await requireRedis();
    t = await startTestApp('producer', { sampling: { rate: 0.5, salt: 'ps' } });
    const classifier = await createClassifier(t.config.classifier, { logger: t.app.logger });
    worker = await startCensusWorker(t.app, { classifier, view: categoryViewFor(t.config) });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.cleanup();
  });

  it('validates, samples in-process and queues batches; text of unsampled events never reaches Redis', async () => {
    const census = await createCensusProducer({
      config: { redis: { url: REDIS_URL, prefix: t.config.redis.prefix }, sampling: { rate: 0.5, salt: 'ps' }, ingest: { batchMaxEvents: 7, batchMaxWaitMs: 50 } },
    });
    let sampled = 0;
    const markers: string[] = [];
    for (let i = 0; i < 40; i++) {
      const marker = `PRODUCER-MARKER-${i}-${'x'.repeat(1200)}`;
      markers.push(marker.slice(0, 30));
      const r = census.record({
        id: `p-${i}`,
        createdAt: Date.parse('2025-06-05T00:00:00Z'),
        model: 'openai/gpt-4o-mini',
        usage: { promptTokens: 3, completionTokens: 2 },
        prompt: [{ role: 'user', content: marker }],
      });
      expect(r.accepted).toBe(true);
      if (r.accepted && r.sampled) sampled++;
    }
    const bad = census.record({ id: 'p-bad', createdAt: 'x', model: 'm', usage: {} });
    expect(bad.accepted).toBe(false);
    if (!bad.accepted) expect(bad.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['createdAt', 'usage.promptTokens']));
    await census.flush();
    expect(sampled).toBeGreaterThan(5);
    expect(sampled).toBeLessThan(35);
    await census.close();
    await waitForDrain(t.app.queues, { timeoutMs: 20_000 });
    const report = await loadReport(t.app.store, t.config, categoryViewFor(t.config), {});
    expect(report.totals.requests).toBe(40);
    expect(report.sampling.eventsSampled).toBe(sampled);
    // Nothing of any prompt (sampled ones included, now classified) remains in Redis.
    const dump = await dumpPrefix(t.app.redis as never, t.config.redis.prefix);
    for (const m of markers) expect(dump).not.toContain(m);
    expect(dump).not.toContain('PRODUCER-MARKER');
  });
});
