import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastParseEvent } from '../../../src/event/fast-parse-event.js';
import { generationEventSchema, MAX_COST_USD, MAX_LATENCY_MS, MAX_TOKENS } from '../../../src/event/generation-event-schema.js';

/** zod's output with keys whose value is undefined dropped (the fast path omits them; readers cannot tell). */
const zodOutput = (v: unknown) => {
  const r = generationEventSchema.safeParse(v);
  return r.success ? JSON.parse(JSON.stringify(r.data)) : undefined;
};

// Each field is well-formed most of the time and otherwise takes a value near or across a boundary the schema
// draws, or the wrong type, so that most events differ from a valid one in zero or one field.
const edgyNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 0.5, 1, MAX_TOKENS, MAX_TOKENS + 1, MAX_COST_USD, MAX_COST_USD + 0.01, MAX_LATENCY_MS, MAX_LATENCY_MS + 1),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_SAFE_INTEGER, 1e-9),
  fc.double(),
);
const wrong = fc.oneof(fc.constant(null), fc.boolean(), fc.string({ maxLength: 5 }), fc.array(fc.nat(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
const field = <T, U>(valid: fc.Arbitrary<T>, edgy: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: fc.oneof(edgy, wrong) });
// An optional field is absent, null (read as absent), well-formed or edgy.
const optional = <T, U>(valid: fc.Arbitrary<T>, edgy: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: field(valid, edgy) });
const text = (max: number) => field(fc.string({ minLength: 1, maxLength: max }), fc.constantFrom('', 'x'.repeat(max), 'x'.repeat(max + 1)));
const tokens = field(fc.nat({ max: MAX_TOKENS }), edgyNumber);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** ISO-8601-shaped strings whose fields range across the calendar's limits (month 13, day 30 of February, 24:00, …). */
const isoLike = fc
  .record({
    y: fc.oneof(fc.integer({ min: 2000, max: 2199 }), fc.constantFrom(1999, 2200, 2024, 2100, 2000)),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.oneof(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 32 })),
    time: fc.option(
      fc.record({
        h: fc.integer({ min: 0, max: 25 }),
        mi: fc.integer({ min: 0, max: 60 }),
        s: fc.option(fc.integer({ min: 0, max: 61 }), { nil: undefined }),
        frac: fc.option(fc.stringMatching(/^[0-9]{0,10}$/), { nil: undefined }),
        zone: fc.oneof(
          fc.constantFrom('', 'Z', '+00:00', '-00:00', '+0530', '-12:00', '+14:00', '+24:00', '+01:60', 'z', '+1'),
          fc.record({ sign: fc.constantFrom('+', '-'), h: fc.integer({ min: 0, max: 24 }), m: fc.integer({ min: 0, max: 60 }), colon: fc.boolean() })
            .map((o) => `${o.sign}${pad(o.h)}${o.colon ? ':' : ''}${pad(o.m)}`),
        ),
      }),
      { nil: undefined },
    ),
  })
  .map(({ y, mo, d, time }) => {
    const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
    if (!time) return date;
    const sec = time.s === undefined ? '' : `:${pad(time.s)}${time.frac === undefined ? '' : `.${time.frac}`}`;
    return `${date}T${pad(time.h)}:${pad(time.mi)}${sec}${time.zone}`;
  });
const createdAt = field(
  fc.oneof(
    fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2199, 11, 31) }),
    fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString()),
    // Without an offset (UTC), and with minutes only.
    fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19)),
    fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 16)),
    isoLike,
  ),
  fc.oneof(
    fc.constantFrom(Date.UTC(2000, 0, 1) - 1, Date.UTC(2200, 0, 1), Date.UTC(2200, 0, 1) - 0.5, 1.5e12 + 0.25),
    fc.constantFrom('2025-06-02', '2025-06-02T10:00', '2025-06-02T10:00:00+02:00', '2025-06-02T10:00:00.123456789Z', '2025-13-45T00:00:00Z', 'June 2, 2025', '', '1999-12-31T23:59:59Z'),
    fc.constantFrom('2025-02-30', '2024-02-29', '2100-02-29', '2025-06-03T24:00:00Z', '2016-12-31T23:59:60Z', '2025-06-03T10:00:00.Z', '2025-06-03 10:00:00', '2025-06-03T10'),
    edgyNumber,
  ),
);
const part = field(fc.record({ type: fc.constantFrom('text', 'image_url'), text: fc.string() }), fc.record({ text: fc.string() }));
const message = field(
  fc.record({ role: field(fc.constantFrom('user', 'system'), fc.nat()), content: field(fc.oneof(fc.string(), fc.array(part, { maxLength: 3 })), fc.nat()) }, { requiredKeys: [] }),
  fc.constant(undefined),
);
const event = fc.record(
  {
    id: text(256),
    createdAt,
    model: text(256),
    provider: optional(fc.string({ maxLength: 256 }), fc.constant('p'.repeat(257))),
    usage: field(
      fc.record(
        { promptTokens: tokens, completionTokens: tokens, reasoningTokens: optional(tokens, edgyNumber), cachedTokens: optional(tokens, edgyNumber), extra: fc.string() },
        { requiredKeys: ['promptTokens', 'completionTokens'] },
      ),
      fc.record({ promptTokens: tokens }),
    ),
    costUsd: optional(fc.double({ min: 0, max: MAX_COST_USD, noNaN: true }), edgyNumber),
    latencyMs: optional(fc.double({ min: 0, max: MAX_LATENCY_MS, noNaN: true }), edgyNumber),
    finishReason: optional(fc.constantFrom('stop', 'length', 'tool_calls', 'content_filter', 'error', 'end_turn', ''), fc.constant(null)),
    toolsProvided: optional(fc.boolean(), fc.constant(1)),
    streamed: optional(fc.boolean(), fc.constant('true')),
    cancelled: optional(fc.boolean(), fc.constant(0)),
    userId: optional(fc.string({ maxLength: 1024 }), fc.constant('u'.repeat(1025))),
    billingCountry: optional(
      fc.oneof(fc.constantFrom('US', 'de', 'Fr', 'XK', 'xk', 'ss', 'BQ'), fc.stringMatching(/^[A-Za-z]{2}$/)),
      fc.constantFrom('USA', 'U1', '', ' US', 'ZZ', 'zz', 'UK', 'EU', 'AA', 'É1'),
    ),
    consent: optional(fc.constantFrom('granted', 'denied'), fc.constantFrom('yes', 'GRANTED')),
    prompt: optional(fc.oneof(fc.string(), fc.array(message, { maxLength: 4 })), fc.nat()),
    unknownField: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
  },
  { requiredKeys: ['id', 'createdAt', 'model', 'usage'] },
);

describe('fastParseEvent agrees with the zod schema', () => {
  it('whenever it answers, zod accepts with the same output; whenever zod rejects, it does not answer', () => {
    fc.assert(
      fc.property(event, (e) => {
        const fast = fastParseEvent(e as Record<string, unknown>);
        const slow = zodOutput(e);
        if (fast !== undefined) expect(JSON.parse(JSON.stringify(fast))).toEqual(slow);
        if (slow === undefined) expect(fast).toBeUndefined();
      }),
      { numRuns: 10_000 },
    );
  });

  it('answers for well-formed events, the common case it exists for', () => {
    const wellFormed = fc.record({
      id: fc.string({ minLength: 1, maxLength: 256 }),
      createdAt: fc.oneof(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2199, 11, 31) }),
        fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2199, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString()),
        fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2199, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19)),
      ),
      model: fc.string({ minLength: 1, maxLength: 256 }),
      provider: fc.constantFrom(null, 'openai'),
      costUsd: fc.constantFrom(null, 0.25),
      usage: fc.record({ promptTokens: fc.nat({ max: MAX_TOKENS }), completionTokens: fc.nat({ max: MAX_TOKENS }) }),
      finishReason: fc.constantFrom('stop', 'tool_calls', 'something-else'),
      billingCountry: fc.constantFrom('US', 'cn', 'xk', null),
      prompt: fc.oneof(fc.string(), fc.array(fc.record({ role: fc.constant('user'), content: fc.string() }))),
    });
    fc.assert(
      fc.property(wellFormed, (e) => {
        const fast = fastParseEvent(e);
        expect(fast).toBeDefined();
        expect(JSON.parse(JSON.stringify(fast))).toEqual(zodOutput(e));
      }),
      { numRuns: 2000 },
    );
  });
});
