/** Why one event was rejected: which field and why. Never carries prompt text. */
export interface EventError {
  /** Dotted path of the offending field ("usage.promptTokens"), or "(event)" / "(line)". */
  field: string;
  /** Stable code used to count rejections: invalid_json, invalid_field, not_an_object, too_large, duplicate_id. */
  code: string;
  /** Human sentence, e.g. "must not be negative". */
  message: string;
}

export function formatEventError(e: EventError): string {
  return e.field.startsWith('(') ? `${e.message}` : `${e.field} ${e.message}`;
}
