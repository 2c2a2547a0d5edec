import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArchive } from '../../src/generate/generate-archive.js';
import { getIngestFormat } from '../../src/ingest/registry.js';
import { replayArchives } from '../../src/replay/replay-archives.js';
import { waitForDrain } from '../../src/replay/wait-for-drain.js';
import { createHttpServer, type CensusHttpServer } from '../../src/server/http-server.js';
import { startTestApp, type TestApp } from '../helpers/test-env.js';
import { markEvent, plantCanaries } from './helpers/canary-archive.js';
import { compareWithRollups, expectedFigures, readRollups } from './helpers/expected-figures.js';
import { startFakeClassifier, type FakeClassifier } from './helpers/fake-classifier.js';
import { createGate, holdBackTail } from './helpers/held-replay.js';
import { postJson, probe, probeEvent, type Probe } from './helpers/http-probe.js';
import { markerTag, scanForMarkers } from './helpers/leak-scan.js';
import { freePort, startOwnRedis, type OwnRedis } from './helpers/own-redis.js';
import { reliabilitySizes } from './helpers/reliability-scale.js';
import { recordResult } from './helpers/suite-result.js';
import { waitUntil } from './helpers/wait-until.js';
import { createWorkerFleet, type WorkerFleet } from './helpers/worker-fleet.js';

const S = reliabilitySizes();
const SAMPLING = { rate: 0.01, salt: 'redis-fault-salt' };
const PAUSE_MS = 3000;
const TAG = markerTag('redisfault');
/** The replay's last lines, held back until every fault is injected. */
const HELD_BACK = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A probe event carrying markers in its prompt and user id. */
const markedProbe = (id: string) => {
  const e = probeEvent(id);
  markEvent(e, TAG, id, { addUser: true });
  return e;
};

/**
 * Redis faults on a redis-server this suite starts itself: every client connection killed (CLIENT KILL) and the
 * server frozen (SIGSTOP/SIGCONT) while an archive is replayed (its tail held back until every fault is made)
 * and a worker process drains it. Every prompt and user id carries a marker; Redis, the worker's output and
 * every HTTP answer are scanned for them afterwards.
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
    const plain = join(dir, 'plain.ndjson.gz');
    const archive = join(dir, 'redis-fault.ndjson.gz');
    await generateArchive({ events: S.redisFaultEvents, seed: 21, weeks: 2, out: plain });
    const planted = await plantCanaries(plain, archive, TAG);
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

    // The replay holds back its last lines until every fault is injected, so each one lands while it is still
    // enqueuing, however fast the worker drains what came before.
    const faultsMade = createGate();
    const producer = holdBackTail(t.app.newReplayProducer(), S.redisFaultEvents - HELD_BACK, faultsMade.opened);
    let replayDone = false;
    const replaying = replayArchives({ paths: [archive], format: getIngestFormat('events'), producer }).finally(() => {
      replayDone = true;
    });

    let killed = 0;
    let faultsDuringReplay = 0;
    const answers: string[] = [];
    const during: Array<{ ingest: Probe; readyz: Probe }> = [];
    try {
      for (let i = 0; i < S.redisKills; i++) {
        await sleep(200 + Math.floor(Math.random() * 600));
        killed += await own.killClients();
        if (!replayDone) faultsDuringReplay++;
      }
      for (let i = 0; i < S.redisPauses; i++) {
        await sleep(200 + Math.floor(Math.random() * 600));
        const pausedAt = Date.now();
        try {
          await own.pause();
          if (!replayDone) faultsDuringReplay++;
          // The server is stopped (the kernel says so): it answers nothing from here on, so probe straight away.
          const ingest = await postJson(`${base}/v1/events`, [markedProbe(`paused-${i}`)]);
          const readyz = await probe(`${base}/readyz`);
          during.push({ ingest, readyz });
          answers.push(ingest.body, readyz.body);
          await sleep(Math.max(0, PAUSE_MS - (Date.now() - pausedAt)));
        } finally {
          own.resume();
        }
      }
    } finally {
      faultsMade.open();
    }
    const summary = await replaying;
    await waitForDrain(t.app.queues, { timeoutMs: S.timeoutMs / 2 });
    // Ready again once Redis answers: the worker's connections come back on their own (waited for, not assumed).
    let after!: Probe;
    const readyAfterMs = await waitUntil(async () => (after = await probe(`${base}/readyz`)).status === 200, '/readyz to answer 200 after the faults', { timeoutMs: 15_000, everyMs: 100 });
    answers.push(after.body);
    const metricsText = (await probe(`${base}/metrics`)).body;
    const codes = await fleet.stopAll();

    const expected = await expectedFigures(archive, SAMPLING);
    const rollups = await readRollups(t.app.store, t.config);
    const cmp = compareWithRollups(expected, rollups);
    const scan = await scanForMarkers({
      tag: TAG,
      redis: { client: t.app.redis, prefix: t.config.redis.prefix },
      texts: { 'worker process stdout+stderr': fleet.output(), 'test-process logs': t.lines.join(''), 'HTTP answers': answers.join('\n'), '/metrics': metricsText },
    });
    await recordResult({
      suite: 'redis-faults',
      run: 'kill connections and freeze redis',
      injected: `${S.redisKills} rounds of CLIENT KILL of every client connection (${killed} connections killed) and ${S.redisPauses} × SIGSTOP of redis-server for ${PAUSE_MS / 1000} s, at random moments 200–800 ms apart, ${faultsDuringReplay} of ${S.redisKills + S.redisPauses} while the replay was still enqueuing (its last ${HELD_BACK.toLocaleString('en-US')} lines held back until every fault was made)`,
      load: `${summary.accepted.toLocaleString('en-US')} events replayed into a worker process (rollups + classification, sampling rate ${SAMPLING.rate}); ${during.length} ingest request(s) and /readyz probes while frozen`,
      of: expected.totals.requests,
      unit: 'events',
      lost: cmp.lost,
      duplicated: cmp.duplicated,
      leaked: scan.leaked,
      compared: `the archive, parsed and summed by the test: ${cmp.compared}`,
      leakScan: { markers: planted.prompts + planted.users + 2 * during.length, scanned: scan.scanned },
      durationMs: Date.now() - started,
      notes: [
        `while frozen: POST /v1/events answered ${during.map((d) => `${d.ingest.status} in ${d.ingest.ms} ms (Retry-After ${d.ingest.retryAfter})`).join(', ')}; /readyz answered ${during.map((d) => d.readyz.status).join(', ')}; /readyz 200 again ${readyAfterMs} ms after the drain`,
        ...cmp.mismatches.slice(0, 5),
      ],
    });

    expect(killed).toBeGreaterThan(0);
    expect(faultsDuringReplay).toBe(S.redisKills + S.redisPauses);
    expect(summary.accepted).toBe(S.redisFaultEvents);
    expect(during).toHaveLength(S.redisPauses);
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
    expect(cmp.lost).toBe(0);
    expect(cmp.duplicated).toBe(0);
    expect(scan.hits).toEqual({});
    expect(scan.leaked).toBe(0);
    expect(scan.redisKeys).toBeGreaterThan(0);
  });

  it('Redis gone (process killed): ingest answers 503 + Retry-After within 2 s and /readyz says not ready', { timeout: 60_000 }, async () => {
    const started = Date.now();
    const second = await startOwnRedis();
    const PER_REQUEST = 20;
    try {
      const t = await startTestApp('redisgone', { redis: { url: second.url }, server: { port: 0 } });
      apps.push(t);
      server = createHttpServer({ app: t.app, producer: t.app.newProducer(), workersRunning: () => true });
      const address = await server.listen();
      expect((await probe(`${address}/readyz`)).status).toBe(200);
      const up = await postJson(`${address}/v1/events`, Array.from({ length: PER_REQUEST }, (_, i) => markedProbe(`up-${i}`)));
      expect(up.status).toBe(200);
      const acknowledged = JSON.parse(up.body).accepted as number;
      // What the client was told is in Redis: count the events inside the queued batch jobs (no worker runs).
      const jobs = await t.app.queues.ingest.getJobs(['waiting', 'prioritized', 'delayed', 'active']);
      const queued = jobs.reduce((a, j) => a + j.data.records.length, 0);
      // Scanned while the server still lives: the queued batch jobs must hold neither prompt nor user id.
      const redisScan = await scanForMarkers({ tag: TAG, redis: { client: t.app.redis, prefix: t.config.redis.prefix } });
      await second.stop();
      const ingest = await postJson(`${address}/v1/events`, Array.from({ length: PER_REQUEST }, (_, i) => markedProbe(`down-${i}`)));
      const readyz = await probe(`${address}/readyz`);
      const textScan = await scanForMarkers({ tag: TAG, texts: { 'HTTP answers': [up.body, ingest.body, readyz.body].join('\n'), 'test-process logs': t.lines.join('') } });
      expect(ingest.status).toBe(503);
      expect(ingest.retryAfter).toMatch(/^\d+$/);
      expect(ingest.contentType).toMatch(/application\/json/);
      expect(JSON.parse(ingest.body).error).toBe('redis_unavailable');
      expect(ingest.ms).toBeLessThan(2000);
      expect(readyz.status).toBe(503);
      expect(readyz.retryAfter).toMatch(/^\d+$/);
      await recordResult({
        suite: 'redis-faults',
        run: 'redis gone',
        injected: 'redis-server killed (SIGKILL) under a running HTTP ingest',
        load: `2 ingest requests of ${PER_REQUEST} events, 1 before and 1 after the kill`,
        of: acknowledged,
        unit: 'acknowledged events',
        lost: Math.max(0, acknowledged - queued),
        duplicated: Math.max(0, queued - acknowledged),
        leaked: redisScan.leaked + textScan.leaked,
        compared: 'what the HTTP client was told was accepted, against the events inside the queued batch jobs',
        leakScan: { markers: 4 * PER_REQUEST, scanned: [...redisScan.scanned.map((x) => `${x}, before the kill`), ...textScan.scanned] },
        durationMs: Date.now() - started,
        notes: [`after the kill POST /v1/events answered ${ingest.status} (${JSON.parse(ingest.body).error}, Retry-After ${ingest.retryAfter}) in ${ingest.ms} ms; /readyz ${readyz.status}`],
      });
      expect(acknowledged).toBe(PER_REQUEST);
      expect(queued).toBe(acknowledged);
      expect(redisScan.redisKeys).toBeGreaterThan(0);
      expect({ ...redisScan.hits, ...textScan.hits }).toEqual({});
      expect(redisScan.leaked + textScan.leaked).toBe(0);
    } finally {
      await second.stop();
    }
  });
});
