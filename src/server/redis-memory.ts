/** What `INFO memory` says about maxmemory. */
export interface RedisMemory {
  usedBytes: number;
  maxBytes: number;
  policy: string;
}

/** Parse the fields we need from an `INFO memory` reply; undefined when they are missing. */
export function parseRedisMemory(info: string): RedisMemory | undefined {
  const used = /^used_memory:(\d+)\s*$/m.exec(info)?.[1];
  const max = /^maxmemory:(\d+)\s*$/m.exec(info)?.[1];
  const policy = /^maxmemory_policy:(\S+)\s*$/m.exec(info)?.[1];
  if (used === undefined || max === undefined) return undefined;
  return { usedBytes: Number(used), maxBytes: Number(max), policy: policy ?? 'unknown' };
}

/** True for the error Redis answers a write with when maxmemory is reached and nothing may be evicted. */
export function isRedisOutOfMemory(err: unknown): boolean {
  const message = (err as { message?: unknown } | null)?.message;
  // Redis 7 answers "OOM command not allowed …"; inside a Lua script (BullMQ's) Redis 6.2 wraps it: "ERR Error running script … -OOM …".
  return typeof message === 'string' && /(^|[\s:-])OOM\b/.test(message);
}

/** "12.3 MB", or "512 bytes" below 100 kB. */
export function megabytes(bytes: number): string {
  return bytes < 100_000 ? `${bytes} bytes` : `${(bytes / 1_000_000).toFixed(1)} MB`;
}
