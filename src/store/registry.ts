import type { Config } from '../config/config-schema.js';
import type { AggregationStore } from './aggregation-store.js';
import { postgresStoreKind } from './postgres/index.js';
import { redisStoreKind } from './redis/index.js';
import type { StoreDeps, StoreKind } from './store-kind.js';

const KINDS: readonly StoreKind[] = [redisStoreKind, postgresStoreKind];

export function storeKinds(): ReadonlyMap<string, StoreKind> {
  return new Map(KINDS.map((k) => [k.kind, k]));
}

export async function createStore(config: Config, deps: StoreDeps): Promise<AggregationStore> {
  const kind = storeKinds().get(config.store.kind);
  if (!kind) {
    throw new Error(`Unknown store.kind "${config.store.kind}". Known kinds: ${[...storeKinds().keys()].join(', ')}.`);
  }
  return kind.create(config, deps);
}
