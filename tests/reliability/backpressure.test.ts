import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationEvent } from '../../src/event/generation-event-schema.js';
import { waitForDrain } from '../../src/replay/wait-for-drain.js';
import { createHttpServer, type CensusHttpServer } from '../../src/server/http-server.js';
import { REDIS_URL, requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';
import { markEvent } from './helpers/canary-archive.js';
import { addExpectedEvent, compareWithRollups, emptyExpectedFigures, readRollups } from './helpers/expected-figures.js';
import { postJson, probeEvent } from './helpers/http-probe.js';
import { markerTag, scanForMarkers } from './helpers/leak-scan.js';
import { mb, rssBytes, watchRss } from './helpers/process-memory.js';
import { reliabilitySizes } from './helpers/reliability-scale.js';
import { recordResult } from './helpers/suite-result.js';
import { createWorkerFleet, type WorkerFleet } from './helpers/worker-fleet.js';

const S = reliabilitySizes();
const BOUND = 20;
const EVENTS_PER_BATCH = 1000;
/**
 * The worker runs with its V8 heap capped at HEAP_CAP_MB: if its memory grew with the backlog it would die with
 * "heap out of memory" instead of draining. RSS (heap + code + Redis buffers) is measured and must stay under RSS_LIMIT.
 */
const HEAP_CAP_MB = 160;
const RSS_LIMIT = 400 * 1024 * 1024;
const TAG = markerTag('backpressure');
const REQUESTS = 120;
const PER_REQUEST = 200;

describe(`backpressure (${S.scale}: bound ${BOUND} batches; worker drains ${S.backlogBatches} batches)`, () => {
  const apps: TestApp[] = [];
  let server: CensusHttpServer | undefined;
  let fleet: WorkerFleet | undefined;
  let dir: string;

  beforeAll(async () => {
    await requireRedis();
    dir = await mkdtemp(join(tmpdir(), 'pc-backpressure-'));
  });
  afterAll(async () => {
    fleet?.destroy();
    await server?.close();
    for (const t of apps) await t.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ingest answers 429 + Retry-After once the backlog reaches ingest.maxBacklogBatches, and the backlog stops growing', async () => {
    const started = Date.now();
    const t = await startTestApp('bp-http', {
      sampling: { rate: 0 },
      ingest: { maxBacklogBatches: BOUND, batchMaxEvents: 100, batchMaxWaitMs: 20 },
      server: { port: 0 },
    });
    apps.push(t);
    // No worker runs: every accepted batch stays in the queue.
    server = createHttpServer({ app: t.app, producer: t.app.newProducer(), workersRunning: () => false });
    const address = await server.listen();
    const statuses: number[] = [];
    const answers: string[] = [];
    let accepted = 0;
    let first429: { retryAfter: string | null; body: string } | null = null;
    const memBefore = Number(/used_memory:(\d+)/.exec((await t.app.redis.info('memory')) as string)![1]);
    for (let i = 0; i < REQUESTS; i++) {
      const events = Array.from({ length: PER_REQUEST }, (_, j) => {
        const e = probeEvent(`bp-${i}-${j}`);
        markEvent(e, TAG, `${i}-${j}`, { addUser: true });
        return e;
      });
      const r = await postJson(`${address}/v1/events`, events);
      statuses.push(r.status);
      answers.push(r.body);
      if (r.status === 200) accepted += JSON.parse(r.body).accepted;
      if (r.status === 429 && !first429) first429 = { retryAfter: r.retryAfter, body: r.body };
    }
    const backlog = await t.app.queues.backlog();
    const memAfter = Number(/used_memory:(\d+)/.exec((await t.app.redis.info('memory')) as string)![1]);
    const rejected = statuses.filter((s) => s === 429).length;
    // Everything acknowledged is in the queue (a drain and report would count it): nothing accepted is dropped.
    const jobsEvents = (await t.app.queues.ingest.getJobs(['waiting', 'prioritized', 'delayed'])).reduce((a, j) => a + j.data.records.length, 0);
    // The queued batch jobs are scanned as they are: they must hold neither prompt text nor user id.
    const scan = await scanForMarkers({
      tag: TAG,
      redis: { client: t.app.redis, prefix: t.config.redis.prefix },
      texts: { 'HTTP answers': answers.join('\n'), 'test-process logs': t.lines.join('') },
    });
    await recordResult({
      suite: 'backpressure',
      run: 'http ingest over the bound',
      injected: `${REQUESTS} requests of ${PER_REQUEST} events with no worker running; ingest.maxBacklogBatches ${BOUND}`,
      load: `${(REQUESTS * PER_REQUEST).toLocaleString('en-US')} events offered`,
      of: accepted,
      unit: 'acknowledged events',
      lost: Math.max(0, accepted - jobsEvents),
      duplicated: Math.max(0, jobsEvents - accepted),
      leaked: scan.leaked,
      compared: 'what the HTTP client was told was accepted, against the events inside the queued batch jobs',
      leakScan: { markers: 2 * REQUESTS * PER_REQUEST, scanned: scan.scanned },
      durationMs: Date.now() - started,
      notes: [
        `${statuses.length - rejected} requests answered 200, ${rejected} answered 429 (Retry-After ${first429?.retryAfter}); backlog stopped at ${backlog.ingest} batches`,
        `Redis used_memory grew by ${mb(memAfter - memBefore)} MB`,
      ],
    });
    expect(first429).not.toBeNull();
    expect(first429!.retryAfter).toMatch(/^\d+$/);
    expect(JSON.parse(first429!.body)).toMatchObject({ error: 'backlog_full' });
    expect(rejected).toBeGreaterThan(50);
    // At most one request's batches (here 2) beyond the bound.
    expect(backlog.ingest).toBeLessThanOrEqual(BOUND + 2);
    expect(jobsEvents).toBe(accepted);
    expect(scan.redisKeys).toBeGreaterThan(0);
    expect(scan.hits).toEqual({});
    expect(scan.leaked).toBe(0);
  });

  it('the worker drains a large backlog with bounded memory and exact totals', { timeout: S.timeoutMs }, async () => {
    const started = Date.now();
    const t = await startTestApp('bp-worker', { sampling: { rate: 0 }, ingest: { batchMaxEvents: EVENTS_PER_BATCH } });
    apps.push(t);
    // Build the backlog first (no worker yet).
    const producer = t.app.newProducer({ batchMaxWaitMs: 0 });
    const total = S.backlogBatches * EVENTS_PER_BATCH;
    // Expected figures are summed from the raw events as they are made; every prompt and user id carries a marker.
    const expected = emptyExpectedFigures();
    const sampling = { rate: 0, salt: t.config.sampling.salt };
    const finish = ['stop', 'length', 'tool_calls', undefined, 'error'] as const;
    const countries = ['US', 'DE', 'BR', 'JP'] as const;
    for (let i = 0; i < total; i++) {
      const raw: Record<string, unknown> = {
        id: `bpw-${i}`,
        // A week of seconds from Monday 2025-06-02 on, then around again: one ISO week, seven days.
        createdAt: Date.UTC(2025, 5, 2) + (i % 604_800) * 1000,
        model: `bp/model-${i % 7}`,
        provider: `bp-provider-${i % 3}`,
        usage: { promptTokens: (i % 997) + 1, completionTokens: (i % 13) + 1, ...(i % 11 === 0 ? { reasoningTokens: i % 89, cachedTokens: i % 7 } : {}) },
        costUsd: (i % 17) * 1e-6,
        ...(finish[i % 5] ? { finishReason: finish[i % 5] } : {}),
        ...(i % 5 !== 4 ? { billingCountry: countries[i % 4] } : {}),
        toolsProvided: i % 6 === 0,
        prompt: `${TAG}P${i}Z hello`,
        userId: `${TAG}U${i % 5000}Z`,
      };
      addExpectedEvent(expected, raw, sampling);
      producer.submit(raw as unknown as GenerationEvent);
      if (i % EVENTS_PER_BATCH === 0) await producer.capacity();
    }
    await producer.flush();
    const backlog = await t.app.queues.backlog();
    expect(backlog.ingest).toBe(S.backlogBatches);

    fleet = await createWorkerFleet(dir, {
      redis: { url: REDIS_URL, prefix: t.config.redis.prefix },
      sampling: { rate: 0 },
      worker: { concurrency: 2 },
      log: { level: 'info' },
    }, 'bp-worker', { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${HEAP_CAP_MB}`.trim() });
    const w = await fleet.start(0);
    const pid = w.child.pid!;
    const idle = (await rssBytes(pid)) ?? 0;
    const watch = watchRss(pid);
    const drainStarted = Date.now();
    await waitForDrain(t.app.queues, { timeoutMs: S.timeoutMs / 2 });
    const drainMs = Date.now() - drainStarted;
    const { peak } = await watch.stop();
    expect(await fleet.stopAll()).toEqual([0]);

    const rollups = await readRollups(t.app.store, t.config);
    const cmp = compareWithRollups(expected, rollups);
    const scan = await scanForMarkers({
      tag: TAG,
      redis: { client: t.app.redis, prefix: t.config.redis.prefix },
      texts: { 'worker process stdout+stderr': fleet.output(), 'test-process logs': t.lines.join('') },
    });
    await recordResult({
      suite: 'backpressure',
      run: 'worker memory under a backlog',
      injected: `a backlog of ${S.backlogBatches.toLocaleString('en-US')} batch jobs built before the worker starts`,
      load: `${total.toLocaleString('en-US')} events in batches of ${EVENTS_PER_BATCH}, drained in ${(drainMs / 1000).toFixed(1)} s`,
      of: total,
      unit: 'events',
      lost: cmp.lost,
      duplicated: cmp.duplicated,
      leaked: scan.leaked,
      compared: `the events as the test made them, summed by the test: ${cmp.compared}`,
      leakScan: { markers: 2 * total, scanned: scan.scanned },
      durationMs: Date.now() - started,
      notes: [
        `worker heap capped at ${HEAP_CAP_MB} MB (--max-old-space-size); RSS ${mb(idle)} MB when started, peak ${mb(peak)} MB while draining (limit ${mb(RSS_LIMIT)} MB)`,
        ...cmp.mismatches.slice(0, 5),
      ],
    });
    expect(rollups.report.totals.requests).toBe(total);
    expect(cmp.mismatches).toEqual([]);
    expect(cmp.lost).toBe(0);
    expect(cmp.duplicated).toBe(0);
    expect(scan.hits).toEqual({});
    expect(scan.leaked).toBe(0);
    expect(scan.redisKeys).toBeGreaterThan(0);
    expect(peak).toBeLessThan(RSS_LIMIT);
  });
});
