import { normalizeContentType } from './content-type.js';
import { IngestBodyError } from './ingest-body-error.js';

export const JSON_CONTENT_TYPE = 'application/json';
/** The names NDJSON goes by: one JSON value per line. */
export const NDJSON_CONTENT_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines'] as const;
/** What the JSON-record formats (events, litellm, openrouter) declare. */
export const JSON_RECORD_CONTENT_TYPES = [JSON_CONTENT_TYPE, ...NDJSON_CONTENT_TYPES] as const;
/**
 * Content types a client sends when it did not choose one: none at all, or text/plain (what `fetch` and many HTTP
 * libraries put on a string body). Such a body is read as JSON when it looks like JSON, and refused otherwise.
 */
export const SNIFFED_CONTENT_TYPES = ['', 'text/plain'] as const;

/**
 * How a JSON-record body is read: `json` (one JSON value, else NDJSON), `ndjson` (one record per line, strictly),
 * or `sniff` (untyped: read as `json` if the body looks like JSON).
 */
export type JsonBodyMode = 'json' | 'ndjson' | 'sniff';

/** The reading mode for a Content-Type header value, or IngestBodyError 415 listing what is accepted. */
export function jsonBodyMode(contentType: string | undefined, route: string): JsonBodyMode {
  const ct = normalizeContentType(contentType);
  if (ct === JSON_CONTENT_TYPE) return 'json';
  if ((NDJSON_CONTENT_TYPES as readonly string[]).includes(ct)) return 'ndjson';
  if ((SNIFFED_CONTENT_TYPES as readonly string[]).includes(ct)) return 'sniff';
  throw new IngestBodyError(415, `${route} does not accept Content-Type ${JSON.stringify(ct.slice(0, 100))}. ${ACCEPTED}`);
}

/** True when the text (BOM and leading white space aside) starts like a JSON object or array. */
export function looksLikeJson(text: string): boolean {
  const m = /^\uFEFF?\s*([[{])/.exec(text);
  return m !== null;
}

/** The 415 for an untyped body that is not JSON. */
export function notJsonUntypedError(contentType: string | undefined, route: string): IngestBodyError {
  const ct = normalizeContentType(contentType);
  const got = ct === '' ? 'no Content-Type' : `Content-Type ${JSON.stringify(ct)}`;
  return new IngestBodyError(415, `${route} got a body with ${got} that does not start with "{" or "["; it is read as JSON only when it looks like JSON. ${ACCEPTED}`);
}

const ACCEPTED =
  `Send the records as ${JSON_CONTENT_TYPE} (one object or an array), or as NDJSON (one object per line) with ` +
  `${NDJSON_CONTENT_TYPES.join(', ')}; a JSON body with no Content-Type or text/plain is accepted too.`;
