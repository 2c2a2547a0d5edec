import { describe, expect, it } from 'vitest';
import { deriveKey, scrambleIndex } from '../../../src/generate/scramble-index.js';
import { createSeededRandom } from '../../../src/generate/seeded-random.js';
import { WEEK_MS } from '../../../src/generate/traffic-plan.js';
import { WeekClock } from '../../../src/generate/week-clock.js';
import { WeightedPicker } from '../../../src/generate/weighted-picker.js';

describe('createSeededRandom', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = createSeededRandom(123);
    const b = createSeededRandom(123);
    const c = createSeededRandom(124);
    const seqA = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(seqA);
  });

  it('draws uniform floats in [0, 1) with the right mean', () => {
    const r = createSeededRandom(1);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });
});

describe('scrambleIndex', () => {
  it('never repeats an id within a key and changes with the key', () => {
    const key = deriveKey(1, 'event-ids');
    const ids = new Set(Array.from({ length: 200_000 }, (_, i) => scrambleIndex(i, key)));
    expect(ids.size).toBe(200_000);
    expect(scrambleIndex(5, key)).not.toBe(scrambleIndex(5, deriveKey(2, 'event-ids')));
    expect(deriveKey(1, 'users')).not.toBe(deriveKey(1, 'event-ids'));
  });
});

describe('WeekClock', () => {
  it('hands out exactly the requested number of ascending timestamps inside the week', () => {
    const start = Date.parse('2025-06-02T00:00:00Z');
    const clock = new WeekClock(start, 5000);
    const r = createSeededRandom(4);
    const times = Array.from({ length: 5000 }, () => clock.next(r));
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
    expect(times[0]!).toBeGreaterThanOrEqual(start);
    expect(times[4999]!).toBeLessThan(start + WEEK_MS);
    expect(() => clock.next(r)).toThrow(/more times than the week has events/);
    // Weekdays are busier than the weekend, and the afternoon (UTC) busier than the early morning.
    const day = (t: number) => Math.floor((t - start) / 86_400_000);
    expect(times.filter((t) => day(t) === 1).length).toBeGreaterThan(times.filter((t) => day(t) === 6).length);
    const hour = (t: number) => new Date(t).getUTCHours();
    expect(times.filter((t) => hour(t) === 16).length).toBeGreaterThan(times.filter((t) => hour(t) === 4).length);
  });
});

describe('WeightedPicker', () => {
  it('draws in proportion to the weights and never picks a zero weight', () => {
    const picker = new WeightedPicker(['a', 'b', 'c'], [1, 3, 0]);
    const r = createSeededRandom(8);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 40_000; i++) counts[picker.pick(r) as 'a' | 'b' | 'c']++;
    expect(counts.c).toBe(0);
    expect(counts.b / 40_000).toBeCloseTo(0.75, 1);
  });

  it('rejects empty or mismatched weights with a clear message', () => {
    expect(() => new WeightedPicker([], [])).toThrow(/at least one item/);
    expect(() => new WeightedPicker(['a'], [0])).toThrow(/positive weight/);
    expect(() => new WeightedPicker(['a'], [-1])).toThrow(/non-negative/);
  });
});
