/**
 * What one batch (or one classified sample) adds to the store, independent of the store kind.
 * - counters: scope → field → integer increment. Scopes name a period and a family:
 *     "w:2025-W23" weekly rollups, "d:2025-06-03" daily rollups, "s:2025-W23" sampling counters,
 *     "k:2025-W23:<classifierVersion>:<view>" category figures (see classification-deltas.ts).
 *   Fields join their parts with FIELD_SEP (see rollup-fields.ts).
 * - distinct: HyperLogLog name → keyed user hashes to add (never raw user ids).
 * - unions: HyperLogLog name → names of sets in `distinct` every element of which belongs to it as well, now and
 *   in every earlier batch (a day's users are users of its week and of its month). The target gets this batch's
 *   elements of its sources: a store may send each source's elements once for all its targets (Redis), combine
 *   the sources' register maxima (PostgreSQL), or write the elements out (expandUnions); all leave the same
 *   HyperLogLog registers, since a register holds the maximum over the elements ever added.
 */
export interface BatchDeltas {
  counters: Map<string, Map<string, number>>;
  distinct: Map<string, Set<string>>;
  unions: Map<string, Set<string>>;
}

export function emptyDeltas(): BatchDeltas {
  return { counters: new Map(), distinct: new Map(), unions: new Map() };
}

/** Declare that every element of `source` also belongs to `target` (see BatchDeltas.unions). */
export function addUnion(d: BatchDeltas, target: string, source: string): void {
  let s = d.unions.get(target);
  if (!s) {
    s = new Set();
    d.unions.set(target, s);
  }
  s.add(source);
}

/** The same deltas with each union written out as element additions (for stores that cannot merge sketches). */
export function expandUnions(d: BatchDeltas): BatchDeltas {
  if (d.unions.size === 0) return d;
  const distinct = new Map(d.distinct);
  for (const [target, sources] of d.unions) {
    const into = new Set(distinct.get(target));
    for (const source of sources) for (const e of d.distinct.get(source) ?? []) into.add(e);
    if (into.size > 0) distinct.set(target, into);
  }
  return { counters: d.counters, distinct, unions: new Map() };
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
