import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArchive } from '../../src/generate/generate-archive.js';
import { getIngestFormat } from '../../src/ingest/registry.js';
import { replayArchives } from '../../src/replay/replay-archives.js';
import { waitForDrain } from '../../src/replay/wait-for-drain.js';
import { REDIS_URL, requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';
import { plantCanaries } from './helpers/canary-archive.js';
import { compareWithRollups, expectedFigures, readRollups, type ExpectedFigures } from './helpers/expected-figures.js';
import { createGate, holdBackTail } from './helpers/held-replay.js';
import { markerTag, scanForMarkers } from './helpers/leak-scan.js';
import { reliabilitySizes } from './helpers/reliability-scale.js';
import { recordResult } from './helpers/suite-result.js';
import { createWorkerFleet, type WorkerFleet } from './helpers/worker-fleet.js';
import { startFakeClassifier, type FakeClassifier } from './helpers/fake-classifier.js';

const S = reliabilitySizes();

const SAMPLING = { rate: 0.01, salt: 'chaos-salt' };
const TAG = markerTag('chaos');
/** The replay's last lines, held back until every kill is made. */
const HELD_BACK = 1000;

/**
 * Kill -9 worker processes at random moments while an archive is replayed into the queue, restart them, drain,
 * and compare every rollup with figures computed independently from the archive. Every prompt and user id
 * carries a marker; Redis and the workers' output are scanned for them afterwards.
 */
describe(`worker chaos: SIGKILL during a replay (${S.scale}: ${S.chaosEvents} events, ${S.chaosKills} kills)`, () => {
  let dir: string;
  let archive: string;
  let markers = 0;
  /** Both runs replay the same archive: its figures are computed once. */
  let expected: Promise<ExpectedFigures>;
  const apps: TestApp[] = [];
  const fleets: WorkerFleet[] = [];
  let classifier: FakeClassifier;

  beforeAll(async () => {
    await requireRedis();
    dir = await mkdtemp(join(tmpdir(), 'pc-chaos-'));
    const plain = join(dir, 'plain.ndjson.gz');
    archive = join(dir, 'chaos.ndjson.gz');
    classifier = await startFakeClassifier();
    await generateArchive({ events: S.chaosEvents, seed: 11, weeks: 3, out: plain });
    const planted = await plantCanaries(plain, archive, TAG);
    markers = planted.prompts + planted.users;
    expected = expectedFigures(archive, SAMPLING);
  }, S.timeoutMs);

  afterAll(async () => {
    for (const f of fleets) f.destroy();
    await classifier?.close();
    for (const t of apps) await t.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const run = async (replicas: number) => {
    const started = Date.now();
    const t = await startTestApp(`chaos${replicas}`, { sampling: SAMPLING, worker: { lockDurationMs: 1500 } });
    apps.push(t);
    const fleet = await createWorkerFleet(dir, {
      redis: { url: REDIS_URL, prefix: t.config.redis.prefix },
      sampling: SAMPLING,
      classifier: {
        kind: 'http',
        http: { url: classifier.url, timeoutMs: 2000 },
        retry: { attempts: 3, backoffMs: 50 },
        rateLimit: { perMinute: 100_000 },
      },
      worker: { lockDurationMs: 1500, concurrency: 2 },
      log: { level: 'info' },
    }, `chaos${replicas}`);
    fleets.push(fleet);
    for (let i = 0; i < replicas; i++) await fleet.start(i);

    // The replay holds back its last 1,000 lines until every kill is made, so the workers can never run out of
    // work before the chaos is over, however fast they are (two replicas drain the short CI archive in about a
    // second). Kills still land at random moments while batches are being applied.
    const allKillsMade = createGate();
    const producer = holdBackTail(t.app.newReplayProducer(), S.chaosEvents - HELD_BACK, allKillsMade.opened);
    let replayDone = false;
    const replaying = replayArchives({ paths: [archive], format: getIngestFormat('events'), producer })
      .finally(() => {
        replayDone = true;
      });

    // Kill a live, started worker every 100–700 ms; restarts run in the background, so with two replicas both
    // may be down at once and a process may be killed again soon after it came back.
    let kills = 0;
    let killsDuringReplay = 0;
    let killsWithBatchActive = 0;
    const restarts: Array<Promise<unknown>> = [];
    const up = new Set(Array.from({ length: replicas }, (_, i) => i));
    while (kills < S.chaosKills) {
      await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 600)));
      const live = [...up];
      if (live.length === 0) continue;
      const slot = live[Math.floor(Math.random() * live.length)]!;
      up.delete(slot);
      if ((await t.app.queues.ingest.getActiveCount()) > 0) killsWithBatchActive++;
      await fleet.kill(slot);
      kills++;
      if (!replayDone) killsDuringReplay++;
      restarts.push(fleet.start(slot).then(() => up.add(slot)));
    }
    allKillsMade.open();
    await Promise.all(restarts);
    const summary = await replaying;
    await waitForDrain(t.app.queues, { timeoutMs: S.timeoutMs / 2 });
    const codes = await fleet.stopAll();

    const rollups = await readRollups(t.app.store, t.config);
    const report = rollups.report;
    const cmp = compareWithRollups(await expected, rollups);
    const scan = await scanForMarkers({
      tag: TAG,
      redis: { client: t.app.redis, prefix: t.config.redis.prefix },
      texts: { 'stdout+stderr of every worker process, killed ones included': fleet.output(), 'test-process logs': t.lines.join('') },
    });
    const durationMs = Date.now() - started;
    await recordResult({
      suite: 'worker-chaos',
      run: `${replicas} replica${replicas > 1 ? 's' : ''}`,
      injected: `${kills} × SIGKILL of a worker process at random moments 100–700 ms apart, ${killsDuringReplay} of them while the replay was still enqueuing (its last ${HELD_BACK.toLocaleString('en-US')} lines held back until every kill was made), ${killsWithBatchActive} while a batch job was being applied; each process restarted`,
      load: `${summary.accepted.toLocaleString('en-US')} events replayed from a gzip archive, ${replicas} worker replica(s), sampling rate ${SAMPLING.rate}`,
      of: (await expected).totals.requests,
      unit: 'events',
      lost: cmp.lost,
      duplicated: cmp.duplicated,
      leaked: scan.leaked,
      compared: `the archive, parsed and summed by the test: ${cmp.compared}`,
      leakScan: { markers, scanned: scan.scanned },
      durationMs,
      notes: [
        `${report.sampling.eventsSampled} samples, every one ended with an outcome (classified ${report.sampling.classified}, below threshold ${report.sampling.belowThreshold}, unclassifiable ${report.sampling.unclassifiable}, errors ${report.sampling.classifierErrors})`,
        ...cmp.mismatches.slice(0, 5),
      ],
    });

    expect(killsDuringReplay).toBe(kills);
    expect(kills).toBeGreaterThanOrEqual(S.chaosKills);
    expect(summary.accepted).toBe(S.chaosEvents);
    expect(codes.every((c) => c === 0)).toBe(true);
    expect(cmp.mismatches).toEqual([]);
    expect(cmp.lost).toBe(0);
    expect(cmp.duplicated).toBe(0);
    expect(scan.hits).toEqual({});
    expect(scan.leaked).toBe(0);
    // The scan is not vacuous: the rollups are there, and the workers wrote their logs.
    expect(scan.redisKeys).toBeGreaterThan(0);
    expect(fleet.output()).toMatch(/workers started/);
  };

  it('one replica: after restarts and drain every rollup equals the archive', { timeout: S.timeoutMs }, () => run(1));
  it('two replicas sharing the queue: the same', { timeout: S.timeoutMs }, () => run(2));
});
