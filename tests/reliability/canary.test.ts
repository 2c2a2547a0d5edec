import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
import { REDIS_URL, requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';
import { spawnCli } from '../helpers/worker-process.js';
import { plantCanaries } from './helpers/canary-archive.js';
import { addExpectedEvent, compareWithRollups, expectedFigures, readRollups } from './helpers/expected-figures.js';
import { startFakeClassifier, type FakeClassifier } from './helpers/fake-classifier.js';
import { postJson, probe, probeEvent } from './helpers/http-probe.js';
import { markerTag, scanForMarkers } from './helpers/leak-scan.js';
import { freePort } from './helpers/own-redis.js';
import { reliabilitySizes } from './helpers/reliability-scale.js';
import { recordResult } from './helpers/suite-result.js';
import { createWorkerFleet, type WorkerFleet } from './helpers/worker-fleet.js';

const S = reliabilitySizes();
const TAG = markerTag('canary');
const USER_KEY = 'canary-user-hash-key';
const SAMPLING = { rate: 0.2, salt: 'canary-salt' };

/**
 * Unique markers in every prompt and user id; a full run through replay and HTTP with classifier failures and
 * retries; then every Redis key and value, every log line (trace level, test process and worker process),
 * /metrics and every report format the CLI offers are scanned for them.
 */
describe(`privacy canary (${S.scale}: ${S.canaryEvents} events)`, () => {
  let t: TestApp;
  let fake: FakeClassifier;
  let fleet: WorkerFleet | undefined;
  let inProcess: CensusWorker | undefined;
  let dir: string;

  beforeAll(async () => {
    await requireRedis();
    fake = await startFakeClassifier({ slowMs: 800 });
    dir = await mkdtemp(join(tmpdir(), 'pc-canary-'));
  });
  afterAll(async () => {
    fleet?.destroy();
    await inProcess?.close();
    await t?.cleanup();
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('no marker appears in Redis, logs, /metrics or any report; user ids live only as keyed hashes inside HyperLogLogs', { timeout: S.timeoutMs }, async () => {
    const started = Date.now();
    const plain = join(dir, 'plain.ndjson.gz');
    const archive = join(dir, 'canary.ndjson');
    await generateArchive({ events: S.canaryEvents, seed: 41, weeks: 2, out: plain });
    const planted = await plantCanaries(plain, archive, TAG);
    const raw = {
      sampling: SAMPLING,
      ingest: { userHashKey: USER_KEY, batchMaxWaitMs: 50 },
      classifier: { kind: 'http', http: { url: fake.url, timeoutMs: 500 }, retry: { attempts: 3, backoffMs: 50 }, rateLimit: { perMinute: 100_000 } },
    };
    t = await startTestApp('canary', raw);
    const port = await freePort();
    const configObject = { ...raw, redis: { url: REDIS_URL, prefix: t.config.redis.prefix }, server: { port }, log: { level: 'trace' } };
    fleet = await createWorkerFleet(dir, configObject, 'canary');
    await fleet.start(0, []);
    // A second replica inside the test process, logging at trace into memory.
    inProcess = await startCensusWorker(t.app, {
      classifier: await createClassifier(t.config.classifier, { logger: t.app.logger }),
      view: categoryViewFor(t.config),
    });
    const base = `http://127.0.0.1:${port}`;

    // Failures and retries of every kind; every third sample's first try fails, some samples fail for good.
    let n = 0;
    let markedExcerpts = 0;
    const faults = ['server_error', 'slow', 'garbage', 'too_few_tokens', 'reset', 'rate_limited', 'bad_shape', 'unavailable'] as const;
    fake.script((_i, excerpt) => {
      if (excerpt.includes(TAG)) markedExcerpts++;
      n++;
      return n % 3 === 0 ? faults[(n / 3) % faults.length]! : 'ok';
    });

    const summary = await replayArchives({ paths: [archive], format: getIngestFormat('events'), producer: t.app.newReplayProducer() });
    // HTTP, including bad records whose prompts carry markers (their errors must not echo them).
    const httpEvents = Array.from({ length: 50 }, (_, i) =>
      probeEvent(`canary-http-${i}`, { prompt: `${TAG}H${i}Z write code`, userId: `${TAG}HU${i}Z`, ...(i % 10 === 0 ? { usage: { promptTokens: -1, completionTokens: 0 } } : {}) }),
    );
    const httpAnswer = await postJson(`${base}/v1/events`, httpEvents);
    expect(httpAnswer.status).toBe(200);
    const invalidAnswer = await postJson(`${base}/v1/events`, [{ id: 'x', prompt: `${TAG}BAD`, userId: `${TAG}BADU` }]);
    expect(invalidAnswer.status).toBe(400);
    await waitForDrain(t.app.queues, { timeoutMs: S.timeoutMs / 2 });
    const metricsText = (await probe(`${base}/metrics`)).body;
    const readyz = (await probe(`${base}/readyz`)).body;
    expect(await fleet.stopAll()).toEqual([0]);
    await inProcess.close();

    // Everything to scan.
    const prefix = t.config.redis.prefix;
    const configFile = fleet.configFile;
    const reports: Record<string, string> = {};
    for (const format of ['json', 'text', 'html', 'csv', 'markdown']) {
      const out = join(dir, `report.${format}`);
      const r = await spawnCli(['report', '--config', configFile, '--format', format, '--out', out]);
      const code = await r.exited;
      if (code === 0) reports[format] = await readFile(out, 'utf8');
      else expect(r.output(), `report --format ${format} failed for another reason than an unknown format`).toMatch(/--format/);
    }
    expect(Object.keys(reports)).toEqual(expect.arrayContaining(['json', 'text']));
    // User ids: the keyed hash of a user id is never stored as text; distinct counts live in HyperLogLogs only.
    const hashes = Array.from({ length: 50 }, (_, i) => createHmac('sha256', USER_KEY).update(`${TAG}U${i + 1}Z`).digest('hex').slice(0, 32));
    const scan = await scanForMarkers({
      tag: TAG,
      redis: { client: t.app.redis, prefix },
      texts: {
        'test-process logs at trace level': t.lines.join(''),
        'worker process stdout+stderr at trace level': fleet.output(),
        '/metrics': metricsText,
        '/readyz': readyz,
        'HTTP answers': httpAnswer.body + invalidAnswer.body,
        ...Object.fromEntries(Object.entries(reports).map(([f, text]) => [`report ${f}`, text])),
      },
      forbidden: hashes,
    });
    const hashLeaks = scan.forbiddenFound;
    const hllKeys = await t.app.redis.keys(`${prefix}:u:*`);
    const nonHll: string[] = [];
    for (const key of hllKeys) {
      const v = await t.app.redis.getrange(key, 0, 3);
      if (v !== 'HYLL') nonHll.push(key);
    }
    // Nothing lost or counted twice either: the rollups equal the archive plus the valid HTTP events.
    const expected = await expectedFigures(archive, SAMPLING);
    for (const e of httpEvents) if ((e.usage as { promptTokens: number }).promptTokens >= 0) addExpectedEvent(expected, e, SAMPLING);
    const rollups = await readRollups(t.app.store, t.config);
    const cmp = compareWithRollups(expected, rollups);
    const s = rollups.report.sampling;

    await recordResult({
      suite: 'canary',
      run: 'full run with classifier failures',
      injected: `${planted.prompts + 51} prompt markers and ${planted.users + 51} user-id markers; classifier faults on every third request (${Object.entries(fake.counts).filter(([, v]) => v > 0).map(([f, v]) => `${f} ${v}`).join(', ')})`,
      load: `${summary.accepted.toLocaleString('en-US')} events replayed + 51 over HTTP (6 of them invalid), ${s.eventsSampled} samples`,
      of: expected.totals.requests,
      unit: 'events',
      lost: cmp.lost,
      duplicated: cmp.duplicated,
      leaked: scan.leaked + hashLeaks.length + nonHll.length,
      compared: `the archive and the valid HTTP events, parsed and summed by the test: ${cmp.compared}`,
      leakScan: {
        markers: planted.prompts + planted.users + 102,
        scanned: [...scan.scanned, `also for the keyed hashes of ${hashes.length} user ids, and every HyperLogLog key for its HYLL header`],
      },
      durationMs: Date.now() - started,
      notes: [
        `${markedExcerpts} of ${fake.requests()} classifier requests carried a marker in their excerpt (the classifier must see the text); ${hllKeys.length} HyperLogLog keys, all of type HYLL`,
        `sample outcomes: classified ${s.classified}, below threshold ${s.belowThreshold}, unclassifiable ${s.unclassifiable}, classifier errors ${s.classifierErrors}`,
        ...cmp.mismatches.slice(0, 5),
      ],
    });

    expect(s.eventsSampled).toBeGreaterThan(0);
    expect(s.unclassifiable + s.classifierErrors).toBeGreaterThan(0);
    expect(fake.counts.server_error + fake.counts.garbage).toBeGreaterThan(0);
    expect(scan.hits).toEqual({});
    expect(scan.leaked).toBe(0);
    expect(hashLeaks).toEqual([]);
    expect(cmp.mismatches).toEqual([]);
    expect(scan.redisKeys).toBeGreaterThan(0);
    expect(hllKeys.length).toBeGreaterThan(0);
    expect(nonHll).toEqual([]);
    // The scan is not vacuous: the markers were in the excerpts the classifier received, and logs were written.
    expect(markedExcerpts).toBeGreaterThan(0);
    expect(t.lines.length).toBeGreaterThan(0);
    expect(fleet.output()).toMatch(/"level":10|"level":"trace"|workers started/);
  });
});
