import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/census-app.js';
import { configSchema } from '../../src/config/config-schema.js';
import { connectRedis, createRedisClient } from '../../src/store/redis/redis-connection.js';
import { memoryLogger } from '../helpers/test-env.js';
import { startRedisCluster, type LocalRedisCluster } from '../helpers/redis-cluster.js';

describe('Redis Cluster with a password in the seed URLs', () => {
  let cluster: LocalRedisCluster;
  const password = `pw-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3, password });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('authenticates to every node with the password from redis.cluster', async () => {
    const prefix = `{pct-auth-${randomBytes(4).toString('hex')}}`;
    const config = configSchema.parse({ redis: { cluster: cluster.urls, prefix }, log: { level: 'silent' } });
    const app = await createApp({ config, logger: memoryLogger().logger });
    try {
      await app.store.setMeta('probe', 'ok');
      expect(await app.store.getMeta('probe')).toBe('ok');
      expect(await app.queues.backlog()).toEqual({ ingest: 0, classify: 0 });
    } finally {
      await app.redis.del(`${prefix}:meta`);
      await app.release();
    }
  });

  it('fails with a clear message when the password is wrong', async () => {
    const urls = cluster.urls.map((u) => u.replace(password, 'wrong-password'));
    const client = createRedisClient({ url: 'redis://127.0.0.1:6379', cluster: urls });
    await expect(connectRedis(client, { url: 'redis://127.0.0.1:6379', cluster: urls }, 3000)).rejects.toThrow(/Cannot reach Redis Cluster .*\[redacted\]/);
  });
});
