import { Worker } from 'bullmq';
import type { CensusApp } from '../app/census-app.js';
import type { Classifier } from '../classifiers/classifier.js';
import type { CategoryView } from '../pipeline/classification-deltas.js';
import { createClassifyProcessor } from '../queue/classify-processor.js';
import { createQueuePause } from '../queue/classify-queue-pause.js';
import { createIngestProcessor } from '../queue/ingest-processor.js';
import type { BatchJobData, ClassifyJobData } from '../queue/job-data.js';
import { CLASSIFY_QUEUE, INGEST_QUEUE } from '../queue/queue-names.js';
import { createRedisClient } from '../store/redis/redis-connection.js';
import { redisKeys } from '../store/redis/redis-keys.js';

export interface CensusWorker {
  /** True while both BullMQ workers are running and connected. */
  running(): boolean;
  /** Stop taking jobs, let in-flight jobs finish (or return to the queue), close connections. Idempotent. */
  close(options?: { force?: boolean }): Promise<void>;
}

export interface StartWorkerOptions {
  classifier: Classifier;
  view: CategoryView;
}

/** The BullMQ side of the sidecar: a rollup worker and a classify worker (own queue, own rate limit). */
export async function startCensusWorker(app: CensusApp, options: StartWorkerOptions): Promise<CensusWorker> {
  const { config, logger, metrics, store } = app;
  const keys = redisKeys(config.redis.prefix);
  const prefix = keys.queuePrefix;
  const ingestConnection = createRedisClient(config.redis, { blocking: true, name: 'prompt-census-ingest-worker' });
  const classifyConnection = createRedisClient(config.redis, { blocking: true, name: 'prompt-census-classify-worker' });

  const ingestWorker = new Worker<BatchJobData>(INGEST_QUEUE, createIngestProcessor({ store, metrics }), {
    connection: ingestConnection,
    prefix,
    concurrency: config.worker.concurrency,
    lockDuration: config.worker.lockDurationMs,
    stalledInterval: Math.max(1000, Math.floor(config.worker.lockDurationMs / 2)),
    // A batch whose worker died is always picked up again; it is never failed for stalling.
    maxStalledCount: 1_000_000,
    autorun: false,
  });

  const classifier = options.classifier;
  let lastPauseErrorLog = 0;
  const pause = createQueuePause({
    redis: app.redis,
    limiterKey: keys.queueLimiter(CLASSIFY_QUEUE),
    carryKey: keys.queueLimiterCarry(CLASSIFY_QUEUE),
    maxPerWindow: classifier.remote ? config.classifier.rateLimit.perMinute : Number.POSITIVE_INFINITY,
    onError: (err) => {
      if (Date.now() - lastPauseErrorLog < 10_000) return;
      lastPauseErrorLog = Date.now();
      logger.warn({ error: err instanceof Error ? err.message : String(err) }, 'could not restore the classify budget window after a pause');
    },
  });
  const processor = createClassifyProcessor({
    classifier,
    store,
    view: options.view,
    metrics,
    logger,
    // Not BullMQ's worker.rateLimit(ms): it can shorten a pause in force and restarts the budget window from 0.
    rateLimit: (ms) => pause.pause(ms),
    rateLimitBackoffMs: config.classifier.retry.backoffMs,
    rateLimitMaxPauseMs: config.classifier.rateLimit.maxPauseMs,
  });
  const classifyWorker = new Worker<ClassifyJobData>(CLASSIFY_QUEUE, processor, {
    connection: classifyConnection,
    prefix,
    concurrency: config.classifier.concurrency,
    // Locks are renewed while a call runs, so a slow classifier does not need a longer lock.
    lockDuration: config.worker.lockDurationMs,
    stalledInterval: Math.max(1000, Math.floor(config.worker.lockDurationMs / 2)),
    maxStalledCount: 100,
    autorun: false,
    ...(classifier.remote ? { limiter: { max: config.classifier.rateLimit.perMinute, duration: 60_000 } } : {}),
  });


  let lastErrorLog = 0;
  for (const [name, w] of [['ingest', ingestWorker], ['classify', classifyWorker]] as const) {
    // Throttled: while Redis is unreachable BullMQ reports every reconnect attempt.
    w.on('error', (err) => {
      if (Date.now() - lastErrorLog < 10_000) return;
      lastErrorLog = Date.now();
      logger.error({ error: err.message, worker: name }, 'worker error (repeats within 10 s are not logged)');
    });
    w.on('failed', (job, err) => {
      logger.warn({ worker: name, attemptsMade: job?.attemptsMade, error: err?.message }, 'job attempt failed');
    });
  }

  void ingestWorker.run();
  void classifyWorker.run();
  await Promise.all([ingestWorker.waitUntilReady(), classifyWorker.waitUntilReady()]);
  logger.info(
    { classifier: classifier.version, view: options.view.id, concurrency: config.worker.concurrency },
    'workers started',
  );

  let closing: Promise<void> | null = null;
  return {
    running: () => ingestWorker.isRunning() && classifyWorker.isRunning(),
    close(o = {}) {
      if (closing && !o.force) return closing;
      closing = (async () => {
        await Promise.allSettled([ingestWorker.close(o.force), classifyWorker.close(o.force)]);
        pause?.close();
        await classifier.close().catch(() => undefined);
        for (const c of [ingestConnection, classifyConnection]) await c.quit().catch(() => c.disconnect());
      })();
      return closing;
    },
  };
}
