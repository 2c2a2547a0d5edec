/**
 * Every Redis key prompt-census uses, built here and nowhere else.
 *
 *   {p}:ingest:*, {p}:classify:*     BullMQ queues (BullMQ builds the rest of those keys from this prefix)
 *   {p}:<queue>:limiter              BullMQ's rate limiter of a queue (requests started in the current window)
 *   {p}:<queue>:limiter:carry        string: a window's count kept across a pause of the queue (classify-queue-pause.ts)
 *   {p}:r:<scope>                    hash: counters of one scope (see src/pipeline/batch-deltas.ts)
 *   {p}:idx:scopes                   set: every scope that has a counters hash
 *   {p}:u:<name>                     HyperLogLog of keyed user hashes
 *   {p}:idx:hll                      set: every HyperLogLog name
 *   {p}:batch:<batchId>              string "1" with TTL store.dedupTtlDays: batch already applied
 *   {p}:sample:<sampleId>            string "1" with TTL store.dedupTtlDays: sample outcome already recorded
 *   {p}:labels:<week>                list of JSON raw label records (TTL store.labelRetentionDays)
 *   {p}:idx:labels                   set: weeks with raw labels
 *   {p}:meta                         hash: store metadata (active category view, schema version)
 *
 * For Redis Cluster the prefix carries a hash tag, e.g. "{pc}", so every key — and so every atomic script —
 * lives in one slot.
 */
export interface RedisKeys {
  readonly prefix: string;
  /** BullMQ `prefix` option. */
  readonly queuePrefix: string;
  counters(scope: string): string;
  scopesIndex(): string;
  distinct(name: string): string;
  distinctIndex(): string;
  batchMarker(batchId: string): string;
  sampleMarker(sampleId: string): string;
  labels(week: string): string;
  labelsIndex(): string;
  meta(): string;
  /** BullMQ's limiter key of a queue (BullMQ builds it as <prefix>:<queue>:limiter; a test checks they agree). */
  queueLimiter(queue: string): string;
  /** Where a queue pause keeps the interrupted window's count (see src/queue/classify-queue-pause.ts). */
  queueLimiterCarry(queue: string): string;
  /** Pattern matching every key of this prefix (for cleanup in tests and `reset`). */
  all(): string;
}

export function redisKeys(prefix: string): RedisKeys {
  const k = (...parts: string[]) => [prefix, ...parts].join(':');
  return {
    prefix,
    queuePrefix: prefix,
    counters: (scope) => k('r', scope),
    scopesIndex: () => k('idx', 'scopes'),
    distinct: (name) => k('u', name),
    distinctIndex: () => k('idx', 'hll'),
    batchMarker: (id) => k('batch', id),
    sampleMarker: (id) => k('sample', id),
    labels: (week) => k('labels', week),
    labelsIndex: () => k('idx', 'labels'),
    meta: () => k('meta'),
    queueLimiter: (queue) => k(queue, 'limiter'),
    queueLimiterCarry: (queue) => k(queue, 'limiter', 'carry'),
    all: () => `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`,
  };
}
