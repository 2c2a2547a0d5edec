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
    [{ ...valid, createdAt: '2025-13-45' }, 'createdAt: is not a valid date'],
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
    [{ ...valid, consent: 'maybe' }, 'consent: must be "granted" or "denied"'],
    [{ ...valid, prompt: 42 }, 'prompt: must be a string or an array of chat messages'],
  ])('rejects %j with the field and reason', (event, expected) => {
    expect(errorsOf(event)).toContain(expected);
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
