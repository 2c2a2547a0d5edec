import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TOKENS } from '../../../src/event/generation-event-schema.js';
import { parseEvent, parseEventLine } from '../../../src/event/parse-event.js';

const anyJson = fc.jsonValue({ maxDepth: 4 });
const validEvent = fc.record({
  id: fc.string({ minLength: 1, maxLength: 256 }),
  createdAt: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2199, 11, 31) }),
  model: fc.string({ minLength: 1, maxLength: 256 }),
  usage: fc.record({ promptTokens: fc.nat({ max: MAX_TOKENS }), completionTokens: fc.nat({ max: MAX_TOKENS }) }),
  prompt: fc.oneof(fc.string(), fc.array(fc.record({ role: fc.constantFrom('user', 'system'), content: fc.string() }))),
});

describe('parseEvent (property-based)', () => {
  it('never throws; every failure names a field, a known code and a sentence', () => {
    fc.assert(
      fc.property(fc.oneof(anyJson, fc.object({ maxDepth: 3 }), validEvent), (value) => {
        const r = parseEvent(value);
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) {
            expect(e.field.length).toBeGreaterThan(0);
            expect(['invalid_field', 'not_an_object']).toContain(e.code);
            expect(e.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every well-formed event and keeps its counts exactly', () => {
    fc.assert(
      fc.property(validEvent, (e) => {
        const r = parseEvent(e);
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.event.usage.promptTokens).toBe(e.usage.promptTokens);
          expect(r.event.createdAt).toBe(e.createdAt);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a single corrupted field is rejected and named, whatever else the event holds', () => {
    const corrupt = fc.constantFrom(
      ['usage.promptTokens', (e: Record<string, any>, v: unknown) => ({ ...e, usage: { ...e.usage, promptTokens: v } })] as const,
      ['createdAt', (e: Record<string, any>, v: unknown) => ({ ...e, createdAt: v })] as const,
      ['model', (e: Record<string, any>, v: unknown) => ({ ...e, model: v })] as const,
    );
    const bad = fc.oneof(fc.constant(-1), fc.constant(1.5), fc.constant(MAX_TOKENS + 1), fc.constant(null), fc.boolean(), fc.object({ maxDepth: 1 }), fc.array(fc.nat(), { maxLength: 2 }));
    fc.assert(
      fc.property(validEvent, corrupt, bad, (e, [field, apply], v) => {
        // Values that happen to be valid for the field are skipped.
        if (field === 'createdAt' && typeof v === 'number' && Number.isInteger(v) && v >= Date.UTC(2000, 0, 1)) return;
        const r = parseEvent(apply(e, v));
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.errors.map((x) => x.field)).toContain(field);
      }),
      { numRuns: 1000 },
    );
  });

  it('parseEventLine never throws on any text (including lone surrogates and control characters) and never quotes it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const r = parseEventLine(`${text}SECRET`);
        if (!r.ok) for (const e of r.errors) expect(e.message).not.toContain('SECRET');
      }),
      { numRuns: 2000 },
    );
  });

  it('prototype keys never pollute Object.prototype', () => {
    fc.assert(
      fc.property(validEvent, fc.string({ maxLength: 10 }), (e, key) => {
        const line = JSON.stringify(e).replace(/^\{/, `{"__proto__":{"${key.replace(/["\\]/g, '')}x":1},"constructor":{"prototype":{"polluted":1}},`);
        parseEventLine(line);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
