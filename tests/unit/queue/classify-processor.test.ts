import type { Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import type { Classifier } from '../../../src/classifiers/classifier.js';
import { createHttpClassifier } from '../../../src/classifiers/http/http-classifier.js';
import { configSchema } from '../../../src/config/config-schema.js';
import { createMetrics, type CensusMetrics } from '../../../src/metrics/census-metrics.js';
import { createClassifyProcessor, type ClassifyProcessorDeps } from '../../../src/queue/classify-processor.js';
import type { ClassifyJobData } from '../../../src/queue/job-data.js';
import type { AggregationStore } from '../../../src/store/aggregation-store.js';
import { categoryViewFor } from '../../../src/worker/category-view.js';
import { useNock } from '../../contract/classifier-contract.js';
import { memoryLogger } from '../classifiers/google/google-fixtures.js';
import { httpConfig, interceptHttp } from '../classifiers/http/http-fixtures.js';

useNock();

const TEXT = 'Write a Python function that parses an ISO-8601 date and returns the ISO week number of that date.';
const OK = { categories: [{ name: '/Computers & Electronics/Programming', confidence: 0.9 }], languageCode: 'en' };

/** The part of the store the processor uses, in memory: every sample id is recorded once. */
function memoryStore(): AggregationStore & { outcomes: Map<string, string> } {
  const outcomes = new Map<string, string>();
  return {
    outcomes,
    async isSampleDone(sid: string) {
      return outcomes.has(sid);
    },
    async applySample(sid: string, _deltas: unknown, raw: unknown) {
      if (outcomes.has(sid)) return false;
      outcomes.set(sid, raw === null ? 'failed' : 'classified');
      return true;
    },
  } as unknown as AggregationStore & { outcomes: Map<string, string> };
}

function job(sid: string, excerpt = TEXT, attempts = 3, attemptsMade = 0): Job<ClassifyJobData> {
  const data: ClassifyJobData = { sid, excerpt, ts: Date.parse('2026-03-02T10:00:00Z'), model: 'm', provider: 'p', promptTokens: 10, completionTokens: 5, costNano: 0 };
  const moves: Array<{ at: number; token: string }> = [];
  const moveToDelayed = async (at: number, token: string) => {
    moves.push({ at, token });
  };
  return { data, opts: { attempts }, attemptsMade, moves, moveToDelayed } as unknown as Job<ClassifyJobData>;
}

async function counter(metrics: CensusMetrics, name: string): Promise<Record<string, number>> {
  const m = await metrics.registry.getSingleMetric(name)!.get();
  return Object.fromEntries(m.values.map((v) => [Object.values(v.labels).join('/') || '-', v.value]));
}

const open: Classifier[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function setup(overrides: Partial<ClassifyProcessorDeps> = {}, http: Record<string, unknown> = {}) {
  const classifier = await createHttpClassifier(httpConfig(http), { logger: memoryLogger().logger });
  open.push(classifier);
  const metrics = createMetrics({ defaultMetrics: false });
  const store = memoryStore();
  const pauses: number[] = [];
  const view = categoryViewFor(configSchema.parse({}));
  const processor = createClassifyProcessor({
    classifier,
    store,
    view,
    metrics,
    logger: memoryLogger().logger,
    rateLimit: async (ms) => {
      pauses.push(ms);
    },
    rateLimitBackoffMs: 500,
    random: () => 0.999_999,
    ...overrides,
  });
  /**
   * Runs one job the way the worker does: again after each move to delayed (DelayedError: no attempt spent), which
   * must be due no earlier than the pause it asked for.
   */
  const run = async (j: Job<ClassifyJobData>): Promise<{ outcome?: string; rateLimited: number; error?: Error }> => {
    let rateLimited = 0;
    const moves = (j as unknown as { moves: Array<{ at: number; token: string }> }).moves;
    for (;;) {
      const before = Date.now();
      try {
        return { outcome: await processor(j, 'job-token'), rateLimited };
      } catch (err) {
        if ((err as Error).name === 'DelayedError') {
          const move = moves.at(-1)!;
          expect(move.token).toBe('job-token');
          expect(move.at).toBeGreaterThanOrEqual(before + Math.min(pauses.at(-1) ?? 0, 500));
          rateLimited++;
          continue;
        }
        return { rateLimited, error: err as Error };
      }
    }
  };
  return { processor, run, metrics, store, pauses };
}

describe('classify processor: billing units', () => {
  it('12 samples behind 60 rejected 429s bill 12 units; requests_total still counts all 72 attempts', async () => {
    const t = await setup();
    for (let s = 0; s < 12; s++) {
      for (let i = 0; i < 5; i++) interceptHttp(TEXT).reply(429, { error: { code: 429, message: 'Quota exceeded.', status: 'RESOURCE_EXHAUSTED' } });
      interceptHttp(TEXT).reply(200, OK);
    }
    for (let s = 0; s < 12; s++) {
      const r = await t.run(job(`s${s}`));
      expect(r).toEqual({ outcome: 'classified', rateLimited: 5 });
    }
    expect(await counter(t.metrics, 'prompt_census_classifier_units_total')).toEqual({ http: 12 });
    expect(await counter(t.metrics, 'prompt_census_classifier_requests_total')).toEqual({ 'http/ok': 12, 'http/rate_limited': 60 });
    expect(await counter(t.metrics, 'prompt_census_classifier_rate_limited_total')).toEqual({ http: 60 });
  });

  it('bills nothing for timeouts, connection errors, 5xx, 400s and an empty excerpt that is never sent', async () => {
    const t = await setup({}, { timeoutMs: 100 });
    interceptHttp(TEXT).delay(5_000).reply(200, OK);
    interceptHttp(TEXT).replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    interceptHttp(TEXT).reply(503, { error: { code: 503, message: 'down' } });
    interceptHttp(TEXT).reply(400, { error: { code: 400, message: 'Invalid text content: too few tokens (words) to process.', status: 'INVALID_ARGUMENT' } });
    expect((await t.run(job('timeout'))).error?.message).toMatch(/did not answer within 100 ms/);
    expect((await t.run(job('reset'))).error?.message).toMatch(/ECONNRESET/);
    expect((await t.run(job('unavailable'))).error?.message).toMatch(/HTTP 503/);
    expect(await t.run(job('too-few'))).toEqual({ outcome: 'unclassifiable', rateLimited: 0 });
    // Nothing is arranged for the blank excerpt: nock would refuse a request.
    expect(await t.run(job('blank', '   \n  '))).toEqual({ outcome: 'below_threshold', rateLimited: 0 });
    expect(await counter(t.metrics, 'prompt_census_classifier_units_total')).toEqual({});
    expect(await counter(t.metrics, 'prompt_census_classifier_requests_total')).toEqual({
      'http/transient': 3,
      'http/permanent': 1,
      'http/ok': 1,
    });
  });
});

describe('classify processor: 429 and 503 pauses', () => {
  it('429 without Retry-After: exponential pauses over consecutive 429s (capped), reset by a success', async () => {
    const t = await setup({ rateLimitBackoffMs: 500, rateLimitMaxPauseMs: 4000 });
    for (let i = 0; i < 6; i++) interceptHttp(TEXT).reply(429, 'Too Many Requests');
    interceptHttp(TEXT).reply(200, OK);
    interceptHttp(TEXT).reply(429, 'Too Many Requests');
    interceptHttp(TEXT).reply(200, OK);
    expect(await t.run(job('a'))).toEqual({ outcome: 'classified', rateLimited: 6 });
    expect(t.pauses).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect(await t.run(job('b'))).toEqual({ outcome: 'classified', rateLimited: 1 });
    expect(t.pauses.slice(6)).toEqual([500]);
  });

  it('429 with Retry-After pauses for it (bounded by maxPauseMs) and spends no attempt', async () => {
    const t = await setup({ rateLimitMaxPauseMs: 10_000, random: () => 0 });
    interceptHttp(TEXT).reply(429, 'slow down', { 'Retry-After': '7' });
    interceptHttp(TEXT).reply(429, 'slow down', { 'Retry-After': '3600' });
    interceptHttp(TEXT).reply(200, OK);
    // attempts: 1 and attemptsMade 0 throughout: a 429 is not an attempt.
    expect(await t.run(job('a', TEXT, 1))).toEqual({ outcome: 'classified', rateLimited: 2 });
    expect(t.pauses).toEqual([7000, 10_000]);
  });

  it('503 with Retry-After pauses the queue for it and spends the attempt (the retry waits)', async () => {
    const t = await setup({ random: () => 0 });
    interceptHttp(TEXT).reply(503, 'maintenance', { 'Retry-After': '5' });
    const r = await t.run(job('a', TEXT, 3, 0));
    expect(r.rateLimited).toBe(0);
    expect(r.error?.name).toBe('TransientClassifierError');
    expect(t.pauses).toEqual([5000]);
    // On the last attempt the sample is recorded as a classifier error, and the queue still waits.
    interceptHttp(TEXT).reply(503, 'maintenance', { 'Retry-After': '2' });
    expect(await t.run(job('b', TEXT, 3, 2))).toEqual({ outcome: 'error', rateLimited: 0 });
    expect(t.pauses).toEqual([5000, 2000]);
    expect(t.store.outcomes.get('b')).toBe('failed');
  });

  it('a 503 without Retry-After does not pause the queue (BullMQ backoff handles the retry)', async () => {
    const t = await setup();
    interceptHttp(TEXT).reply(503, 'down');
    expect((await t.run(job('a'))).error?.name).toBe('TransientClassifierError');
    expect(t.pauses).toEqual([]);
  });

  it('a failure to pause (Redis down) still moves the job back without spending an attempt', async () => {
    const t = await setup({
      rateLimit: async () => {
        throw new Error('Connection is closed.');
      },
    });
    interceptHttp(TEXT).reply(429, 'Too Many Requests');
    const j = job('a');
    const before = Date.now();
    await expect(t.processor(j, 'job-token')).rejects.toMatchObject({ name: 'DelayedError' });
    // Not paused: the job still waits at least the base backoff (500 ms here) before it is tried again.
    const moves = (j as unknown as { moves: Array<{ at: number }> }).moves;
    expect(moves).toHaveLength(1);
    expect(moves[0]!.at).toBeGreaterThanOrEqual(before + 500);
  });
});
