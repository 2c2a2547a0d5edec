import { describe, expect, it } from 'vitest';
import { histBucket } from '../../../src/pipeline/rollup-fields.js';
import {
  addToHistogram, histogramQuantile, meanEstimate, median, quantileEstimate, ratioShareEstimate, shareEstimate, totalEstimate,
  type Histogram,
} from '../../../src/report/estimates.js';

const histOf = (xs: number[]) => {
  const h: Histogram = new Map();
  for (const x of xs) addToHistogram(h, histBucket(x), 1);
  return h;
};

describe('report estimates', () => {
  it('Wilson share intervals contain the point, stay in [0, 1] and widen as the sample shrinks', () => {
    const big = shareEstimate(300, 1000);
    const small = shareEstimate(30, 100);
    expect(big.value).toBeCloseTo(0.3);
    expect(big.low).toBeLessThan(0.3);
    expect(big.high).toBeGreaterThan(0.3);
    expect(small.high - small.low).toBeGreaterThan(2.5 * (big.high - big.low));
    const none = shareEstimate(0, 50);
    expect(none.low).toBe(0);
    expect(none.high).toBeGreaterThan(0);
    expect(shareEstimate(0, 0)).toEqual({ value: 0, low: 0, high: 1 });
  });

  it('ratio (token) share: delta-method interval around the ratio, narrower with more samples', () => {
    // 100 units of 10 tokens, 30 in the part → R = 0.3.
    const e100 = ratioShareEstimate({ partSum: 300, partSumSq: 3000, allSum: 1000, allSumSq: 10_000, n: 100 })!;
    expect(e100.value).toBeCloseTo(0.3);
    // With equal sizes the ratio is a proportion: the interval is close to the Wald interval 1.96·√(.3·.7/100).
    expect((e100.high - e100.low) / 2).toBeCloseTo(1.96 * Math.sqrt((0.3 * 0.7) / 99), 2);
    const e1000 = ratioShareEstimate({ partSum: 3000, partSumSq: 30_000, allSum: 10_000, allSumSq: 100_000, n: 1000 })!;
    expect(e1000.high - e1000.low).toBeLessThan((e100.high - e100.low) / 3);
    expect(ratioShareEstimate({ partSum: 0, partSumSq: 0, allSum: 0, allSumSq: 0, n: 0 })).toBeNull();
  });

  it('Horvitz–Thompson totals scale by 1/rate with an interval that grows relative to the value as samples shrink', () => {
    const t = totalEstimate(1000, 1000 * 100, 0.01)!; // 100 samples of 10 tokens
    expect(t.value).toBe(100_000);
    expect(t.low).toBeLessThan(t.value);
    expect(t.high).toBeGreaterThan(t.value);
    const few = totalEstimate(100, 100 * 100, 0.01)!; // 10 samples
    expect((few.high - few.low) / few.value).toBeGreaterThan((t.high - t.low) / t.value);
  });

  it('histogram percentiles land within the bucket of the true percentile; their interval brackets it', () => {
    const xs = Array.from({ length: 2000 }, (_, i) => 10 + i); // 10..2009
    const h = histOf(xs);
    const p50 = histogramQuantile(h, 0.5)!;
    expect(Math.abs(p50 - 1009.5) / 1009.5).toBeLessThan(0.2);
    const e = quantileEstimate(h, 0.9)!;
    expect(e.low).toBeLessThanOrEqual(e.value);
    expect(e.high).toBeGreaterThanOrEqual(e.value);
    expect(Math.abs(e.value - 1809) / 1809).toBeLessThan(0.2);
    expect(histogramQuantile(new Map(), 0.5)).toBeNull();
  });

  it('means and medians', () => {
    const m = meanEstimate(55, 385, 10)!; // 1..10
    expect(m.value).toBe(5.5);
    expect(m.low).toBeLessThan(5.5);
    expect(meanEstimate(5, 25, 1)).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
