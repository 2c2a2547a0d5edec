import type { z } from 'zod';
import type { EventError } from '../event/event-error.js';

/**
 * The first problem zod found in one source record, as an EventError naming the source field path
 * ("metadata.user_api_key_user_id"). Zod messages name types and limits, never input values, so no text leaks.
 */
export function zodRecordError(error: z.ZodError, pathPrefix = ''): EventError {
  const [first, ...rest] = error.issues;
  const path = first?.path.map(String).join('.') ?? '';
  const field = pathPrefix + path || '(event)';
  const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''} in this record)` : '';
  return { field, code: 'invalid_field', message: `${first?.message ?? 'is invalid'}${more}` };
}

/** The record is not a JSON object. */
export function notAnObjectError(what: string): EventError {
  return { field: '(event)', code: 'not_an_object', message: `${what} must be a JSON object` };
}
