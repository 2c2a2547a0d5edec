import { Worker, type Job } from 'bullmq';
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

export interface ClassifyProcessorDeps {
  classifier: Classifier;
  store: AggregationStore;
  view: CategoryView;
  metrics: CensusMetrics;
  logger: Logger;
  /** Park the whole classify queue for this long (BullMQ rate limit) when the classifier answers 429. */
  rateLimit: (ms: number) => Promise<void>;
  /** Fallback pause when a 429 has no Retry-After. */
  rateLimitBackoffMs: number;
}

export type ClassifyOutcome = 'classified' | 'below_threshold' | 'unclassifiable' | 'error' | 'duplicate';

/**
 * One sample: classify its excerpt, map labels through the view, record the outcome exactly once.
 * Permanent errors end the sample as unclassifiable; transient ones are retried by BullMQ with backoff and
 * jitter; a 429 parks the queue without spending an attempt; after the last attempt the sample is recorded as a
 * classifier error. Either way the job (and its excerpt) is removed when it ends.
 */
export function createClassifyProcessor(deps: ClassifyProcessorDeps) {
  const { classifier, store, metrics, view } = deps;
  const cls = classifier.version;
  return async (job: Job<ClassifyJobData>, _token?: string, signal?: AbortSignal): Promise<ClassifyOutcome> => {
    const t = job.data;
    const week = isoWeek(t.ts);
    if (await store.isSampleDone(t.sid)) return 'duplicate';
    const started = process.hrtime.bigint();
    try {
      if (classifier.remote) metrics.classifierUnits.inc({ classifier: classifier.kind });
      const result = await classifier.classify(t.excerpt, signal ? { signal } : {});
      metrics.classifierSeconds.observe({ classifier: classifier.kind }, Number(process.hrtime.bigint() - started) / 1e9);
      metrics.classifierRequests.inc({ classifier: classifier.kind, result: 'ok' });
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
        await deps.rateLimit(transient.retryAfterMs ?? deps.rateLimitBackoffMs);
        // Moves the job back to wait without counting an attempt.
        throw Worker.RateLimitError();
      }
      metrics.classifierRequests.inc({ classifier: classifier.kind, result: 'transient' });
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
