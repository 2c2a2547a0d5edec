/**
 * Every Redis key prompt-census uses, built here and nowhere else.
 *
 *   {p}:ingest:*, {p}:classify:*     BullMQ queues (BullMQ builds the rest of those keys from this prefix)
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
    all: () => `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`,
  };
}
