import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type CensusApp } from '../../src/app/census-app.js';
import { createClassifier } from '../../src/classifiers/registry.js';
import { createQueuePause, PAUSE_MARKER } from '../../src/queue/classify-queue-pause.js';
import { sampleJobId, type ClassifyJobData } from '../../src/queue/job-data.js';
import { CLASSIFY_QUEUE } from '../../src/queue/queue-names.js';
import { redisKeys } from '../../src/store/redis/redis-keys.js';
import { categoryViewFor } from '../../src/worker/category-view.js';
import { startCensusWorker, type CensusWorker } from '../../src/worker/census-worker.js';
import { memoryLogger, requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';

/** What the fake classifyText endpoint answers to its n-th request (0-based). */
type Answer = 'ok' | '429' | { status: number; retryAfter?: string };

/** A classifyText-compatible endpoint on 127.0.0.1 that records when each request arrived. */
async function fakeEndpoint(script: (n: number) => Answer): Promise<{ url: string; arrivals: number[]; close(): Promise<void> }> {
  const arrivals: number[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = script(arrivals.length);
      arrivals.push(Date.now());
      if (answer === 'ok') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ categories: [{ name: '/Computers & Electronics/Programming', confidence: 0.9 }], languageCode: 'en' }));
        return;
      }
      const { status, retryAfter } = answer === '429' ? { status: 429, retryAfter: undefined } : answer;
      res.writeHead(status, { 'content-type': 'application/json', ...(retryAfter ? { 'retry-after': retryAfter } : {}) });
      res.end(JSON.stringify({ error: { code: status, message: 'Quota exceeded.', status: 'RESOURCE_EXHAUSTED' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v2/documents:classifyText`,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function task(i: number): ClassifyJobData {
  return {
    sid: `rl${String(i).padStart(4, '0')}${'0'.repeat(26)}`,
    excerpt: `Sample ${i}: how do I write a recursive function in TypeScript that flattens nested arrays?`,
    ts: Date.parse('2026-03-02T10:00:00Z'),
    model: 'openai/gpt-4o',
    provider: 'openai',
    promptTokens: 100,
    completionTokens: 50,
    costNano: 0,
  };
}

async function enqueue(app: CensusApp, n: number): Promise<ClassifyJobData[]> {
  const tasks = Array.from({ length: n }, (_, i) => task(i));
  await app.queues.classify.addBulk(tasks.map((t) => ({ name: 'classify', data: t, opts: { jobId: sampleJobId(t.sid) } })));
  return tasks;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('classify queue pause (BullMQ limiter key on real Redis)', () => {
  let t: TestApp;
  beforeAll(async () => {
    await requireRedis();
  });
  afterEach(async () => {
    await t?.cleanup();
  });

  function keys() {
    const k = redisKeys(t.config.redis.prefix);
    return { limiter: k.queueLimiter(CLASSIFY_QUEUE), carry: k.queueLimiterCarry(CLASSIFY_QUEUE) };
  }

  it('builds the limiter key exactly as BullMQ does', async () => {
    t = await startTestApp('pause-keys');
    expect(keys().limiter).toBe(t.app.queues.classify.keys['limiter']);
  });

  it('keeps the count of a window that outlasts the pause and puts it back when the pause ends', async () => {
    t = await startTestApp('pause-carry');
    const { limiter, carry } = keys();
    await t.app.redis.set(limiter, '3', 'PX', 60_000);
    const pause = createQueuePause({ redis: t.app.redis, limiterKey: limiter, carryKey: carry, maxPerWindow: 10 });
    try {
      const blocked = await pause.pause(200);
      expect(blocked).toBeGreaterThanOrEqual(200);
      expect(await t.app.redis.get(limiter)).toBe(PAUSE_MARKER);
      expect(await t.app.redis.get(carry)).toBe('3');
      await sleep(120);
      expect(await t.app.redis.get(limiter)).toBe(PAUSE_MARKER); // still paused
      await sleep(200);
      expect(await t.app.redis.get(limiter)).toBe('3'); // the interrupted window goes on with its count
      const ttl = await t.app.redis.pttl(limiter);
      expect(ttl).toBeGreaterThan(58_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      expect(await t.app.redis.exists(carry)).toBe(0);
    } finally {
      pause.close();
    }
  });

  it('never shortens a pause or an exhausted window already in force', async () => {
    t = await startTestApp('pause-longer');
    const { limiter, carry } = keys();
    const pause = createQueuePause({ redis: t.app.redis, limiterKey: limiter, carryKey: carry, maxPerWindow: 10 });
    try {
      await t.app.redis.set(limiter, PAUSE_MARKER, 'PX', 5000);
      expect(await pause.pause(100)).toBeGreaterThan(4500);
      expect(await t.app.redis.pttl(limiter)).toBeGreaterThan(4500);
      await t.app.redis.set(limiter, '10', 'PX', 30_000); // the window's budget is spent
      expect(await pause.pause(100)).toBeGreaterThan(29_000);
      expect(await t.app.redis.get(limiter)).toBe('10');
      // A longer pause extends a shorter one.
      await t.app.redis.set(limiter, PAUSE_MARKER, 'PX', 100);
      expect(await pause.pause(3000)).toBeGreaterThanOrEqual(3000);
      expect(await t.app.redis.pttl(limiter)).toBeGreaterThan(2900);
    } finally {
      pause.close();
    }
  });
});

describe('classify queue: rate limit and 429s with workers on real Redis', () => {
  let t: TestApp | undefined;
  let second: CensusApp | undefined;
  const workers: CensusWorker[] = [];
  let endpoint: Awaited<ReturnType<typeof fakeEndpoint>> | undefined;

  beforeAll(async () => {
    await requireRedis();
  });
  afterEach(async () => {
    await Promise.allSettled(workers.splice(0).map((w) => w.close({ force: true })));
    await second?.release();
    second = undefined;
    await t?.cleanup();
    t = undefined;
    await endpoint?.close();
    endpoint = undefined;
  });

  async function startWorker(app: CensusApp): Promise<void> {
    const classifier = await createClassifier(app.config.classifier, { logger: app.logger });
    workers.push(await startCensusWorker(app, { classifier, view: categoryViewFor(app.config) }));
  }

  it('two replicas never exceed classifier.rateLimit.perMinute, even when a 429 pauses the queue mid-window', { timeout: 20_000 }, async () => {
    endpoint = await fakeEndpoint((n) => (n === 1 ? '429' : 'ok'));
    const raw = {
      classifier: {
        kind: 'http',
        http: { url: endpoint.url, timeoutMs: 2000 },
        concurrency: 2,
        rateLimit: { perMinute: 4 },
        retry: { attempts: 3, backoffMs: 50 },
      },
    };
    t = await startTestApp('rl-budget', raw);
    second = await createApp({ config: t.config, logger: memoryLogger('silent').logger });
    await startWorker(t.app);
    await startWorker(second);
    await enqueue(t.app, 12);
    // The 429 (2nd request) pauses the queue for ~50 ms. BullMQ's own rateLimit() would then start a fresh window
    // and let 4 more requests through within the same minute; the budget must hold instead.
    await sleep(3000);
    expect(endpoint.arrivals.length).toBe(4);
    expect((await t.app.queues.backlog()).classify).toBe(12 - 3);
  });

  it('429s without Retry-After back off exponentially across the worker and never spend an attempt', { timeout: 20_000 }, async () => {
    endpoint = await fakeEndpoint((n) => (n < 5 ? '429' : 'ok'));
    t = await startTestApp('rl-backoff', {
      classifier: {
        kind: 'http',
        http: { url: endpoint.url, timeoutMs: 2000 },
        concurrency: 1,
        rateLimit: { perMinute: 100_000, maxPauseMs: 800 },
        retry: { attempts: 1, backoffMs: 100 },
      },
    });
    await startWorker(t.app);
    const tasks = await enqueue(t.app, 3);
    await until(async () => (await Promise.all(tasks.map((x) => t!.app.store.isSampleDone(x.sid)))).every(Boolean), 15_000);
    const metrics = await t.app.metrics.registry.metrics();
    // attempts: 1, yet every sample was classified: the five 429s moved the job back without spending it.
    expect(metrics).toMatch(/prompt_census_samples_classified_total\{classifier="http"\} 3/);
    expect(metrics).not.toMatch(/prompt_census_samples_failed_total\{/);
    expect(metrics).toMatch(/prompt_census_classifier_units_total\{classifier="http"\} 3/);
    expect(metrics).toMatch(/prompt_census_classifier_requests_total\{classifier="http",result="rate_limited"\} 5/);
    // Gaps after the 429s: drawn from [d/2, d] with d = 100, 200, 400, 800, 800 (the cap).
    const a = endpoint.arrivals;
    const gaps = a.slice(1, 6).map((x, i) => x - a[i]!);
    const floors = [50, 100, 200, 400, 400];
    gaps.forEach((g, i) => expect(g, `gap after 429 #${i + 1}: ${gaps.join(', ')}`).toBeGreaterThanOrEqual(floors[i]! - 5));
    expect(gaps[4]).toBeLessThan(800 + 600); // capped by maxPauseMs (plus scheduling slack)
  });

  it('a 429 with Retry-After parks the queue for it; a 503 with Retry-After delays the retry', { timeout: 20_000 }, async () => {
    endpoint = await fakeEndpoint((n) => (n === 0 ? { status: 429, retryAfter: '1' } : n === 1 ? { status: 503, retryAfter: '1' } : 'ok'));
    t = await startTestApp('rl-retry-after', {
      classifier: {
        kind: 'http',
        http: { url: endpoint.url, timeoutMs: 2000 },
        concurrency: 1,
        rateLimit: { perMinute: 100_000 },
        retry: { attempts: 3, backoffMs: 10 },
      },
    });
    await startWorker(t.app);
    const [only] = await enqueue(t.app, 1);
    await until(() => t!.app.store.isSampleDone(only!.sid), 15_000);
    const a = endpoint.arrivals;
    expect(a).toHaveLength(3);
    expect(a[1]! - a[0]!).toBeGreaterThanOrEqual(1000);
    // The 503's retry would come after ~10 ms of BullMQ backoff; Retry-After holds it for a second.
    expect(a[2]! - a[1]!).toBeGreaterThanOrEqual(1000);
  });
});
