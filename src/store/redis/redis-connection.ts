import { Redis, Cluster, type RedisOptions } from 'ioredis';
import { redactUrl } from '../../config/redact-url.js';

export type RedisClient = Redis | Cluster;

export interface RedisConnectionConfig {
  url: string;
  cluster?: string[] | undefined;
}

/**
 * A new Redis (or Cluster) client. `blocking` clients (BullMQ workers) need maxRetriesPerRequest: null;
 * others fail a command after a few retries so HTTP ingest can answer 503 instead of hanging.
 */
export function createRedisClient(
  config: RedisConnectionConfig,
  options: { blocking?: boolean; name?: string; onError?: (err: Error) => void } = {},
): RedisClient {
  const client = buildClient(config, options);
  // ioredis prints "Unhandled error event" to the console without a listener; route errors to the caller (throttled
  // there) and remember the last one so a failed start-up can say why.
  client.on('error', (err: Error) => {
    lastErrors.set(client, err);
    options.onError?.(err);
  });
  return client;
}

const lastErrors = new WeakMap<RedisClient, Error>();

function buildClient(config: RedisConnectionConfig, options: { blocking?: boolean; name?: string }): RedisClient {
  const common: RedisOptions = {
    maxRetriesPerRequest: options.blocking ? null : 3,
    enableReadyCheck: true,
    lazyConnect: true,
    connectionName: options.name,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
  };
  if (config.cluster && config.cluster.length > 0) {
    const urls = config.cluster.map((u) => new URL(u));
    const nodes = urls.map((url) => ({ host: url.hostname, port: Number(url.port || 6379) }));
    // Cluster nodes take host/port only: credentials and TLS from the seed URLs go to every node (discovered
    // nodes included) through redisOptions, so `redis://user:pass@…` and `rediss://…` work as with `redis.url`.
    const first = urls[0]!;
    const redisOptions: RedisOptions = {
      ...common,
      ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
      ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
      ...(first.protocol === 'rediss:' ? { tls: {} } : {}),
    };
    return new Cluster(nodes, { redisOptions, lazyConnect: true, clusterRetryStrategy: common.retryStrategy! });
  }
  return new Redis(config.url, common);
}

/** Connect and PING, or throw an error that names the URL and says how to fix it. */
export async function connectRedis(client: RedisClient, config: RedisConnectionConfig, timeoutMs = 5000): Promise<void> {
  const where = config.cluster?.length ? `Redis Cluster ${config.cluster.map(redactUrl).join(', ')}` : `Redis at ${redactUrl(config.url)}`;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        if (client.status === 'wait') await client.connect();
        await client.ping();
      })(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (err) {
    client.disconnect();
    const cause = lastErrors.get(client) ?? (err as Error);
    throw new Error(
      `Cannot reach ${where}: ${cause.message}. Start Redis >= 6.2 there, or point REDIS_URL (or redis.url in the config) at a running server.`,
      { cause: err },
    );
  } finally {
    clearTimeout(timer);
  }
}
