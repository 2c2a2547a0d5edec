import type { BatchDeltas } from '../pipeline/batch-deltas.js';
import type { RawLabelRecord } from './raw-label-record.js';

/**
 * The aggregation store: where rollups and category figures live. Every kind (src/store/<kind>/) passes
 * tests/contract/store-contract.ts. Writes are idempotent by id and atomic per call.
 */
export interface AggregationStore {
  readonly kind: string;
  /** Apply a batch's deltas exactly once. Resolves true when applied now, false when the id was seen before. */
  applyBatch(batchId: string, deltas: BatchDeltas): Promise<boolean>;
  /** Record one sample's outcome exactly once (deltas + optional raw labels kept for rebucketing). */
  applySample(sampleId: string, deltas: BatchDeltas, raw: RawLabelRecord | null): Promise<boolean>;
  /** True when this sample's outcome is already recorded (saves a classifier call on replays). */
  isSampleDone(sampleId: string): Promise<boolean>;
  /** Every counter scope for which `select(scope)` is true, with its fields. */
  readCounters(select: (scope: string) => boolean): Promise<Map<string, Map<string, number>>>;
  /** Names of distinct-count sets for which `select(name)` is true. */
  listDistinct(select: (name: string) => boolean): Promise<string[]>;
  /** Cardinality of the union of the named distinct-count sets (HyperLogLog estimate). */
  countDistinct(names: readonly string[]): Promise<number>;
  /** Every raw label record still within retention. */
  readRawLabels(): AsyncIterable<RawLabelRecord>;
  /** Atomically drop the scopes `select` picks and write `deltas` in their place (rebucket). */
  replaceCounters(select: (scope: string) => boolean, deltas: BatchDeltas): Promise<void>;
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  /** Throws when the backing service is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
