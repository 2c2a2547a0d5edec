import { DelayedError, Worker, type Job } from 'bullmq';
import type { Classifier } from '../classifiers/classifier.js';
import { PermanentClassifierError } from '../classifiers/errors/permanent-classifier-error.js';
import { TransientClassifierError } from '../classifiers/errors/transient-classifier-error.js';
import type { Logger } from '../logging/create-logger.js';
import type { CensusMetrics } from '../metrics/census-metrics.js';
import { classifiedDeltas, failedSampleDeltas, type CategoryView } from '../pipeline/classification-deltas.js';
import { isoDay, isoWeek } from '../pipeline/time-buckets.js';
import type { AggregationStore } from '../store/aggregation-store.js';
import type { RawLabelRecord } from '../store/raw-label-record.js';
import type { ClassifyJobData } from './job-data.js';
import { DEFAULT_MAX_PAUSE_MS, RateLimitBackoff } from './rate-limit-backoff.js';

export interface ClassifyProcessorDeps {
  classifier: Classifier;
  store: AggregationStore;
  view: CategoryView;
  metrics: CensusMetrics;
  logger: Logger;
  /**
   * Park the whole classify queue (every replica) for at least this long: the worker passes a pause through
   * BullMQ's limiter key that keeps the request budget (classify-queue-pause.ts).
   */
  rateLimit: (ms: number) => Promise<unknown>;
  /** The first pause after a 429 without Retry-After; each consecutive 429 doubles it (with jitter). */
  rateLimitBackoffMs: number;
  /** The longest pause: the backoff's cap and the bound on a Retry-After (429 or 503). Default 60 s. */
  rateLimitMaxPauseMs?: number;
  /** Uniform in [0, 1) for the backoff's jitter (tests); Math.random by default. */
  random?: () => number;
  /** Clock for the backoff (tests); Date.now by default. */
  now?: () => number;
}

export type ClassifyOutcome = 'classified' | 'below_threshold' | 'unclassifiable' | 'error' | 'duplicate';

/**
 * One sample: classify its excerpt, map labels through the view, record the outcome exactly once.
 * Permanent errors end the sample as unclassifiable; transient ones are retried by BullMQ with backoff and
 * jitter; after the last attempt the sample is recorded as a classifier error. Either way the job (and its
 * excerpt) is removed when it ends.
 *
 * Push-back from the service pauses the whole queue (RateLimitBackoff decides how long): a 429 pauses for its
 * Retry-After or an exponential backoff over consecutive 429s, and moves the job to delayed until the pause ends
 * without spending an attempt (DelayedError); a 503 (or other transient answer) with Retry-After pauses for it and spends
 * the attempt as usual, so the job's retry waits at least that long.
 *
 * Metrics: `classifier_requests_total{result}` counts every attempt that reached the classifier;
 * `classifier_units_total` counts the billing units of successful answers only (Classifier.billedUnits: nothing
 * for a blank excerpt, which is never sent, and nothing for a failed request, which returns no classification).
 */
export function createClassifyProcessor(deps: ClassifyProcessorDeps) {
  const { classifier, store, metrics, view } = deps;
  const cls = classifier.version;
  const now = deps.now ?? Date.now;
  const backoff = new RateLimitBackoff({
    baseMs: deps.rateLimitBackoffMs,
    maxPauseMs: Math.max(deps.rateLimitMaxPauseMs ?? DEFAULT_MAX_PAUSE_MS, deps.rateLimitBackoffMs),
    now,
    ...(deps.random ? { random: deps.random } : {}),
  });
  /**
   * Pauses the queue; resolves with how long it is now blocked for (0 when not paused). A failure to pause (Redis
   * down) must not turn a 429 into a spent attempt.
   */
  const pauseQueue = async (ms: number, cause: string): Promise<number> => {
    if (ms <= 0) return 0;
    try {
      const blocked = await deps.rateLimit(ms);
      return typeof blocked === 'number' && Number.isFinite(blocked) ? blocked : ms;
    } catch (err) {
      deps.logger.warn({ error: err instanceof Error ? err.message : String(err), pauseMs: ms, cause }, 'could not pause the classify queue');
      return 0;
    }
  };
  return async (job: Job<ClassifyJobData>, token?: string, signal?: AbortSignal): Promise<ClassifyOutcome> => {
    const t = job.data;
    const week = isoWeek(t.ts);
    if (await store.isSampleDone(t.sid)) return 'duplicate';
    const started = process.hrtime.bigint();
    const sentAt = now();
    try {
      const result = await classifier.classify(t.excerpt, signal ? { signal } : {});
      backoff.succeeded(sentAt);
      metrics.classifierSeconds.observe({ classifier: classifier.kind }, Number(process.hrtime.bigint() - started) / 1e9);
      metrics.classifierRequests.inc({ classifier: classifier.kind, result: 'ok' });
      // Billed: the service answered with a classification (a blank excerpt was never sent: 0 units).
      const units = classifier.billedUnits?.(t.excerpt) ?? 0;
      if (units > 0) metrics.classifierUnits.inc({ classifier: classifier.kind }, units);
      const sample = {
        week,
        classifier: cls,
        labels: result.labels,
        languageCode: result.languageCode,
        model: t.model,
        promptTokens: t.promptTokens,
        completionTokens: t.completionTokens,
        costNano: t.costNano,
      };
      const { deltas, categorization } = classifiedDeltas(sample, view);
      const raw: RawLabelRecord = {
        week,
        day: isoDay(t.ts),
        kind: classifier.kind,
        classifier: cls,
        labels: result.labels.map((l) => ({ name: l.name, confidence: l.confidence })),
        ...(result.languageCode ? { languageCode: result.languageCode } : {}),
        ...(result.languageSupported !== undefined ? { languageSupported: result.languageSupported } : {}),
        model: t.model,
        provider: t.provider,
        promptTokens: t.promptTokens,
        completionTokens: t.completionTokens,
        costNano: t.costNano,
      };
      const applied = await store.applySample(t.sid, deltas, raw);
      if (!applied) return 'duplicate';
      metrics.samplesClassified.inc({ classifier: classifier.kind });
      if (categorization.kept.length === 0) {
        metrics.samplesDropped.inc({ reason: 'below_threshold' });
        return 'below_threshold';
      }
      return 'classified';
    } catch (err) {
      if (err instanceof PermanentClassifierError) {
        metrics.classifierRequests.inc({ classifier: classifier.kind, result: 'permanent' });
        const applied = await store.applySample(t.sid, failedSampleDeltas(week, cls, 'unclassifiable', err.reason), null);
        if (applied) metrics.samplesFailed.inc({ classifier: classifier.kind, outcome: 'unclassifiable', reason: err.reason });
        return 'unclassifiable';
      }
      const transient =
        err instanceof TransientClassifierError
          ? err
          : new TransientClassifierError('unexpected', err instanceof Error ? err.message : String(err), { cause: err });
      if (transient.rateLimited) {
        metrics.classifierRequests.inc({ classifier: classifier.kind, result: 'rate_limited' });
        metrics.classifierRateLimited.inc({ classifier: classifier.kind });
        const pauseMs = backoff.rateLimited(sentAt, transient.retryAfterMs);
        deps.logger.debug(
          { pauseMs, streak: backoff.streak, retryAfterMs: transient.retryAfterMs },
          'classifier answered 429; pausing the classify queue',
        );
        const blockedMs = await pauseQueue(pauseMs, 'rate_limited');
        // Back to the queue without spending an attempt, due when the pause ends. Not Worker.RateLimitError: BullMQ
        // then idles this worker for the TTL of the limiter key (up to maximumRateLimitDelay, 30 s), and when this
        // 429 answered a request sent before an earlier pause (no new pause), that TTL is the rest of the
        // per-minute budget window, not a pause: classification stalled for 30 s.
        try {
          await job.moveToDelayed(now() + Math.max(blockedMs, deps.rateLimitBackoffMs), token);
        } catch (moveErr) {
          // Redis refused the move: hand the job back as rate-limited instead, which spends no attempt either.
          deps.logger.warn({ error: moveErr instanceof Error ? moveErr.message : String(moveErr) }, 'could not delay a rate-limited classify job');
          throw Worker.RateLimitError();
        }
        throw new DelayedError();
      }
      metrics.classifierRequests.inc({ classifier: classifier.kind, result: 'transient' });
      if (transient.retryAfterMs !== undefined) {
        // A 503 with Retry-After: nothing should reach the service before then (this job's retry included).
        await pauseQueue(backoff.retryAfter(transient.retryAfterMs), transient.reason);
      }
      const attempts = job.opts.attempts ?? 1;
      if (job.attemptsMade + 1 >= attempts) {
        const applied = await store.applySample(t.sid, failedSampleDeltas(week, cls, 'error', transient.reason), null);
        if (applied) metrics.samplesFailed.inc({ classifier: classifier.kind, outcome: 'error', reason: transient.reason });
        deps.logger.warn({ reason: transient.reason, attempts }, 'classification failed after the last attempt');
        return 'error';
      }
      throw transient;
    }
  };
}
