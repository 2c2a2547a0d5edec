import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerptOf } from '../../../src/event/excerpt.js';

const codePoints = (s: string) => [...s].length;
const anyText = fc.string({ unit: 'binary', maxLength: 400 });
const messages = fc.array(
  fc.record({
    role: fc.constantFrom('user', 'system', 'assistant'),
    content: fc.oneof(
      anyText,
      fc.constant(null),
      fc.array(fc.oneof(fc.record({ type: fc.constant('text'), text: anyText }), fc.record({ type: fc.constant('image_url'), url: fc.string() })), { maxLength: 4 }),
    ),
  }),
  { maxLength: 6 },
);

describe('excerptOf (property-based)', () => {
  it('is well-formed UTF-16 and at most maxChars code points, for any text and any cut', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, messages), fc.integer({ min: 1, max: 500 }), (prompt, max) => {
        const x = excerptOf(prompt as never, max);
        expect(x.isWellFormed()).toBe(true);
        expect(codePoints(x)).toBeLessThanOrEqual(max);
      }),
      { numRuns: 3000 },
    );
  });

  it('a well-formed string prompt yields exactly its first maxChars code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 1, max: 400 }), (s, max) => {
        expect(excerptOf(s, max)).toBe([...s].slice(0, max).join(''));
      }),
      { numRuns: 2000 },
    );
  });

  it('is a prefix of the joined message texts (lone surrogates replaced)', () => {
    fc.assert(
      fc.property(messages, fc.integer({ min: 1, max: 300 }), (msgs, max) => {
        const full = excerptOf(msgs as never, 1_000_000);
        const x = excerptOf(msgs as never, max);
        expect(full.startsWith(x)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('costs no more for a 10 MB prompt than for a short one (reads only up to the cut)', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const start = process.hrtime.bigint();
    for (let i = 0; i < 200; i++) excerptOf(huge, 1000);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    expect(codePoints(excerptOf(huge, 1000))).toBe(1000);
    expect(ms).toBeLessThan(500);
  });
});
