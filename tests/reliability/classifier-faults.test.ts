import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classifiers/registry.js';
import { generateArchive } from '../../src/generate/generate-archive.js';
import { getIngestFormat } from '../../src/ingest/registry.js';
import { replayArchives } from '../../src/replay/replay-archives.js';
import { waitForDrain } from '../../src/replay/wait-for-drain.js';
import { categoryViewFor } from '../../src/worker/category-view.js';
import { startCensusWorker, type CensusWorker } from '../../src/worker/census-worker.js';
import { requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';
import { plantCanaries } from './helpers/canary-archive.js';
import { compareWithRollups, expectedFigures, readRollups } from './helpers/expected-figures.js';
import { startFakeClassifier, type Fault, type FakeClassifier } from './helpers/fake-classifier.js';
import { markerTag, scanForMarkers } from './helpers/leak-scan.js';
import { reliabilitySizes } from './helpers/reliability-scale.js';
import { recordResult } from './helpers/suite-result.js';
import { waitUntil } from './helpers/wait-until.js';

const S = reliabilitySizes();
const SAMPLING = { rate: 0.05, salt: 'classifier-fault-salt' };
const TAG = markerTag('classifierfaults');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fixed mix of faults, drawn per request from a seeded generator (so a run is repeatable in shape). */
function faultMix(seed: number): () => Fault {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const table: Array<[Fault, number]> = [
    ['ok', 0.45], ['server_error', 0.1], ['unavailable', 0.08], ['slow', 0.06], ['hang', 0.06],
    ['reset', 0.05], ['garbage', 0.06], ['bad_shape', 0.04], ['too_few_tokens', 0.06], ['rate_limited', 0.04],
  ];
  return () => {
    let u = next();
    for (const [f, p] of table) {
      if (u < p) return f;
      u -= p;
    }
    return 'ok';
  };
}

describe(`classifier faults against a fake classifyText server (${S.scale}: ${S.classifierEvents} events)`, () => {
  let t: TestApp;
  let worker: CensusWorker | undefined;
  let fake: FakeClassifier;
  let dir: string;

  beforeAll(async () => {
    await requireRedis();
    fake = await startFakeClassifier({ slowMs: 1500 });
    dir = await mkdtemp(join(tmpdir(), 'pc-clsfault-'));
  });
  afterAll(async () => {
    await worker?.close();
    await t?.cleanup();
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('429 storms, 5xx, timeouts, hung connections, garbage: rollups never stall, every sample ends counted, no excerpt stays in Redis', { timeout: S.timeoutMs }, async () => {
    const started = Date.now();
    const plain = join(dir, 'plain.ndjson.gz');
    const archive = join(dir, 'marked.ndjson');
    await generateArchive({ events: S.classifierEvents, seed: 31, weeks: 2, out: plain });
    const planted = await plantCanaries(plain, archive, TAG);

    t = await startTestApp('clsfault', {
      sampling: SAMPLING,
      classifier: { kind: 'http', http: { url: fake.url, timeoutMs: 500 }, retry: { attempts: 3, backoffMs: 50 }, rateLimit: { perMinute: 100_000 } },
    });
    const classifier = await createClassifier(t.config.classifier, { logger: t.app.logger });
    worker = await startCensusWorker(t.app, { classifier, view: categoryViewFor(t.config) });

    // Phase 1: a 429 storm while the archive is replayed.
    let phase: 'storm' | 'hang' | 'mix' = 'storm';
    const mix = faultMix(7);
    fake.script(() => (phase === 'storm' ? 'rate_limited' : phase === 'hang' ? 'hang' : mix()));
    const summary = await replayArchives({ paths: [archive], format: getIngestFormat('events'), producer: t.app.newReplayProducer() });
    // The storm lasts until the classifier has been hit by it (waited for, however slow the machine).
    await waitUntil(() => fake.counts.rate_limited > 0, 'the first classifier request of the 429 storm', { timeoutMs: 30_000 });
    const stormRequests = fake.counts.rate_limited;

    // Phase 2: every classifier connection hangs; the rollups must still drain. The phase starts for real with the
    // first hung call (waited for, not assumed after a fixed time).
    phase = 'hang';
    await waitUntil(() => fake.counts.hang > 0, 'the first hung classifier call', { timeoutMs: 30_000 });
    const hangStarted = Date.now();
    let rollupsDrainedMs = -1;
    let classifyPendingWhenRollupsDrained = 0;
    while (Date.now() - hangStarted < 15_000) {
      const b = await t.app.queues.backlog();
      if (b.ingest === 0) {
        rollupsDrainedMs = Date.now() - hangStarted;
        classifyPendingWhenRollupsDrained = b.classify;
        break;
      }
      await sleep(100);
    }

    // Phase 3: a mix of every fault until everything has an outcome.
    phase = 'mix';
    await waitForDrain(t.app.queues, { timeoutMs: S.timeoutMs / 2 });

    const expected = await expectedFigures(archive, SAMPLING);
    const rollups = await readRollups(t.app.store, t.config);
    const report = rollups.report;
    const cmp = compareWithRollups(expected, rollups);
    const classifyJobKeys = (await t.app.redis.keys(`${t.config.redis.prefix}:classify:s-*`)).length;
    const metricsText = await t.app.metrics.registry.metrics();
    const scan = await scanForMarkers({
      tag: TAG,
      redis: { client: t.app.redis, prefix: t.config.redis.prefix },
      texts: { 'test-process logs of the replay and the worker at trace level': t.lines.join(''), '/metrics': metricsText },
    });
    const failedByOutcome = (outcome: string) =>
      [...metricsText.matchAll(new RegExp(`^prompt_census_samples_failed_total\\{[^}]*outcome="${outcome}"[^}]*\\} (\\d+)`, 'gm'))].reduce((a, m) => a + Number(m[1]), 0);
    const classifiedMetric = [...metricsText.matchAll(/^prompt_census_samples_classified_total\{[^}]*\} (\d+)/gm)].reduce((a, m) => a + Number(m[1]), 0);
    const s = report.sampling;

    await recordResult({
      suite: 'classifier-faults',
      run: 'fault mix',
      injected: `429 storm (${stormRequests} requests answered 429), then every connection hung, then a mix per request: ${Object.entries(fake.counts).map(([f, n]) => `${f} ${n}`).join(', ')}`,
      load: `${summary.accepted.toLocaleString('en-US')} events, ${s.eventsSampled} samples (rate ${SAMPLING.rate}), classifier timeout 500 ms, 3 attempts`,
      of: s.eventsSampled,
      unit: 'samples',
      lost: cmp.lost,
      duplicated: cmp.duplicated,
      leaked: scan.leaked,
      compared: `the archive, parsed and summed by the test: ${cmp.compared}`,
      leakScan: { markers: planted.prompts + planted.users, scanned: scan.scanned },
      durationMs: Date.now() - started,
      notes: [
        `outcomes: classified ${s.classified}, below threshold ${s.belowThreshold}, unclassifiable ${s.unclassifiable}, classifier errors ${s.classifierErrors}`,
        `rollups drained ${rollupsDrainedMs} ms into the hang phase with ${classifyPendingWhenRollupsDrained} classify jobs still pending; ${classifyJobKeys} classify job keys (which would hold an excerpt) left afterwards`,
        ...cmp.mismatches.slice(0, 5),
      ],
    });

    expect(stormRequests).toBeGreaterThan(0);
    expect(rollupsDrainedMs).toBeGreaterThanOrEqual(0);
    expect(cmp.mismatches).toEqual([]);
    expect(cmp.lost).toBe(0);
    expect(cmp.duplicated).toBe(0);
    expect(s.eventsSampled).toBe(expected.sampled);
    expect(s.unclassifiable).toBeGreaterThan(0);
    expect(s.classifierErrors).toBeGreaterThan(0);
    expect(s.classified + s.belowThreshold).toBeGreaterThan(0);
    // Counted in the metrics too.
    expect(failedByOutcome('unclassifiable')).toBe(s.unclassifiable);
    expect(failedByOutcome('error')).toBe(s.classifierErrors);
    expect(classifiedMetric).toBe(s.classified + s.belowThreshold);
    expect(classifyJobKeys).toBe(0);
    expect(scan.hits).toEqual({});
    expect(scan.leaked).toBe(0);
    expect(scan.redisKeys).toBeGreaterThan(0);
  });
});
