import { describe, expect, it } from 'vitest';
import { costPer1MInterval } from '../../../src/report/estimates.js';

/** Sums the store keeps for a category, from per-sample (cost USD, tokens) pairs. */
function sums(samples: Array<[number, number]>) {
  const s = { n: 0, pt: 0, ct: 0, cost: 0, tok2: 0, cost2: 0, costTok: 0 };
  for (const [usd, tok] of samples) {
    const micro = Math.round(usd * 1e6);
    s.n++;
    s.pt += tok;
    s.cost += Math.round(usd * 1e9);
    s.tok2 += tok * tok;
    s.cost2 += micro * micro;
    s.costTok += micro * tok;
  }
  return s;
}

describe('cost per 1M tokens interval (delta method on the ratio of sums)', () => {
  it('is the ratio of sums in USD per 1M tokens, exact when every sample has the same price', () => {
    const e = costPer1MInterval(sums([[0.002, 1000], [0.004, 2000], [0.006, 3000]]))!;
    expect(e.value).toBeCloseTo(2, 9);
    expect(e.low).toBeCloseTo(2, 6);
    expect(e.high).toBeCloseTo(2, 6);
  });

  it('covers the population price and narrows as the sample grows', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const draw = (n: number) =>
      Array.from({ length: n }, () => {
        const tok = 200 + Math.floor(rnd() * 5000);
        const price = rnd() < 0.5 ? 0.5 : 3; // USD per 1M tokens, two kinds of model
        return [(price * tok) / 1e6, tok] as [number, number];
      });
    const small = costPer1MInterval(sums(draw(20)))!;
    const large = costPer1MInterval(sums(draw(2000)))!;
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
    expect(large.low).toBeLessThan(1.75);
    expect(large.high).toBeGreaterThan(1.75);
  });

  it('gives no interval without the stored moments or with one sample', () => {
    expect(costPer1MInterval({ n: 5, pt: 100, ct: 0, cost: 1000, tok2: 0, cost2: 0, costTok: 0 })).toBeNull();
    expect(costPer1MInterval(sums([[0.01, 100]]))).toBeNull();
  });
});
