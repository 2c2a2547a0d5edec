import { describe, expect, it } from 'vitest';
import { RateLimitBackoff } from '../../../src/queue/rate-limit-backoff.js';

/** A backoff on a hand-driven clock, with jitter fixed by `random`. */
function backoff(options: { baseMs?: number; maxPauseMs?: number; random?: () => number } = {}) {
  let now = 1_000_000;
  const b = new RateLimitBackoff({
    baseMs: options.baseMs ?? 500,
    maxPauseMs: options.maxPauseMs ?? 60_000,
    random: options.random ?? (() => 0.999_999),
    now: () => now,
  });
  return {
    b,
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('RateLimitBackoff: 429 without Retry-After', () => {
  it('doubles over consecutive 429s up to the cap', () => {
    const t = backoff({ baseMs: 500, maxPauseMs: 8000 });
    const pauses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const sentAt = t.now();
      t.advance(10);
      const p = t.b.rateLimited(sentAt);
      pauses.push(p);
      t.advance(p); // the next request goes out after the pause
    }
    expect(pauses).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000, 8000]);
    expect(t.b.streak).toBe(8);
  });

  it('draws each pause uniformly from [d/2, d] (jitter), never 0', () => {
    const low = backoff({ baseMs: 500, random: () => 0 });
    const mid = backoff({ baseMs: 500, random: () => 0.5 });
    expect([low.b.rateLimited(low.now() - 1)]).toEqual([250]);
    expect([mid.b.rateLimited(mid.now() - 1)]).toEqual([375]);
    const tiny = backoff({ baseMs: 1, random: () => 0 });
    expect(tiny.b.rateLimited(tiny.now() - 1)).toBeGreaterThanOrEqual(1);
    // Seeded-ish sweep: every draw stays within bounds.
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const t = backoff({ baseMs: 500, maxPauseMs: 4000, random: rnd });
    for (let n = 1; n <= 10; n++) {
      const sentAt = t.now();
      t.advance(1);
      const p = t.b.rateLimited(sentAt);
      const d = Math.min(4000, 500 * 2 ** (n - 1));
      expect(p).toBeGreaterThanOrEqual(d / 2);
      expect(p).toBeLessThanOrEqual(d);
      t.advance(p);
    }
  });

  it('resets on a success sent after the latest pause began', () => {
    const t = backoff({ baseMs: 500 });
    for (let i = 0; i < 3; i++) {
      const sentAt = t.now();
      t.advance(5);
      t.advance(t.b.rateLimited(sentAt));
    }
    expect(t.b.streak).toBe(3);
    const okSentAt = t.now();
    t.advance(20);
    t.b.succeeded(okSentAt);
    expect(t.b.streak).toBe(0);
    const sentAt = t.now();
    t.advance(5);
    expect(t.b.rateLimited(sentAt)).toBe(500);
  });

  it('a success of a request sent before the latest pause does not reset the streak', () => {
    const t = backoff({ baseMs: 500 });
    const oldRequest = t.now();
    t.advance(5);
    t.b.rateLimited(t.now() - 1);
    t.advance(10);
    t.b.succeeded(oldRequest);
    expect(t.b.streak).toBe(1);
  });

  it('429s of requests already in flight when the pause was decided are one wave: no growth', () => {
    const t = backoff({ baseMs: 500 });
    // Four concurrent requests sent at the same time all come back 429.
    const sentAt = t.now();
    t.advance(30);
    const first = t.b.rateLimited(sentAt);
    t.advance(10);
    const others = [t.b.rateLimited(sentAt), t.b.rateLimited(sentAt), t.b.rateLimited(sentAt)];
    expect(first).toBe(500);
    expect(others).toEqual([490, 490, 490]); // what is left of the same pause
    expect(t.b.streak).toBe(1);
    // After the pause, the next 429 is the second wave.
    t.advance(600);
    const next = t.now();
    t.advance(5);
    expect(t.b.rateLimited(next)).toBe(1000);
    expect(t.b.streak).toBe(2);
  });
});

describe('RateLimitBackoff: Retry-After', () => {
  it('a 429 with Retry-After waits at least that long, plus up to 10% (at most 1 s), bounded by the cap', () => {
    const none = backoff({ random: () => 0 });
    expect(none.b.rateLimited(none.now() - 1, 7000)).toBe(7000);
    const most = backoff({ random: () => 0.999_999 });
    expect(most.b.rateLimited(most.now() - 1, 7000)).toBe(7700);
    const long = backoff({ random: () => 0.999_999, maxPauseMs: 60_000 });
    expect(long.b.rateLimited(long.now() - 1, 30_000)).toBe(31_000);
    const capped = backoff({ maxPauseMs: 10_000 });
    expect(capped.b.rateLimited(capped.now() - 1, 3_600_000)).toBe(10_000);
    const zero = backoff();
    expect(zero.b.rateLimited(zero.now() - 1, 0)).toBe(0);
  });

  it('a 503 Retry-After is bounded and jittered and leaves the 429 streak alone', () => {
    const t = backoff({ random: () => 0, maxPauseMs: 20_000 });
    expect(t.b.retryAfter(5000)).toBe(5000);
    expect(t.b.retryAfter(120_000)).toBe(20_000);
    expect(t.b.streak).toBe(0);
  });

  it('refuses a cap below the base', () => {
    expect(() => new RateLimitBackoff({ baseMs: 1000, maxPauseMs: 500 })).toThrow(/classifier\.rateLimit\.maxPauseMs/);
  });
});
