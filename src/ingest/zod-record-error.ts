import type { z } from 'zod';
import type { EventError } from '../event/event-error.js';

/**
 * The first problem zod found in one source record, as an EventError naming the source field path
 * ("metadata.user_api_key_user_id"). Zod messages name types and limits, never input values, so no text leaks.
 * Parse with `{ error: recordIssueMessage }` so that checks without a message of their own read as sentences too.
 */
export function zodRecordError(error: z.ZodError, pathPrefix = ''): EventError {
  const [first, ...rest] = error.issues;
  const path = first?.path.map(String).join('.') ?? '';
  const field = pathPrefix + path || '(event)';
  const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''} in this record)` : '';
  return { field, code: 'invalid_field', message: `${first?.message ?? 'is invalid'}${more}` };
}

/**
 * A per-parse zod error map: a short sentence for every issue whose schema gave no message of its own, phrased to
 * follow the field name ("usage must be an object"). It never quotes the input, so prompt text cannot leak.
 */
export function recordIssueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${article(String(issue.expected))}`;
    case 'too_big':
      return issue.origin === 'int' || (issue.origin === 'number' && Number(issue.maximum) === Number.MAX_SAFE_INTEGER)
        ? 'is too large to be an exact integer'
        : `must be at most ${String(issue.maximum)}${unit(issue.origin)}`;
    case 'too_small':
      return Number(issue.minimum) === 0 && issue.origin === 'number'
        ? 'must not be negative'
        : `must be at least ${String(issue.minimum)}${unit(issue.origin)}`;
    case 'invalid_format':
      return `must be ${article(String(issue.format))} string`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return 'has none of the accepted types';
    default:
      return 'is invalid';
  }
}

/** The record is not a JSON object. */
export function notAnObjectError(what: string): EventError {
  return { field: '(event)', code: 'not_an_object', message: `${what} must be a JSON object` };
}

function article(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function unit(origin: unknown): string {
  if (origin === 'string') return ' characters';
  if (origin === 'array' || origin === 'set') return ' items';
  return '';
}
