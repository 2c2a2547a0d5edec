import { Queue } from 'bullmq';
import type { Config } from '../config/config-schema.js';
import type { RedisClient } from '../store/redis/redis-connection.js';
import { redisKeys } from '../store/redis/redis-keys.js';
import type { BatchJobData, ClassifyJobData } from './job-data.js';
import { CLASSIFY_QUEUE, INGEST_QUEUE } from './queue-names.js';

export interface CensusQueues {
  ingest: Queue<BatchJobData>;
  classify: Queue<ClassifyJobData>;
  /** Jobs not yet finished (waiting, delayed, active, prioritized) per queue. */
  backlog(): Promise<{ ingest: number; classify: number }>;
  close(): Promise<void>;
}

/**
 * The two queues. Batch jobs carry no text and keep retrying (a batch is never dropped); classify jobs are
 * removed when they end, success or failure, so no excerpt outlives its classification.
 */
export function createQueues(
  config: Pick<Config, 'redis' | 'classifier'>,
  connection: RedisClient,
  options: {
    /** Errors the queues re-emit from their connection (Redis unreachable, …); the caller reports them, throttled. */
    onError: (err: Error) => void;
  },
): CensusQueues {
  const prefix = redisKeys(config.redis.prefix).queuePrefix;
  const ingest = new Queue<BatchJobData>(INGEST_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: 25,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: true,
      removeOnFail: { count: 10_000 },
    },
  });
  const classify = new Queue<ClassifyJobData>(CLASSIFY_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: config.classifier.retry.attempts,
      backoff: { type: 'exponential', delay: config.classifier.retry.backoffMs, jitter: 0.5 },
      removeOnComplete: true,
      removeOnFail: true,
    },
  });
  // A BullMQ Queue re-emits its connection's errors; with no listener it prints each one with console.error (raw
  // stack traces on stderr while Redis is down).
  for (const q of [ingest, classify] as Queue[]) q.on('error', options.onError);
  const pending = async (q: Queue) => {
    const c = await q.getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'waiting-children');
    return Object.values(c).reduce((a, b) => a + b, 0);
  };
  return {
    ingest,
    classify,
    async backlog() {
      const [i, c] = await Promise.all([pending(ingest), pending(classify)]);
      return { ingest: i, classify: c };
    },
    async close() {
      await Promise.allSettled([ingest.close(), classify.close()]);
    },
  };
}
