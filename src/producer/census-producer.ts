import { configSchema, type Config } from '../config/config-schema.js';
import type { EventError } from '../event/event-error.js';
import { parseEvent } from '../event/parse-event.js';
import { createQueues } from '../queue/census-queues.js';
import { createEventProducer, type ProducerStats } from '../queue/event-producer.js';
import { createSampler } from '../sampling/sampler.js';
import { createUserHasher } from '../sampling/user-hasher.js';
import { connectRedis, createRedisClient, type RedisClient } from '../store/redis/redis-connection.js';

export interface CensusProducerOptions {
  /**
   * prompt-census config (the same keys as the sidecar's config file; validated here). Only redis, sampling,
   * ingest and classifier.retry are used. Must match the sidecar's sampling.salt and ingest.userHashKey.
   */
  config?: Record<string, unknown> | Config;
  /** Reuse a connection instead of opening one from config.redis. It is not closed by close(). */
  redis?: RedisClient;
  /**
   * Told of Redis connection errors (unreachable, reconnecting…), as they happen; throttle as you see fit. Batches
   * that could not be written also reject flush(). Default: ignored here (no console output).
   */
  onError?: (err: Error) => void;
}

export type RecordResult = { accepted: true; sampled: boolean } | { accepted: false; errors: EventError[] };

export interface CensusProducer {
  /**
   * Validate one generation event (format v1), sample it, cut the excerpt, drop the prompt text unless sampled,
   * and add it to the current batch. Synchronous and cheap: call it on every request.
   */
  record(event: unknown): RecordResult;
  /** Resolves when everything recorded so far is in Redis. */
  flush(): Promise<void>;
  readonly stats: Readonly<ProducerStats>;
  /** Flush and close the connection (if the producer opened it). */
  close(): Promise<void>;
}

/**
 * The producer helper for Node gateways: batches events straight into the sidecar's queue, applying the sampler
 * and the excerpt in the gateway's own process, so no prompt text but the sampled excerpts ever leaves it.
 *
 *   const census = await createCensusProducer({ config: { redis: { url: process.env.REDIS_URL } } });
 *   census.record({ id, createdAt: Date.now(), model, usage: { promptTokens, completionTokens }, prompt: messages });
 */
export async function createCensusProducer(options: CensusProducerOptions = {}): Promise<CensusProducer> {
  const config = configSchema.parse(options.config ?? {});
  const owned = !options.redis;
  const onError = options.onError ?? (() => undefined);
  const redis = options.redis ?? createRedisClient(config.redis, { name: 'prompt-census-producer', onError });
  if (owned) await connectRedis(redis, config.redis);
  const queues = createQueues(config, redis, { onError });
  const producer = createEventProducer({
    queues,
    sampler: createSampler(config.sampling.rate, config.sampling.salt),
    hashUser: createUserHasher(config.ingest.userHashKey),
    maxChars: config.sampling.maxChars,
    requireConsent: config.sampling.requireConsent,
    batchMaxEvents: config.ingest.batchMaxEvents,
    batchMaxWaitMs: config.ingest.batchMaxWaitMs,
  });
  return {
    record(event) {
      const parsed = parseEvent(event);
      if (!parsed.ok) return { accepted: false, errors: parsed.errors };
      const r = producer.submit(parsed.event);
      if (r === 'duplicate') {
        return { accepted: false, errors: [{ field: 'id', code: 'duplicate_id', message: 'repeats an id already in this batch' }] };
      }
      return { accepted: true, sampled: r === 'sampled' };
    },
    flush: () => producer.flush(),
    stats: producer.stats,
    async close() {
      await producer.close();
      await queues.close();
      if (owned) await redis.quit().catch(() => redis.disconnect());
    },
  };
}
