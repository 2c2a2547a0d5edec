import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classifiers/registry.js';
import { waitForDrain } from '../../src/replay/wait-for-drain.js';
import { categoryViewFor } from '../../src/worker/category-view.js';
import { startCensusWorker, type CensusWorker } from '../../src/worker/census-worker.js';
import { requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';
import { markEvent } from './helpers/canary-archive.js';
import { compareWithRollups, expectedFiguresOf, readRollups } from './helpers/expected-figures.js';
import { startFakeClassifier, type FakeClassifier } from './helpers/fake-classifier.js';
import { probeEvent } from './helpers/http-probe.js';
import { markerTag, scanForMarkers } from './helpers/leak-scan.js';
import { recordResult } from './helpers/suite-result.js';
import type { GenerationEvent } from '../../src/event/generation-event-schema.js';

const PER_KIND = 100;
const TAG = markerTag('consent');
const SALT = 'consent-salt';

/** Sampling rate 1: every event would be sampled, so only consent decides. */
describe('consent', () => {
  let fake: FakeClassifier;
  let t: TestApp | undefined;
  let worker: CensusWorker | undefined;

  beforeAll(async () => {
    await requireRedis();
  });
  afterEach(async () => {
    await worker?.close();
    await t?.cleanup();
    await fake?.close();
    worker = undefined;
    t = undefined;
  });

  const run = async (requireConsent: boolean) => {
    const started = Date.now();
    fake = await startFakeClassifier();
    const seen = { DENIED: 0, GRANTED: 0, ABSENT: 0 };
    fake.script((_n, excerpt) => {
      for (const k of Object.keys(seen) as Array<keyof typeof seen>) if (excerpt.includes(`CONSENT${k}`)) seen[k]++;
      return 'ok';
    });
    const sampling = { rate: 1, salt: SALT, requireConsent };
    t = await startTestApp(`consent${requireConsent ? 'req' : ''}`, {
      sampling,
      classifier: { kind: 'http', http: { url: fake.url, timeoutMs: 2000 }, retry: { attempts: 2, backoffMs: 50 }, rateLimit: { perMinute: 100_000 } },
    });
    worker = await startCensusWorker(t.app, { classifier: await createClassifier(t.config.classifier, { logger: t.app.logger }), view: categoryViewFor(t.config) });
    const producer = t.app.newReplayProducer();
    const events: Array<Record<string, unknown>> = [];
    for (let i = 0; i < PER_KIND; i++) {
      for (const [kind, consent] of [['DENIED', 'denied'], ['GRANTED', 'granted'], ['ABSENT', undefined]] as const) {
        const e = probeEvent(`${kind}-${i}`, { prompt: `CONSENT${kind} write code`, ...(consent ? { consent } : {}) });
        markEvent(e, TAG, `${kind}-${i}`, { addUser: true });
        events.push(e);
        producer.submit(e as unknown as GenerationEvent);
      }
    }
    await producer.flush();
    await waitForDrain(t.app.queues, { timeoutMs: 30_000 });
    const rollups = await readRollups(t.app.store, t.config);
    const cmp = compareWithRollups(expectedFiguresOf(events, sampling), rollups);
    const scan = await scanForMarkers({ tag: TAG, redis: { client: t.app.redis, prefix: t.config.redis.prefix }, texts: { 'test-process logs of the worker at trace level': t.lines.join('') } });
    return { r: rollups.report, cmp, scan, seen, markers: 2 * events.length, ms: Date.now() - started };
  };

  it('consent: denied is never sampled; everything else is (sampling.requireConsent false)', async () => {
    const { r, cmp, scan, seen, markers, ms } = await run(false);
    await recordResult({
      suite: 'consent', run: 'default', injected: `${PER_KIND} denied, ${PER_KIND} granted, ${PER_KIND} without consent; sampling rate 1`,
      load: `${3 * PER_KIND} events`, of: 3 * PER_KIND, unit: 'events', lost: cmp.lost, duplicated: cmp.duplicated,
      leaked: seen.DENIED + scan.leaked,
      compared: `the events as the test made them, summed by the test: ${cmp.compared}`,
      leakScan: { markers, scanned: ['every excerpt the classifier received, for denied events', ...scan.scanned] },
      durationMs: ms,
      notes: [`classifier saw ${seen.DENIED} denied, ${seen.GRANTED} granted, ${seen.ABSENT} unmarked excerpts`, ...cmp.mismatches.slice(0, 5)],
    });
    expect(seen.DENIED).toBe(0);
    expect(seen.GRANTED).toBe(PER_KIND);
    expect(seen.ABSENT).toBe(PER_KIND);
    expect(r.sampling.consentDenied).toBe(PER_KIND);
    expect(r.sampling.eventsSampled).toBe(2 * PER_KIND);
    expect(r.totals.requests).toBe(3 * PER_KIND);
    expect(cmp.mismatches).toEqual([]);
    expect(scan.hits).toEqual({});
    expect(scan.leaked).toBe(0);
  });

  it('sampling.requireConsent: only granted events are sampled', async () => {
    const { r, cmp, scan, seen, markers, ms } = await run(true);
    await recordResult({
      suite: 'consent', run: 'requireConsent', injected: `sampling.requireConsent true; ${PER_KIND} denied, ${PER_KIND} granted, ${PER_KIND} without consent`,
      load: `${3 * PER_KIND} events`, of: 3 * PER_KIND, unit: 'events', lost: cmp.lost, duplicated: cmp.duplicated,
      leaked: seen.DENIED + seen.ABSENT + scan.leaked,
      compared: `the events as the test made them, summed by the test: ${cmp.compared}`,
      leakScan: { markers, scanned: ['every excerpt the classifier received, for events without "granted"', ...scan.scanned] },
      durationMs: ms,
      notes: [`classifier saw ${seen.DENIED} denied, ${seen.GRANTED} granted, ${seen.ABSENT} unmarked excerpts`, ...cmp.mismatches.slice(0, 5)],
    });
    expect(seen.DENIED).toBe(0);
    expect(seen.ABSENT).toBe(0);
    expect(seen.GRANTED).toBe(PER_KIND);
    expect(r.sampling.consentDenied).toBe(PER_KIND);
    expect(r.sampling.noConsent).toBe(PER_KIND);
    expect(r.sampling.eventsSampled).toBe(PER_KIND);
    expect(r.totals.requests).toBe(3 * PER_KIND);
    expect(cmp.mismatches).toEqual([]);
    expect(scan.hits).toEqual({});
    expect(scan.leaked).toBe(0);
  });
});
