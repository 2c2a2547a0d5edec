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

/**
 * KEYS[1] the limiter key, KEYS[2] the carry key.
 * ARGV[1] pause ms, ARGV[2] the limiter's max jobs per window, ARGV[3] PAUSE_MARKER.
 * Returns the ms the queue is now blocked for (>= ARGV[1]).
 */
const PAUSE_SCRIPT = `
local ms = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local value = redis.call('GET', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if value == false or ttl <= 0 then
  redis.call('SET', KEYS[1], ARGV[3], 'PX', ms)
  return ms
end
if value == ARGV[3] or (tonumber(value) or 0) >= max then
  if ttl >= ms then return ttl end
  if value == ARGV[3] then
    redis.call('PEXPIRE', KEYS[1], ms)
  else
    redis.call('SET', KEYS[1], ARGV[3], 'PX', ms)
  end
  return ms
end
if ttl > ms then
  redis.call('SET', KEYS[2], value, 'PX', ttl)
end
redis.call('SET', KEYS[1], ARGV[3], 'PX', ms)
return ms
`;

/**
 * KEYS[1] the limiter key, KEYS[2] the carry key. ARGV[1] EXTENDED_PAUSE_MS, ARGV[2] PAUSE_MARKER.
 * Returns 1 when the carried count was put back, 0 when there was nothing (yet) to do.
 */
const RESTORE_SCRIPT = `
local carry = redis.call('GET', KEYS[2])
if carry == false then return 0 end
local carryTtl = redis.call('PTTL', KEYS[2])
if carryTtl <= 0 then return 0 end
local value = redis.call('GET', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if value == ARGV[2] and ttl > tonumber(ARGV[1]) then return 0 end
if value == false or value == ARGV[2] then
  redis.call('SET', KEYS[1], carry, 'PX', carryTtl)
else
  redis.call('INCRBY', KEYS[1], tonumber(carry))
  if ttl < 0 or carryTtl < ttl then redis.call('PEXPIRE', KEYS[1], carryTtl) end
end
redis.call('DEL', KEYS[2])
return 1
`;

/** The part of an ioredis client (or Cluster) the pause uses. */
export interface ScriptRunner {
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

export interface QueuePauseOptions {
  redis: ScriptRunner;
  /** BullMQ's limiter key of the classify queue (`worker.keys.limiter`). */
  limiterKey: string;
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
  const { redis, limiterKey } = options;
  const carryKey = `${limiterKey}:carry`;
  const max = Number.isFinite(options.maxPerWindow) ? options.maxPerWindow : Number.MAX_SAFE_INTEGER;
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const restore = async (): Promise<void> => {
    await redis.eval(RESTORE_SCRIPT, 2, limiterKey, carryKey, EXTENDED_PAUSE_MS, PAUSE_MARKER);
  };

  return {
    async pause(ms: number): Promise<number> {
      // The restore runs RESTORE_LEAD_MS before the key expires: ask for that much more, so the pause lasts >= ms.
      const wanted = Math.max(1, Math.ceil(ms)) + RESTORE_LEAD_MS;
      const blocked = Number(await redis.eval(PAUSE_SCRIPT, 2, limiterKey, carryKey, wanted, max, PAUSE_MARKER));
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
