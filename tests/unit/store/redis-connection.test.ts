import { describe, expect, it } from 'vitest';
import { connectRedis, createRedisClient } from '../../../src/store/redis/redis-connection.js';

describe('connectRedis', () => {
  it('names the unreachable URL without its password or secret query parameters', async () => {
    const url = 'redis://census:PASSWORD-1@127.0.0.1:1/0?password=PASSWORD-2&db=0';
    const client = createRedisClient({ url }, { onError: () => undefined });
    try {
      const err = await connectRedis(client, { url }, 2000).then(() => null, (e: unknown) => e as Error);
      expect(err?.message).toMatch(/Cannot reach Redis at redis:\/\/census:\[redacted\]@127\.0\.0\.1:1\/0\?password=\[redacted\]&db=0/);
      expect(err?.message).not.toMatch(/PASSWORD-/);
    } finally {
      client.disconnect();
    }
  });
});
