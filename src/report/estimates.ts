import { bucketHigh, bucketLow } from '../pipeline/rollup-fields.js';
import type { Estimate } from './census-report.js';
import { wilsonInterval } from './wilson-interval.js';

/** Two-sided 95% normal quantile. */
export const Z95 = 1.959963984540054;

/** A mergeable log-scale histogram: bucket number → count (see histBucket in rollup-fields.ts). */
export type Histogram = Map<number, number>;

export function addToHistogram(h: Histogram, bucket: number, n: number): void {
  h.set(bucket, (h.get(bucket) ?? 0) + n);
}

/** Representative value of a bucket: 0 for bucket 0, else the geometric midpoint of its bounds. */
const bucketMid = (b: number) => (b === 0 ? 0 : Math.sqrt(bucketLow(b) * bucketHigh(b)));

export interface HistogramMoments {
  n: number;
  /** Mean and second moment E[x²], from bucket midpoints (≤ 19% relative error per value). */
  mean: number;
  meanSquare: number;
}

export function histogramMoments(h: Histogram): HistogramMoments {
  let n = 0;
  let s1 = 0;
  let s2 = 0;
  for (const [b, c] of h) {
    const x = bucketMid(b);
    n += c;
    s1 += c * x;
    s2 += c * x * x;
  }
  return { n, mean: n ? s1 / n : 0, meanSquare: n ? s2 / n : 0 };
}

/** Squared coefficient of variation (variance / mean²) of a histogram; 0 when empty or all zero. */
export function histogramCv2(h: Histogram): number {
  const m = histogramMoments(h);
  if (m.n < 2 || m.mean <= 0) return 0;
  return Math.max(0, m.meanSquare / (m.mean * m.mean) - 1);
}

/**
 * The value at (0-based, fractional) rank r of the histogram's sorted values: linear interpolation inside the
 * bucket holding that rank. Null when empty.
 */
export function histogramValueAtRank(h: Histogram, rank: number): number | null {
  const buckets = [...h.entries()].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  const n = buckets.reduce((a, [, c]) => a + c, 0);
  if (n === 0) return null;
  const r = Math.min(Math.max(rank, 0), n - 1);
  let before = 0;
  for (const [b, c] of buckets) {
    if (r < before + c) {
      if (b === 0) return 0;
      const within = c === 1 ? 0.5 : (r - before) / (c - 1);
      return bucketLow(b) + within * (bucketHigh(b) - bucketLow(b));
    }
    before += c;
  }
  const last = buckets[buckets.length - 1]![0];
  return bucketHigh(last);
}

/** Percentile q (0..1) of a histogram; null when empty. */
export function histogramQuantile(h: Histogram, q: number): number | null {
  let n = 0;
  for (const c of h.values()) n += c;
  if (n === 0) return null;
  return histogramValueAtRank(h, q * (n - 1));
}

/**
 * Percentile of a sampled histogram with a distribution-free 95% interval: the ranks n·q ∓ 1.96·√(n·q·(1−q))
 * (normal approximation of the binomial order-statistic interval) mapped back through the histogram.
 */
export function quantileEstimate(h: Histogram, q: number): Estimate | null {
  let n = 0;
  for (const c of h.values()) n += c;
  if (n === 0) return null;
  const value = histogramQuantile(h, q)!;
  const half = Z95 * Math.sqrt(n * q * (1 - q));
  const low = histogramValueAtRank(h, Math.floor(n * q - half) - 1)!;
  const high = histogramValueAtRank(h, Math.ceil(n * q + half))!;
  return { value, low: Math.min(low, value), high: Math.max(high, value) };
}

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9), for the
 * family-wise (Bonferroni) z of simultaneous intervals.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** z of a two-sided simultaneous 95% interval over `m` figures (Bonferroni: each at 1 − 0.05/m). */
export const familyZ = (m: number) => normalQuantile(1 - 0.05 / (2 * Math.max(1, m)));

/** Share k/n with its 95% Wilson interval. */
export function shareEstimate(k: number, n: number): Estimate {
  const ci = wilsonInterval(k, n);
  return { value: n > 0 ? k / n : 0, low: ci.low, high: ci.high };
}

/**
 * Ratio share R = Σy/Σx where y = x for the units in the part and 0 otherwise (e.g. tokens of one category /
 * all sampled tokens). Linearised (delta-method) 95% interval:
 *   Var(R) ≈ n/(n−1) · Σ(yᵢ − R·xᵢ)² / (Σx)²,  Σ(yᵢ − R·xᵢ)² = S2part·(1−R)² + (S2all − S2part)·R²,
 * with S2 the sums of squares. Widens as the sample shrinks.
 */
export function ratioShareEstimate(p: { partSum: number; partSumSq: number; allSum: number; allSumSq: number; n: number }): Estimate | null {
  if (p.n < 2 || p.allSum <= 0) return null;
  const r = p.partSum / p.allSum;
  const ss = p.partSumSq * (1 - r) ** 2 + Math.max(0, p.allSumSq - p.partSumSq) * r * r;
  const se = Math.sqrt(((p.n / (p.n - 1)) * ss) / (p.allSum * p.allSum));
  return { value: r, low: Math.max(0, r - Z95 * se), high: Math.min(1, r + Z95 * se) };
}

/**
 * Population total from a Poisson sample at inclusion probability `rate` (Horvitz–Thompson): Σy/rate, with
 * Var = (1 − rate)·Σy²/rate². 95% normal interval, floored at the sampled sum itself.
 */
export function totalEstimate(sum: number, sumSq: number, rate: number): Estimate | null {
  if (!(rate > 0)) return null;
  const value = sum / rate;
  const se = Math.sqrt((1 - rate) * sumSq) / rate;
  return { value, low: Math.max(sum, value - Z95 * se), high: value + Z95 * se };
}

/** Mean of n values from their sum and sum of squares, with a 95% normal interval; null below 2 values. */
export function meanEstimate(sum: number, sumSq: number, n: number): Estimate | null {
  if (n < 2) return null;
  const mean = sum / n;
  const variance = Math.max(0, (sumSq - (sum * sum) / n) / (n - 1));
  const half = Z95 * Math.sqrt(variance / n);
  return { value: mean, low: Math.max(0, mean - half), high: mean + half };
}

/** Median of a list of numbers (mean of the two middle values for even lengths); null when empty. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * 95% interval of a category's cost per 1M tokens, a ratio of sample sums R = Σcost / Σtokens, by the delta method:
 * s² = (Σc² − 2R·Σct + R²·Σt²) / (n − 1), SE(R) = √(s² / n) / t̄. With costs in µUSD, R is µUSD per token, which is
 * USD per 1M tokens. null without the second moments (data recorded before they were kept) or with one sample.
 */
export function costPer1MInterval(s: { n: number; pt: number; ct: number; cost: number; tok2: number; cost2: number; costTok: number }): Estimate | null {
  const tok = s.pt + s.ct;
  if (s.n < 2 || tok <= 0 || s.tok2 <= 0) return null;
  const r = s.cost / 1000 / tok; // µUSD per token = USD per 1M tokens
  const s2 = Math.max(0, (s.cost2 - 2 * r * s.costTok + r * r * s.tok2) / (s.n - 1));
  const meanTok = tok / s.n;
  const se = Math.sqrt(s2 / s.n) / meanTok;
  return { value: r, low: Math.max(0, r - 1.959963984540054 * se), high: r + 1.959963984540054 * se };
}
