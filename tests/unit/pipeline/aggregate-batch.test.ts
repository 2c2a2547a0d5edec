import { describe, expect, it } from 'vitest';
import { aggregateBatch } from '../../../src/pipeline/aggregate-batch.js';
import { expandUnions } from '../../../src/pipeline/batch-deltas.js';
import { decodeRecord, encodeRecord, type RollupRecord } from '../../../src/pipeline/rollup-record.js';
import { histBucket, bucketLow, bucketHigh } from '../../../src/pipeline/rollup-fields.js';
import { isoDay, isoMonth, isoWeek, weekStart } from '../../../src/pipeline/time-buckets.js';

const rec = (over: Partial<RollupRecord> = {}): RollupRecord => ({
  ts: Date.parse('2025-06-03T10:00:00Z'),
  model: 'm/a',
  provider: 'P',
  promptTokens: 100,
  completionTokens: 10,
  reasoningTokens: 0,
  cachedTokens: 0,
  costNano: 1000,
  latencyMs: 200,
  finishReason: 'stop',
  toolsProvided: false,
  streamed: true,
  cancelled: false,
  userHash: 'u1',
  country: 'US',
  sampling: 0,
  ...over,
});

const F = (...p: string[]) => p.join('\u001f');

describe('ISO calendar', () => {
  it.each([
    ['2025-06-02T00:00:00Z', '2025-W23'],
    ['2025-06-08T23:59:59Z', '2025-W23'],
    ['2024-12-30T00:00:00Z', '2025-W01'],
    ['2021-01-03T12:00:00Z', '2020-W53'],
    ['2026-01-01T00:00:00Z', '2026-W01'],
  ])('%s is in %s (UTC)', (iso, week) => {
    expect(isoWeek(Date.parse(iso))).toBe(week);
  });
  it('weekStart is the Monday of the week', () => {
    expect(new Date(weekStart('2025-W23')).toISOString()).toBe('2025-06-02T00:00:00.000Z');
    expect(new Date(weekStart('2020-W53')).toISOString()).toBe('2020-12-28T00:00:00.000Z');
  });
  it('days and months are UTC', () => {
    expect(isoDay(Date.parse('2025-06-03T23:30:00-02:00'))).toBe('2025-06-04');
    expect(isoMonth(Date.parse('2025-06-30T23:30:00Z'))).toBe('2025-06');
  });
});

describe('aggregateBatch', () => {
  it('sums every metric per week and day, model and provider', () => {
    const d = aggregateBatch([
      rec(),
      rec({ promptTokens: 50, completionTokens: 5, costNano: 500, finishReason: 'tool_calls', toolsProvided: true }),
      rec({ model: 'm/b', ts: Date.parse('2025-06-10T00:00:00Z'), sampling: 1, userHash: '' }),
    ]);
    const w = d.counters.get('w:2025-W23')!;
    expect(w.get(F('m', 'm/a', 'P', 'req'))).toBe(2);
    expect(w.get(F('m', 'm/a', 'P', 'pt'))).toBe(150);
    expect(w.get(F('m', 'm/a', 'P', 'ct'))).toBe(15);
    expect(w.get(F('m', 'm/a', 'P', 'cost'))).toBe(1500);
    expect(w.get(F('m', 'm/a', 'P', 'toolReq'))).toBe(1);
    expect(w.get(F('m', 'm/a', 'P', 'toolTok'))).toBe(55);
    expect(w.get(F('m', 'm/a', 'P', 'toolsReq'))).toBe(1);
    expect(w.get(F('m', 'm/a', 'P', 'fr.stop'))).toBe(1);
    expect(w.get(F('m', 'm/a', 'P', 'fr.tool_calls'))).toBe(1);
    expect(w.get(F('m', 'm/a', 'P', 'latSum'))).toBe(400);
    expect(w.get(F('c', 'US', 'req'))).toBe(2);
    expect(d.counters.get('d:2025-06-03')!.get(F('m', 'm/a', 'P', 'req'))).toBe(2);
    expect(d.counters.get('w:2025-W24')!.get(F('m', 'm/b', 'P', 'req'))).toBe(1);
    expect(d.counters.get('s:2025-W23')!.get('seen')).toBe(2);
    expect(d.counters.get('s:2025-W23')!.get('notSampled')).toBe(2);
    expect(d.counters.get('s:2025-W24')!.get('sampled')).toBe(1);
  });

  it('feeds user hashes only into distinct-count sets', () => {
    const d = expandUnions(aggregateBatch([rec({ userHash: 'h1' }), rec({ userHash: 'h2' }), rec({ userHash: 'h1' })]));
    expect([...d.distinct.get('w:2025-W23')!]).toEqual(['h1', 'h2']);
    expect(d.distinct.get(F('mm', '2025-06', 'm/a'))!.size).toBe(2);
    for (const fields of d.counters.values()) for (const f of fields.keys()) expect(f).not.toMatch(/h1|h2/);
  });

  it('adds users once, to the day and country sets, and derives week and month sets as their unions', () => {
    const d = aggregateBatch([
      rec({ userHash: 'h1', ts: Date.UTC(2025, 5, 2, 12) }),
      rec({ userHash: 'h2', ts: Date.UTC(2025, 5, 3, 12), country: 'FR' }),
    ]);
    const dm1 = F('dm', '2025-06-02', 'm/a');
    const dm2 = F('dm', '2025-06-03', 'm/a');
    expect([...d.distinct.keys()].map((n) => n.split('\u001f')[0]!.split(':')[0]).sort()).toEqual(['dm', 'dm', 'dp', 'dp', 'wc', 'wc']);
    expect(d.unions.get(F('wm', '2025-W23', 'm/a'))).toEqual(new Set([dm1, dm2]));
    expect(d.unions.get(F('mm', '2025-06', 'm/a'))).toEqual(new Set([dm1, dm2]));
    expect(d.unions.get('w:2025-W23')).toEqual(new Set([F('wc', '2025-W23', 'US'), F('wc', '2025-W23', 'FR')]));
    // Events without a user id add no set and no union.
    expect(aggregateBatch([rec({ userHash: '' })]).unions.size).toBe(0);
  });

  it('adds a batch in any split to the same totals (associative)', () => {
    const records = Array.from({ length: 50 }, (_, i) => rec({ promptTokens: i, costNano: i * 7, model: `m/${i % 3}` }));
    const whole = aggregateBatch(records);
    const a = aggregateBatch(records.slice(0, 17));
    const b = aggregateBatch(records.slice(17));
    for (const [scope, fields] of whole.counters) {
      for (const [f, v] of fields) {
        expect((a.counters.get(scope)?.get(f) ?? 0) + (b.counters.get(scope)?.get(f) ?? 0)).toBe(v);
      }
    }
  });

  it('round-trips records through the compact job encoding', () => {
    const r = rec({ toolsProvided: true, cancelled: true, finishReason: '' });
    expect(decodeRecord(JSON.parse(JSON.stringify(encodeRecord(r))))).toEqual(r);
  });

  it('histogram buckets bound their values', () => {
    for (const x of [0, 1, 2, 3, 10, 999, 1000, 123_456]) {
      const b = histBucket(x);
      expect(bucketLow(b)).toBeLessThanOrEqual(x);
      if (x > 0) expect(bucketHigh(b)).toBeGreaterThan(x);
    }
  });
});
