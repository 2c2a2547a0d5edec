import type { Config } from '../config/config-schema.js';
import type { Logger } from '../logging/create-logger.js';
import { createMetrics, type CensusMetrics } from '../metrics/census-metrics.js';
import type { EdgeOptions } from '../pipeline/edge-stage.js';
import { createQueues, type CensusQueues } from '../queue/census-queues.js';
import { createEventProducer, type EventProducer } from '../queue/event-producer.js';
import { REPLAY_BATCH_EVENTS } from '../replay/replay-batch-size.js';
import { createSampler } from '../sampling/sampler.js';
import { createUserHasher } from '../sampling/user-hasher.js';
import type { AggregationStore } from '../store/aggregation-store.js';
import { connectRedis, createRedisClient, type RedisClient } from '../store/redis/redis-connection.js';
import { createStore } from '../store/registry.js';
import { createReleasers, type Releasers } from './releasers.js';

export interface CensusApp {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: CensusMetrics;
  readonly redis: RedisClient;
  readonly store: AggregationStore;
  readonly queues: CensusQueues;
  readonly edge: EdgeOptions;
  readonly releasers: Releasers;
  newProducer(options?: { batchMaxWaitMs?: number; batchMaxEvents?: number; maxInflight?: number }): EventProducer;
  /**
   * A producer for archives: batches are cut by count only, at REPLAY_BATCH_EVENTS whatever the config, so the same
   * file always yields the same batch ids (and replaying it again changes nothing).
   */
  newReplayProducer(): EventProducer;
  release(): Promise<void>;
}

export interface CreateAppOptions {
  config: Config;
  logger: Logger;
  metrics?: CensusMetrics;
}

/**
 * Build the shared parts from a validated config: Redis connection (checked with a PING so a wrong URL fails
 * start-up with a clear message), the store, the queues, the edge options. Nothing starts consuming here.
 */
export async function createApp(options: CreateAppOptions): Promise<CensusApp> {
  const { config, logger } = options;
  const metrics = options.metrics ?? createMetrics();
  const releasers = createReleasers((name, err) => logger.error({ err, resource: name }, 'release failed'));
  try {
    let lastLogged = 0;
    const onRedisError = (err: Error) => {
      // At most one line per 10 s while Redis is unreachable (ioredis keeps reconnecting).
      if (Date.now() - lastLogged > 10_000) {
        lastLogged = Date.now();
        logger.warn({ error: err.message }, 'Redis connection error; reconnecting');
      }
    };
    const redis = createRedisClient(config.redis, { name: 'prompt-census', onError: onRedisError });
    releasers.add('redis', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
    await connectRedis(redis, config.redis);
    const store = await createStore(config, { logger, redis });
    releasers.add('store', () => store.close());
    const queues = createQueues(config, redis, { onError: onRedisError });
    releasers.add('queues', () => queues.close());
    const edge: EdgeOptions = {
      sampler: createSampler(config.sampling.rate, config.sampling.salt),
      hashUser: createUserHasher(config.ingest.userHashKey),
      maxChars: config.sampling.maxChars,
      requireConsent: config.sampling.requireConsent,
    };
    const newProducer = (o: { batchMaxWaitMs?: number; batchMaxEvents?: number; maxInflight?: number }) =>
      createEventProducer({
        ...edge,
        queues,
        batchMaxEvents: o.batchMaxEvents ?? config.ingest.batchMaxEvents,
        batchMaxWaitMs: o.batchMaxWaitMs ?? config.ingest.batchMaxWaitMs,
        ...(o.maxInflight !== undefined ? { maxInflight: o.maxInflight } : {}),
      });
    return {
      config,
      logger,
      metrics,
      redis,
      store,
      queues,
      edge,
      releasers,
      newProducer(o = {}) {
        return newProducer(o);
      },
      newReplayProducer() {
        return newProducer({ batchMaxWaitMs: 0, batchMaxEvents: REPLAY_BATCH_EVENTS });
      },
      release: () => releasers.release(),
    };
  } catch (err) {
    await releasers.release().catch(() => undefined);
    throw err;
  }
}

