import { Cluster } from 'ioredis';
import type { RedisClient } from './redis-connection.js';
import { redisKeys } from './redis-keys.js';

/** Delete every key under a prefix (queues and store). For demos and tests; never called by the pipeline. */
export async function clearPrefix(client: RedisClient, prefix: string): Promise<number> {
  const pattern = redisKeys(prefix).all();
  const nodes = client instanceof Cluster ? client.nodes('master') : [client];
  let deleted = 0;
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      for (const k of keys) deleted += await node.unlink(k);
    } while (cursor !== '0');
  }
  return deleted;
}
