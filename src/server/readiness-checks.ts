import type { AggregationStore } from '../store/aggregation-store.js';
import type { RedisClient } from '../store/redis/redis-connection.js';
import { megabytes, parseRedisMemory } from './redis-memory.js';
import { singleFlight, within } from './within.js';

/** What /readyz answers. `problems` holds one sentence per failed check (no secrets, no prompt text). */
export interface ReadinessReport {
  ready: boolean;
  /** Redis answers and accepts writes (false while it is unreachable or out of memory). */
  redis: boolean;
  redisOutOfMemory: boolean;
  /** The aggregation store answers (for store.kind redis: the same as `redis`, not checked twice). */
  store: boolean;
  workers: boolean;
  problems: string[];
}

export interface ReadinessChecks {
  /** A PING bounded by the check timeout: the cheap gate in front of every ingest request. */
  redisAnswers(): Promise<boolean>;
  /** Remember that a write was refused because Redis is out of memory (readiness reports it). */
  noteOutOfMemory(): void;
  report(): Promise<ReadinessReport>;
}

export interface ReadinessOptions {
  redis: RedisClient;
  store: AggregationStore;
  workersRunning: () => boolean;
  /** How long each check may take before it counts as failed. */
  timeoutMs: number;
  now?: () => number;
}

/** How long a refused write keeps an eviction policy other than noeviction counted as out of memory. */
const OOM_MEMORY_MS = 10_000;

/**
 * Readiness: Redis (PING and, through INFO memory, whether maxmemory is reached so writes are refused), the
 * aggregation store (its own cheap ping: SELECT 1 for PostgreSQL) and the workers. Every check is bounded by
 * `timeoutMs`, and concurrent probes share one run, so a paused server never piles up commands or hangs a probe.
 */
export function createReadinessChecks(options: ReadinessOptions): ReadinessChecks {
  const { redis, store, timeoutMs } = options;
  const now = options.now ?? Date.now;
  let lastOutOfMemory = -Infinity;

  const ping = singleFlight(async () => {
    try {
      await within(redis.ping(), timeoutMs, 'Redis');
      return true;
    } catch {
      return false;
    }
  });

  const redisState = singleFlight(async (): Promise<{ ok: boolean; outOfMemory: boolean; problem?: string }> => {
    let info: string | undefined;
    try {
      info = await within(redis.info('memory'), timeoutMs, 'Redis');
    } catch (err) {
      // A server that refuses INFO (ACL, renamed command) still answers: fall back to PING.
      if ((err as Error).name !== 'ReplyError') return { ok: false, outOfMemory: false, problem: unreachable(err, timeoutMs) };
      if (!(await ping())) return { ok: false, outOfMemory: false, problem: `Redis is unreachable: no answer to PING within ${timeoutMs} ms` };
    }
    const memory = info === undefined ? undefined : parseRedisMemory(info);
    const full = memory !== undefined && memory.maxBytes > 0 && memory.usedBytes >= memory.maxBytes;
    const refusing = full && (memory.policy === 'noeviction' || now() - lastOutOfMemory < OOM_MEMORY_MS);
    if (refusing) {
      return {
        ok: false,
        outOfMemory: true,
        problem:
          `Redis is out of memory: used_memory ${megabytes(memory.usedBytes)} has reached maxmemory ${megabytes(memory.maxBytes)} ` +
          `(maxmemory-policy ${memory.policy}), so writes are refused; raise maxmemory or let the workers drain the queues`,
      };
    }
    return { ok: true, outOfMemory: false };
  });

  const storeState = singleFlight(async (): Promise<{ ok: boolean; problem?: string }> => {
    // The Redis store uses the same connection the Redis check has just tried: one problem, reported once.
    if (store.kind === 'redis') return { ok: true };
    try {
      await within(store.ping(), timeoutMs, `the ${store.kind} store`);
      return { ok: true };
    } catch (err) {
      return { ok: false, problem: `the aggregation store (${store.kind}) does not answer: ${firstLine(err)}` };
    }
  });

  return {
    redisAnswers: ping,
    noteOutOfMemory() {
      lastOutOfMemory = now();
    },
    async report() {
      const [r, stored] = await Promise.all([redisState(), storeState()]);
      // The Redis store is as usable as Redis itself (reachable and accepting writes); its problem is Redis's.
      const s: { ok: boolean; problem?: string } = store.kind === 'redis' ? { ok: r.ok } : stored;
      const workers = options.workersRunning();
      const problems = [r.problem, s.problem, workers ? undefined : 'the queue workers are not running'].filter(
        (p): p is string => p !== undefined,
      );
      return { ready: problems.length === 0, redis: r.ok, redisOutOfMemory: r.outOfMemory, store: s.ok, workers, problems };
    },
  };
}

function unreachable(err: unknown, timeoutMs: number): string {
  return (err as Error).name === 'DeadlineError'
    ? `Redis is unreachable: no answer within ${timeoutMs} ms`
    : `Redis is unreachable: ${firstLine(err)}`;
}

/** The first line of an error's message, at most 200 characters. */
function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n', 1)[0]!.slice(0, 200);
}
