import { describe, expect, it } from 'vitest';
import { parseEvent, parseEventLine } from '../../../src/event/parse-event.js';

const valid = {
  id: 'gen-1',
  createdAt: '2025-06-03T12:00:00Z',
  model: 'deepseek/deepseek-chat-v3-0324',
  usage: { promptTokens: 10, completionTokens: 5 },
};

const errorsOf = (v: unknown) => {
  const r = parseEvent(v);
  if (r.ok) throw new Error('expected errors');
  return r.errors.map((e) => `${e.field}: ${e.message}`);
};

describe('parseEvent (format v1)', () => {
  it('accepts a minimal event and normalises it', () => {
    const r = parseEvent(valid);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.event.createdAt).toBe(Date.parse('2025-06-03T12:00:00Z'));
  });

  it('accepts epoch milliseconds, chat messages with parts and ignores unknown fields', () => {
    const r = parseEvent({
      ...valid,
      createdAt: 1748952000000,
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'image_url', image_url: {} }] }],
      somethingNew: { nested: true },
      finishReason: 'weird',
      billingCountry: 'de',
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.event.finishReason).toBe('other');
      expect(r.event.billingCountry).toBe('DE');
      expect('somethingNew' in r.event).toBe(false);
    }
  });

  it.each([
    [{ ...valid, id: undefined }, 'id: is required'],
    [{ ...valid, id: '' }, 'id: must not be empty'],
    [{ ...valid, id: 'x'.repeat(257) }, 'id: must be at most 256 characters'],
    [{ ...valid, id: 7 }, 'id: must be a string'],
    [{ ...valid, createdAt: '2025-13-45' }, 'createdAt: is not a valid date: the month must be 01..12'],
    [{ ...valid, createdAt: '2025-02-30' }, 'createdAt: is not a valid date: 2025-02 has 28 days, so day 30 is not a calendar date'],
    [{ ...valid, createdAt: '2025-02-29T10:00:00Z' }, 'createdAt: is not a valid date: 2025-02 has 28 days, so day 29 is not a calendar date'],
    [{ ...valid, createdAt: '2100-02-29' }, 'createdAt: is not a valid date: 2100-02 has 28 days, so day 29 is not a calendar date'],
    [{ ...valid, createdAt: '2025-04-31T00:00Z' }, 'createdAt: is not a valid date: 2025-04 has 30 days, so day 31 is not a calendar date'],
    [{ ...valid, createdAt: '2025-06-00' }, 'createdAt: is not a valid date: 2025-06 has 30 days, so day 00 is not a calendar date'],
    [{ ...valid, createdAt: '2025-06-03T24:00:00Z' }, 'createdAt: is not a valid time: the hour must be 00..23'],
    [{ ...valid, createdAt: '2025-06-03T10:60Z' }, 'createdAt: is not a valid time: the minute must be 00..59'],
    [{ ...valid, createdAt: '2025-06-03T10:00:61Z' }, 'createdAt: is not a valid time: the second must be 00..59 (60 for a leap second)'],
    [{ ...valid, createdAt: '2025-06-03T10:00:00+24:00' }, 'createdAt: is not a valid time: the UTC offset must be within ±23:59'],
    [{ ...valid, createdAt: '2025-06-03T10:00:00+02:60' }, 'createdAt: is not a valid time: the UTC offset must be within ±23:59'],
    [{ ...valid, createdAt: '2025-06-03 10:00:00Z' }, 'createdAt: must be an ISO-8601 date-time'],
    [{ ...valid, createdAt: '2025-06-03T10:00:00.Z' }, 'createdAt: must be an ISO-8601 date-time'],
    [{ ...valid, createdAt: '2025-06-03T10:00:00.1234567890Z' }, 'createdAt: must be an ISO-8601 date-time'],
    [{ ...valid, createdAt: '2025-06-03T10Z' }, 'createdAt: must be an ISO-8601 date-time'],
    [{ ...valid, createdAt: '2025-06-03Z' }, 'createdAt: must be an ISO-8601 date-time'],
    [{ ...valid, createdAt: '+2025-06-03' }, 'createdAt: must be an ISO-8601 date-time'],
    [{ ...valid, createdAt: 'yesterday' }, 'createdAt: must be an ISO-8601 date-time'],
    [{ ...valid, createdAt: 5 }, 'createdAt: is outside 2000..2200'],
    [{ ...valid, model: undefined }, 'model: is required'],
    [{ ...valid, usage: undefined }, 'usage: is required'],
    [{ ...valid, usage: { promptTokens: -1, completionTokens: 1 } }, 'usage.promptTokens: must not be negative'],
    [{ ...valid, usage: { promptTokens: 1.5, completionTokens: 1 } }, 'usage.promptTokens: must be an integer'],
    [{ ...valid, usage: { promptTokens: 1e12, completionTokens: 1 } }, 'usage.promptTokens: must be at most 100000000'],
    [{ ...valid, usage: { promptTokens: '5', completionTokens: 1 } }, 'usage.promptTokens: must be a number'],
    [{ ...valid, usage: { promptTokens: 5 } }, 'usage.completionTokens: is required'],
    [{ ...valid, costUsd: -0.1 }, 'costUsd: must not be negative'],
    [{ ...valid, streamed: 'yes' }, 'streamed: must be a boolean'],
    [{ ...valid, billingCountry: 'USA' }, 'billingCountry: must be an ISO 3166-1 alpha-2 code'],
    [{ ...valid, billingCountry: 'ZZ' }, 'billingCountry: must be an ISO 3166-1 alpha-2 code'],
    [{ ...valid, billingCountry: 'uk' }, 'billingCountry: must be an ISO 3166-1 alpha-2 code'],
    [{ ...valid, billingCountry: 'EU' }, 'billingCountry: must be an ISO 3166-1 alpha-2 code'],
    [{ ...valid, billingCountry: 'U1' }, 'billingCountry: must be an ISO 3166-1 alpha-2 code'],
    [{ ...valid, billingCountry: 42 }, 'billingCountry: must be a string'],
    [{ ...valid, id: null }, 'id: is required'],
    [{ ...valid, model: null }, 'model: is required'],
    [{ ...valid, createdAt: null }, 'createdAt: is required'],
    [{ ...valid, usage: null }, 'usage: is required'],
    [{ ...valid, usage: { promptTokens: null, completionTokens: 1 } }, 'usage.promptTokens: is required'],
    [{ ...valid, provider: 7 }, 'provider: must be a string'],
    [{ ...valid, finishReason: 3 }, 'finishReason: must be a string'],
    [{ ...valid, usage: { promptTokens: 1, completionTokens: 1, cachedTokens: -1 } }, 'usage.cachedTokens: must not be negative'],
    [{ ...valid, consent: 'maybe' }, 'consent: must be "granted" or "denied"'],
    [{ ...valid, prompt: 42 }, 'prompt: must be a string or an array of chat messages'],
  ])('rejects %j with the field and reason', (event, expected) => {
    expect(errorsOf(event)).toContain(expected);
  });

  it('reads a date-time without a UTC offset as UTC, whatever the host time zone', () => {
    const tz = process.env.TZ;
    try {
      for (const zone of ['America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = zone;
        // The zone really applies to this process (Node re-reads TZ when it is assigned).
        if (zone === 'America/New_York') expect(new Date(2025, 5, 4, 10).getTimezoneOffset()).toBe(240);
        const at = (createdAt: string) => {
          const r = parseEvent({ ...valid, createdAt });
          if (!r.ok) throw new Error(JSON.stringify(r.errors));
          return r.event.createdAt;
        };
        expect(at('2025-06-04T10:00:00')).toBe(Date.UTC(2025, 5, 4, 10));
        expect(at('2025-06-04T10:00')).toBe(Date.UTC(2025, 5, 4, 10));
        expect(at('2025-06-04T23:30:00.250')).toBe(Date.UTC(2025, 5, 4, 23, 30, 0, 250));
        expect(at('2025-06-04')).toBe(Date.UTC(2025, 5, 4));
        expect(at('2025-06-04T10:00:00Z')).toBe(Date.UTC(2025, 5, 4, 10));
        expect(at('2025-06-04T10:00:00+02:00')).toBe(Date.UTC(2025, 5, 4, 8));
        expect(at('2025-06-04T10:00:00-0530')).toBe(Date.UTC(2025, 5, 4, 15, 30));
        // Sunday 23:30 without an offset stays in ISO week 2025-W23 (it is Monday 03:30 in Kolkata, Sunday in New York).
        expect(at('2025-06-08T23:30')).toBe(Date.UTC(2025, 5, 8, 23, 30));
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('checks the calendar: leap days, fractions and leap seconds', () => {
    const at = (createdAt: string) => {
      const r = parseEvent({ ...valid, createdAt });
      return r.ok ? r.event.createdAt : r.errors.map((e) => e.message).join('; ');
    };
    expect(at('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(at('2000-02-29T12:00Z')).toBe(Date.UTC(2000, 1, 29, 12));
    expect(at('2025-12-31T23:59:59.999999999Z')).toBe(Date.UTC(2025, 11, 31, 23, 59, 59, 999));
    expect(at('2025-06-03T10:00:00.5Z')).toBe(Date.UTC(2025, 5, 3, 10, 0, 0, 500));
    // A leap second is the last millisecond of its minute: it stays in its day.
    expect(at('2016-12-31T23:59:60Z')).toBe(Date.UTC(2016, 11, 31, 23, 59, 59, 999));
    expect(at('2017-01-01T00:59:60+01:00')).toBe(Date.UTC(2016, 11, 31, 23, 59, 59, 999));
    expect(at('1999-12-31T23:59:59Z')).toBe('is outside 2000..2200');
    expect(at('2000-01-01T00:30:00+01:00')).toBe('is outside 2000..2200');
  });

  it('reads null in an optional field as absent, and null in a required field as missing', () => {
    const r = parseEvent({
      ...valid,
      usage: { promptTokens: 10, completionTokens: 5, reasoningTokens: null, cachedTokens: null },
      provider: null, costUsd: null, latencyMs: null, finishReason: null, toolsProvided: null, streamed: null,
      cancelled: null, userId: null, billingCountry: null, consent: null, prompt: null,
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(JSON.parse(JSON.stringify(r.event))).toEqual({ ...valid, createdAt: Date.parse(valid.createdAt) });
    }
  });

  it('accepts every officially assigned ISO 3166-1 alpha-2 code and XK (Kosovo), any case, upper-cased', () => {
    const codes = ['AD', 'AQ', 'BQ', 'CW', 'GB', 'SS', 'SX', 'TL', 'UM', 'VA', 'ZW', 'XK'];
    for (const c of codes) {
      for (const input of [c, c.toLowerCase(), c[0] + c[1]!.toLowerCase()]) {
        const r = parseEvent({ ...valid, billingCountry: input });
        expect(r.ok && r.event.billingCountry, input).toBe(c);
      }
    }
  });

  it('rejects non-objects and bad JSON lines without quoting their content', () => {
    expect(errorsOf([1, 2])).toEqual(['(event): event must be a JSON object']);
    const r = parseEventLine('{"id": "a", "prompt": "SECRET-CANARY');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]!.code).toBe('invalid_json');
      expect(JSON.stringify(r.errors)).not.toContain('SECRET-CANARY');
    }
  });

  it('does not let __proto__ keys pollute objects', () => {
    const r = parseEventLine('{"__proto__": {"polluted": true}, "id": "p", "createdAt": 1748952000000, "model": "m", "usage": {"promptTokens": 1, "completionTokens": 1}}');
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
