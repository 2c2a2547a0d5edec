import type { SeededRandom } from './seeded-random.js';
import { WEEK_MS } from './traffic-plan.js';

const HOURS_PER_WEEK = 168;
/** Traffic peaks when the US and Europe overlap (about 16:00 UTC) and dips around 04:00 UTC. */
export const DIURNAL_PEAK_HOUR_UTC = 16;
export const DIURNAL_AMPLITUDE = 0.45;
/** Weekend days carry this fraction of a weekday's traffic. */
export const WEEKEND_FACTOR = 0.75;

/**
 * Hands out `count` timestamps inside one week in ascending order without storing them: the next
 * uniform order statistic is drawn from the previous one (x ← x + (1 − x)(1 − U^(1/remaining))), then
 * mapped through the inverse CDF of an hour-of-week traffic shape, which is monotone and so keeps the
 * order. The week starts on a Monday at 00:00 UTC.
 */
export class WeekClock {
  private position = 0;
  private remaining: number;
  private hour = 0;
  private readonly cdf: Float64Array;

  constructor(
    private readonly startMs: number,
    count: number,
  ) {
    this.remaining = count;
    this.cdf = hourOfWeekCdf();
  }

  next(random: SeededRandom): number {
    if (this.remaining <= 0) throw new Error('WeekClock.next() was called more times than the week has events.');
    this.position += (1 - this.position) * (1 - Math.pow(1 - random.next(), 1 / this.remaining));
    this.remaining--;
    const x = Math.min(this.position, 1 - 1e-12);
    while (this.cdf[this.hour + 1]! <= x) this.hour++;
    const lo = this.cdf[this.hour]!;
    const hi = this.cdf[this.hour + 1]!;
    const withinHour = (x - lo) / (hi - lo);
    return this.startMs + Math.min(WEEK_MS - 1, Math.floor(((this.hour + withinHour) * WEEK_MS) / HOURS_PER_WEEK));
  }
}

/** Cumulative traffic share at each hour boundary of a Monday-first week (169 points, 0 … 1). */
function hourOfWeekCdf(): Float64Array {
  const cdf = new Float64Array(HOURS_PER_WEEK + 1);
  let sum = 0;
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    const day = Math.floor(h / 24);
    const hourOfDay = h % 24;
    const weight =
      (day >= 5 ? WEEKEND_FACTOR : 1) * (1 + DIURNAL_AMPLITUDE * Math.cos((2 * Math.PI * (hourOfDay - DIURNAL_PEAK_HOUR_UTC)) / 24));
    sum += weight;
    cdf[h + 1] = sum;
  }
  for (let h = 0; h <= HOURS_PER_WEEK; h++) cdf[h] = cdf[h]! / sum;
  return cdf;
}
