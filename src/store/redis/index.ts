import type { StoreKind } from '../store-kind.js';
import { createRedisStore } from './redis-store.js';

export const redisStoreKind: StoreKind = {
  kind: 'redis',
  async create(config, deps) {
    return createRedisStore({
      client: deps.redis,
      prefix: config.redis.prefix,
      dedupTtlDays: config.store.dedupTtlDays,
      labelRetentionDays: config.store.labelRetentionDays,
    });
  },
};
