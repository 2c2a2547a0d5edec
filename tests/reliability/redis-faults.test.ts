import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArchive } from '../../src/generate/generate-archive.js';
import { getIngestFormat } from '../../src/ingest/registry.js';
import { replayArchives } from '../../src/replay/replay-archives.js';
import { waitForDrain } from '../../src/replay/wait-for-drain.js';
import { loadReport } from '../../src/report/load-report.js';
import { createHttpServer, type CensusHttpServer } from '../../src/server/http-server.js';
import { categoryViewFor } from '../../src/worker/category-view.js';
import { startTestApp, type TestApp } from '../helpers/test-env.js';
import { compareWithReport, expectedFigures } from './helpers/expected-figures.js';
import { startFakeClassifier, type FakeClassifier } from './helpers/fake-classifier.js';
import { postJson, probe, probeEvent, type Probe } from './helpers/http-probe.js';
import { freePort, startOwnRedis, type OwnRedis } from './helpers/own-redis.js';
import { reliabilitySizes } from './helpers/reliability-scale.js';
import { recordResult } from './helpers/suite-result.js';
import { createWorkerFleet, type WorkerFleet } from './helpers/worker-fleet.js';

const S = reliabilitySizes();
const SAMPLING = { rate: 0.01, salt: 'redis-fault-salt' };
const PAUSE_MS = 3000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Redis faults on a redis-server this suite starts itself: every client connection killed (CLIENT KILL) and the
 * server frozen (SIGSTOP/SIGCONT) while an archive is replayed and a worker process drains it.
 */
describe(`Redis faults (${S.scale}: ${S.redisFaultEvents} events, ${S.redisKills} connection kills, ${S.redisPauses} pauses)`, () => {
  let own: OwnRedis;
  let dir: string;
  let classifier: FakeClassifier;
  const apps: TestApp[] = [];
  let fleet: WorkerFleet | undefined;
  let server: CensusHttpServer | undefined;

  beforeAll(async () => {
    own = await startOwnRedis();
    classifier = await startFakeClassifier();
    dir = await mkdtemp(join(tmpdir(), 'pc-redisfault-'));
  });
  afterAll(async () => {
    fleet?.destroy();
    await server?.close().catch(() => undefined);
    own?.resume();
    for (const t of apps) await t.cleanup().catch(() => undefined);
    await own?.stop();
    await classifier?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('killed connections and a frozen server: the worker reconnects, totals stay exact; ingest answers 503 + Retry-After, /readyz not ready', { timeout: S.timeoutMs }, async () => {
    const started = Date.now();
    const archive = join(dir, 'redis-fault.ndjson.gz');
    await generateArchive({ events: S.redisFaultEvents, seed: 21, weeks: 2, out: archive });
    const t = await startTestApp('redisfault', { redis: { url: own.url }, sampling: SAMPLING, worker: { lockDurationMs: 2000 } });
    apps.push(t);
    const port = await freePort();
    fleet = await createWorkerFleet(dir, {
      redis: { url: own.url, prefix: t.config.redis.prefix },
      sampling: SAMPLING,
      classifier: { kind: 'http', http: { url: classifier.url, timeoutMs: 2000 }, retry: { attempts: 3, backoffMs: 50 }, rateLimit: { perMinute: 100_000 } },
      worker: { lockDurationMs: 2000, concurrency: 2 },
      server: { port },
      log: { level: 'info' },
    });
    await fleet.start(0, []);
    const base = `http://127.0.0.1:${port}`;
    expect((await probe(`${base}/readyz`)).status).toBe(200);

    const replaying = replayArchives({ paths: [archive], format: getIngestFormat('events'), producer: t.app.newReplayProducer() });

    let killed = 0;
    for (let i = 0; i < S.redisKills; i++) {
      await sleep(200 + Math.floor(Math.random() * 600));
      killed += await own.killClients();
    }

    const during: Array<{ ingest: Probe; readyz: Probe }> = [];
    for (let i = 0; i < S.redisPauses; i++) {
      await sleep(200 + Math.floor(Math.random() * 600));
      own.pause();
      const pausedAt = Date.now();
      try {
        await sleep(300);
        const ingest = await postJson(`${base}/v1/events`, [probeEvent(`paused-${i}`)]);
        const readyz = await probe(`${base}/readyz`);
        during.push({ ingest, readyz });
        await sleep(Math.max(0, PAUSE_MS - (Date.now() - pausedAt)));
      } finally {
        own.resume();
      }
    }
    const summary = await replaying;
    await waitForDrain(t.app.queues, { timeoutMs: S.timeoutMs / 2 });
    // Ready again once Redis answers.
    const after = await probe(`${base}/readyz`);
    const codes = await fleet.stopAll();

    const expected = await expectedFigures(archive, SAMPLING);
    const report = await loadReport(t.app.store, t.config, categoryViewFor(t.config), {});
    const cmp = compareWithReport(expected, report);
    await recordResult({
      suite: 'redis-faults',
      run: 'kill connections and freeze redis',
      injected: `${S.redisKills} rounds of CLIENT KILL of every client connection (${killed} connections killed) and ${S.redisPauses} × SIGSTOP of redis-server for ${PAUSE_MS / 1000} s`,
      load: `${summary.accepted.toLocaleString('en-US')} events replayed into a worker process (rollups + classification)`,
      of: expected.totals.requests,
      unit: 'events',
      lost: cmp.lost,
      duplicated: cmp.duplicated,
      leaked: 0,
      durationMs: Date.now() - started,
      notes: [
        `while frozen: POST /v1/events answered ${during.map((d) => `${d.ingest.status} in ${d.ingest.ms} ms (Retry-After ${d.ingest.retryAfter})`).join(', ')}; /readyz answered ${during.map((d) => d.readyz.status).join(', ')}`,
        ...cmp.mismatches.slice(0, 5),
      ],
    });

    expect(killed).toBeGreaterThan(0);
    for (const d of during) {
      expect(d.ingest.status).toBe(503);
      expect(d.ingest.retryAfter).toMatch(/^\d+$/);
      expect(JSON.parse(d.ingest.body).error).toBe('redis_unavailable');
      expect(d.ingest.ms).toBeLessThan(2500);
      expect(d.readyz.status).toBe(503);
      expect(JSON.parse(d.readyz.body)).toMatchObject({ status: 'not_ready', redis: false });
    }
    expect(after.status).toBe(200);
    expect(codes).toEqual([0]);
    expect(cmp.mismatches).toEqual([]);
  });

  it('Redis gone (process killed): ingest answers 503 + Retry-After within 2 s and /readyz says not ready', { timeout: 60_000 }, async () => {
    const second = await startOwnRedis();
    try {
      const t = await startTestApp('redisgone', { redis: { url: second.url }, server: { port: 0 } });
      apps.push(t);
      server = createHttpServer({ app: t.app, producer: t.app.newProducer(), workersRunning: () => true });
      const address = await server.listen();
      expect((await probe(`${address}/readyz`)).status).toBe(200);
      expect((await postJson(`${address}/v1/events`, [probeEvent('up-1')])).status).toBe(200);
      await second.stop();
      const ingest = await postJson(`${address}/v1/events`, [probeEvent('down-1')]);
      const readyz = await probe(`${address}/readyz`);
      expect(ingest.status).toBe(503);
      expect(ingest.retryAfter).toMatch(/^\d+$/);
      expect(ingest.contentType).toMatch(/application\/json/);
      expect(ingest.ms).toBeLessThan(2000);
      expect(readyz.status).toBe(503);
      expect(readyz.retryAfter).toMatch(/^\d+$/);
      await recordResult({
        suite: 'redis-faults',
        run: 'redis gone',
        injected: 'redis-server killed (SIGKILL) under a running HTTP ingest',
        load: '2 ingest requests, 1 before and 1 after the kill',
        of: 1,
        unit: 'requests answered 503 + Retry-After',
        lost: 0,
        duplicated: 0,
        leaked: 0,
        durationMs: ingest.ms,
        notes: [`POST /v1/events answered ${ingest.status} in ${ingest.ms} ms; /readyz ${readyz.status}`],
      });
    } finally {
      await second.stop();
    }
  });
});
