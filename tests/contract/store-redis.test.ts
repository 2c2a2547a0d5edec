import { Redis } from 'ioredis';
import { clearPrefix } from '../../src/store/redis/clear-prefix.js';
import { createRedisStore } from '../../src/store/redis/redis-store.js';
import { REDIS_URL, requireRedis, uniquePrefix } from '../helpers/test-env.js';
import { storeContract } from './store-contract.js';

storeContract('redis', async () => {
  await requireRedis();
  const prefix = uniquePrefix('store-contract');
  const clients: Redis[] = [];
  const open = () => {
    const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
    clients.push(client);
    return createRedisStore({ client, prefix, dedupTtlDays: 400, labelRetentionDays: 400 });
  };
  return {
    store: open(),
    another: async () => open(),
    async cleanup() {
      await clearPrefix(clients[0]!, prefix);
      await Promise.all(clients.map((c) => c.quit()));
    },
  };
});
