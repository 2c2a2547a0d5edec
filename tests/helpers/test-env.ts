import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { createApp, type CensusApp } from '../../src/app/census-app.js';
import { configSchema, type Config } from '../../src/config/config-schema.js';
import { createLogger, type Logger } from '../../src/logging/create-logger.js';
import { clearPrefix } from '../../src/store/redis/clear-prefix.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test uses. */
export function uniquePrefix(name: string): string {
  return `pct-${name}-${randomBytes(4).toString('hex')}`;
}

/** A validated config for tests (own prefix, quick stall recovery). */
export function testConfig(prefix: string, raw: Record<string, unknown> = {}): Config {
  const base = {
    redis: { url: REDIS_URL, prefix },
    worker: { lockDurationMs: 5000 },
    log: { level: 'silent' },
  };
  return configSchema.parse(deepMerge(base, raw));
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)
        ? deepMerge(cur as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/** A logger whose lines are kept in memory, so tests can read (and scan) every log line. */
export function memoryLogger(level = 'trace'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { logger: createLogger({ level, destination: stream as never }), lines };
}

/** Fails loudly (not skipped) when Redis is not there. */
export async function requireRedis(): Promise<void> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await r.connect();
    await r.ping();
  } catch (err) {
    throw new Error(`These tests need Redis at ${REDIS_URL} (set REDIS_URL): ${(err as Error).message}`);
  } finally {
    r.disconnect();
  }
}

export interface TestApp {
  app: CensusApp;
  config: Config;
  lines: string[];
  cleanup(): Promise<void>;
}

/** createApp on a fresh prefix; cleanup() releases it and deletes every key under the prefix. */
export async function startTestApp(name: string, raw: Record<string, unknown> = {}): Promise<TestApp> {
  const prefix = uniquePrefix(name);
  const config = testConfig(prefix, raw);
  const { logger, lines } = memoryLogger();
  const app = await createApp({ config, logger });
  return {
    app,
    config,
    lines,
    async cleanup() {
      await clearPrefix(app.redis, prefix).catch(() => undefined);
      await app.release();
    },
  };
}

/** Every key and value under a prefix, as text (for canary scans). */
export async function dumpPrefix(redis: Redis, prefix: string): Promise<string> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      out.push(key);
      const type = await redis.type(key);
      if (type === 'string') out.push((await redis.getBuffer(key))?.toString('latin1') ?? '');
      else if (type === 'hash') out.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'list') out.push(JSON.stringify(await redis.lrange(key, 0, -1)));
      else if (type === 'set') out.push(JSON.stringify(await redis.smembers(key)));
      else if (type === 'zset') out.push(JSON.stringify(await redis.zrange(key, '0', '-1', 'WITHSCORES')));
      else if (type === 'stream') out.push(JSON.stringify(await redis.xrange(key, '-', '+')));
    }
  } while (cursor !== '0');
  return out.join('\n');
}
