import type { EventError } from './event-error.js';
import { fastParseEvent } from './fast-parse-event.js';
import { generationEventSchema, type GenerationEvent } from './generation-event-schema.js';

export type ParseResult = { ok: true; event: GenerationEvent } | { ok: false; errors: EventError[] };

/** Validate one decoded JSON value as a v1 generation event. Pure; never throws on data. */
export function parseEvent(value: unknown): ParseResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, errors: [{ field: '(event)', code: 'not_an_object', message: 'event must be a JSON object' }] };
  }
  const fast = fastParseEvent(value as Record<string, unknown>);
  if (fast) return { ok: true, event: fast };
  const r = generationEventSchema.safeParse(value);
  if (r.success) return { ok: true, event: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => ({
      field: i.path.length ? i.path.map(String).join('.') : '(event)',
      code: 'invalid_field',
      message: i.message,
    })),
  };
}

/** Decode a JSON text (one NDJSON line) and validate it. */
export function parseEventLine(line: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return {
      ok: false,
      errors: [{ field: '(line)', code: 'invalid_json', message: `not valid JSON (${(err as Error).message.replace(/".*"/s, '…')})` }],
    };
  }
  return parseEvent(value);
}
