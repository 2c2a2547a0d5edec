/**
 * What one batch (or one classified sample) adds to the store, independent of the store kind.
 * - counters: scope → field → integer increment. Scopes name a period and a family:
 *     "w:2025-W23" weekly rollups, "d:2025-06-03" daily rollups, "s:2025-W23" sampling counters,
 *     "k:2025-W23:<classifierVersion>:<view>" category figures (see classification-deltas.ts).
 *   Fields join their parts with FIELD_SEP (see rollup-fields.ts).
 * - distinct: HyperLogLog name → keyed user hashes to add (never raw user ids).
 */
export interface BatchDeltas {
  counters: Map<string, Map<string, number>>;
  distinct: Map<string, Set<string>>;
}

export function emptyDeltas(): BatchDeltas {
  return { counters: new Map(), distinct: new Map() };
}

export function addCounter(d: BatchDeltas, scope: string, field: string, by: number): void {
  if (by === 0) return;
  let m = d.counters.get(scope);
  if (!m) {
    m = new Map();
    d.counters.set(scope, m);
  }
  m.set(field, (m.get(field) ?? 0) + by);
}

export function addDistinct(d: BatchDeltas, name: string, element: string): void {
  let s = d.distinct.get(name);
  if (!s) {
    s = new Set();
    d.distinct.set(name, s);
  }
  s.add(element);
}

export function countOps(d: BatchDeltas): number {
  let n = 0;
  for (const m of d.counters.values()) n += m.size;
  for (const s of d.distinct.values()) n += s.size;
  return n;
}
