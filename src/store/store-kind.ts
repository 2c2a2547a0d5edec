import type { Config } from '../config/config-schema.js';
import type { Logger } from '../logging/create-logger.js';
import type { RedisClient } from './redis/redis-connection.js';
import type { AggregationStore } from './aggregation-store.js';

export interface StoreDeps {
  logger: Logger;
  /** The app's Redis client (queues always live in Redis; the redis store shares the client). */
  redis: RedisClient;
}

/** What each store folder exports; the registry maps `store.kind` to one of these. */
export interface StoreKind {
  readonly kind: string;
  create(config: Config, deps: StoreDeps): Promise<AggregationStore>;
}
