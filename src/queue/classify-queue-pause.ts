import { readFileSync } from 'node:fs';
/**
 * Parks the classify queue on every replica without breaking its request budget.
 *
 * BullMQ's limiter is one Redis string per queue (`<queue>:limiter`): the number of jobs started in the current
 * window, expiring when the window ends; a value >= the limiter's max blocks every worker until the key expires.
 * BullMQ's own `rateLimit(ms)` overwrites that key with a huge value expiring in `ms`: it can *shorten* a pause or
 * an exhausted window already in force, and when the pause ends a fresh window starts from 0, so the requests
 * already sent in the interrupted window are forgotten and up to a whole extra budget can go out within the same
 * minute. This pause never shortens a block in force, and when the interrupted window outlasts the pause it
 * carries the window's count (in `<queue>:limiter:carry`, expiring with the window) and puts it back as the pause
 * ends, so the jobs started in any one window never exceed `classifier.rateLimit.perMinute`, pauses or not.
 */

/** What BullMQ writes into the limiter key to block it (Number.MAX_SAFE_INTEGER); a pause uses the same value. */
export const PAUSE_MARKER = String(Number.MAX_SAFE_INTEGER);

/** The restore runs this long before the pause ends, so no worker can start a fresh window first. */
const RESTORE_LEAD_MS = 25;
/** A pause with more than this left when its restore runs was extended by a later pause, which restores itself. */
const EXTENDED_PAUSE_MS = 4 * RESTORE_LEAD_MS;

const PAUSE_LIMITER_LUA = readFileSync(new URL('../store/redis/lua/pause-limiter.lua', import.meta.url), 'utf8');
const RESTORE_LIMITER_LUA = readFileSync(new URL('../store/redis/lua/restore-limiter.lua', import.meta.url), 'utf8');

/** The part of an ioredis client (or Cluster) the pause uses. */
export interface ScriptRunner {
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

export interface QueuePauseOptions {
  redis: ScriptRunner;
  /** BullMQ's limiter key of the classify queue (`worker.keys.limiter`). */
  limiterKey: string;
  /** Where the interrupted window's count waits out a pause (redisKeys().queueLimiterCarry). */
  carryKey: string;
  /** The limiter's max jobs per window (classifier.rateLimit.perMinute); Infinity when the queue has no limiter. */
  maxPerWindow: number;
  /** Told when a restore fails (Redis down); the pause then simply ends and a fresh window starts. */
  onError?: (err: unknown) => void;
}

export interface QueuePause {
  /**
   * Blocks the queue on every replica for at least `ms`. Never shortens a pause or an exhausted window already in
   * force; resolves with how long the queue is now blocked for.
   */
  pause(ms: number): Promise<number>;
  /** Cancels pending restores (the pause itself still ends on time in Redis). Idempotent. */
  close(): void;
}

export function createQueuePause(options: QueuePauseOptions): QueuePause {
  const { redis, limiterKey, carryKey } = options;
  const max = Number.isFinite(options.maxPerWindow) ? options.maxPerWindow : Number.MAX_SAFE_INTEGER;
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const restore = async (): Promise<void> => {
    await redis.eval(RESTORE_LIMITER_LUA, 2, limiterKey, carryKey, EXTENDED_PAUSE_MS, PAUSE_MARKER);
  };

  return {
    async pause(ms: number): Promise<number> {
      // The restore runs RESTORE_LEAD_MS before the key expires: ask for that much more, so the pause lasts >= ms.
      const wanted = Math.max(1, Math.ceil(ms)) + RESTORE_LEAD_MS;
      const blocked = Number(await redis.eval(PAUSE_LIMITER_LUA, 2, limiterKey, carryKey, wanted, max, PAUSE_MARKER));
      if (!closed) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          restore().catch((err: unknown) => options.onError?.(err));
        }, Math.max(0, blocked - RESTORE_LEAD_MS));
        timer.unref();
        timers.add(timer);
      }
      return blocked;
    },
    close(): void {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
