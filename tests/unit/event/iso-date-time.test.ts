import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanIsoDateTime } from '../../../src/event/iso-date-time.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('scanIsoDateTime', () => {
  it('agrees with an independent reading (Date.UTC round trip for the calendar, Date.parse with an explicit zone)', () => {
    const parts = fc.record({
      y: fc.integer({ min: 1970, max: 2300 }),
      mo: fc.integer({ min: 0, max: 13 }),
      d: fc.integer({ min: 0, max: 32 }),
      h: fc.integer({ min: 0, max: 25 }),
      mi: fc.integer({ min: 0, max: 61 }),
      s: fc.integer({ min: 0, max: 61 }),
      frac: fc.stringMatching(/^[0-9]{1,9}$/),
      shape: fc.constantFrom('date', 'minutes', 'seconds', 'fraction'),
      zone: fc.oneof(
        fc.constantFrom('', 'Z'),
        fc.record({ sign: fc.constantFrom('+', '-'), h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }), colon: fc.boolean() }),
      ),
    });
    fc.assert(
      fc.property(parts, (p) => {
        const date = `${pad(p.y, 4)}-${pad(p.mo)}-${pad(p.d)}`;
        const zone = typeof p.zone === 'string' ? p.zone : `${p.zone.sign}${pad(p.zone.h)}${p.zone.colon ? ':' : ''}${pad(p.zone.m)}`;
        const hasTime = p.shape !== 'date';
        const sec = p.shape === 'seconds' || p.shape === 'fraction' ? p.s : 0;
        const time = !hasTime
          ? ''
          : `T${pad(p.h)}:${pad(p.mi)}${p.shape === 'minutes' ? '' : `:${pad(sec)}`}${p.shape === 'fraction' ? `.${p.frac}` : ''}${zone}`;
        const text = `${date}${time}`;
        const got = scanIsoDateTime(text);

        // The calendar, checked by a Date.UTC round trip (Date.UTC rolls 02-30 over to March; we must not).
        const dayOk = p.mo >= 1 && p.mo <= 12 && p.d >= 1 && new Date(Date.UTC(p.y, p.mo - 1, p.d)).getUTCDate() === p.d;
        const timeOk = !hasTime || (p.h <= 23 && p.mi <= 59 && sec <= 60);
        if (!dayOk || !timeOk) {
          expect(typeof got, text).toBe('string');
          return;
        }
        // Date.parse reads an explicit "Z" or offset the same way on every host; no zone means UTC for us.
        const leap = sec === 60;
        const ms = p.shape === 'fraction' ? p.frac.padEnd(3, '0').slice(0, 3) : '000';
        const explicit = `${date}T${hasTime ? `${pad(p.h)}:${pad(p.mi)}` : '00:00'}:${pad(leap ? 59 : sec)}.${leap ? '999' : ms}${hasTime && zone ? zone : 'Z'}`;
        expect(got, text).toBe(Date.parse(explicit));
      }),
      { numRuns: 5000 },
    );
  });

  it('names the reason', () => {
    expect(scanIsoDateTime('2025-02-30')).toBe('day');
    expect(scanIsoDateTime('2025-00-01')).toBe('month');
    expect(scanIsoDateTime('2025-01-01T24:00')).toBe('hour');
    expect(scanIsoDateTime('2025-01-01T23:60')).toBe('minute');
    expect(scanIsoDateTime('2025-01-01T23:59:61')).toBe('second');
    expect(scanIsoDateTime('2025-01-01T23:59:00-24:00')).toBe('offset');
    for (const s of ['', '2025', '2025-1-01', '2025-01-01T', '2025-01-01T10', '2025-01-01T10:00:00.', '2025-01-01T10:00:00+1', '2025-01-01T10:00:00+01:00x', '2025-01-01t10:00', '２０２５-01-01']) {
      expect(scanIsoDateTime(s), s).toBe('shape');
    }
  });
});
