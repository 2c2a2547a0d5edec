import type { SeededRandom } from './seeded-random.js';

/** Draws items with probability proportional to their weights (cumulative table, binary search). */
export class WeightedPicker<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) {
      throw new Error(`A weighted picker needs one weight per item and at least one item (got ${items.length} items, ${weights.length} weights).`);
    }
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      if (!(w >= 0)) throw new Error(`Weight ${i} is ${w}; weights must be non-negative numbers.`);
      sum += w;
      this.cumulative[i] = sum;
    });
    if (!(sum > 0)) throw new Error('A weighted picker needs at least one positive weight.');
    this.total = sum;
  }

  pickIndex(random: SeededRandom): number {
    const target = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  pick(random: SeededRandom): T {
    return this.items[this.pickIndex(random)]!;
  }
}
