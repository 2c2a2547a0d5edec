import type { DecodedRecord, DecodeResult } from './ingest-format.js';
import { IngestBodyError } from './ingest-body-error.js';
import type { JsonBodyMode } from './json-content-types.js';
import { invalidJsonMessage, parseJsonText } from './json-text.js';

/** Maps one decoded JSON item (an array element, the whole body or one NDJSON line) to a record. */
export type JsonItemMapper = (value: unknown, ref: string) => DecodedRecord;

/**
 * Decode a body that holds JSON records. In `json` mode (application/json, or an untyped body that looks like JSON)
 * the body is one JSON object, a JSON array of objects, or, when it is not one JSON value, NDJSON: several gateways
 * send NDJSON labelled application/json. In `ndjson` mode every non-blank line is one record. In NDJSON one line is
 * one record: a line holding an array is rejected as one record, never expanded. Throws IngestBodyError 400 when
 * the body is empty or when no part of it is JSON. `what` names the expected records in error messages
 * ("generation events", "LiteLLM logging payloads").
 */
export function decodeJsonRecordsBody(body: Buffer, what: string, mapItem: JsonItemMapper, mode: JsonBodyMode = 'json'): DecodeResult {
  const text = stripBom(body.toString('utf8'));
  if (text.trim() === '') {
    throw new IngestBodyError(400, `The request body is empty; send ${what} as a JSON object, a JSON array or NDJSON.`, 'empty_body');
  }
  const whole = mode === 'ndjson' ? undefined : parseJsonText(text);
  if (whole?.ok) {
    const v = whole.value;
    if (Array.isArray(v)) return { records: v.map((item, i) => mapItem(item, `[${i}]`)), ignored: {} };
    if (v !== null && typeof v === 'object') return { records: [mapItem(v, '(body)')], ignored: {} };
    throw new IngestBodyError(
      400,
      `The request body is a JSON ${v === null ? 'null' : typeof v}, not ${what}; send a JSON object, a JSON array of objects or NDJSON.`,
    );
  }
  const records: DecodedRecord[] = [];
  let parsedLines = 0;
  let firstFailure: { position?: number } | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const ref = `line ${i + 1}`;
    const p = parseJsonText(line);
    if (p.ok) {
      parsedLines++;
      records.push(lineRecord(p.value, ref, mapItem));
    } else {
      firstFailure ??= p;
      records.push(invalidJsonRecord(ref, p));
    }
  }
  if (parsedLines === 0) {
    const why = invalidJsonMessage(whole && !whole.ok ? whole : (firstFailure ?? {}));
    throw new IngestBodyError(
      400,
      `The request body is not JSON and not NDJSON (${why}); send ${what} as a JSON object, a JSON array or one JSON object per line.`,
    );
  }
  return { records, ignored: {} };
}

/** Decode one archive line holding one JSON record. Never throws on data. */
export function decodeJsonRecordLine(line: string, lineNumber: number, mapItem: JsonItemMapper): DecodeResult {
  const text = stripBom(line).trim();
  if (text === '') return { records: [], ignored: {} };
  const ref = `line ${lineNumber}`;
  const p = parseJsonText(text);
  if (!p.ok) return { records: [invalidJsonRecord(ref, p)], ignored: {} };
  return { records: [lineRecord(p.value, ref, mapItem)], ignored: {} };
}

/** One NDJSON line is one record: an array on a line is one rejected record, not several. */
function lineRecord(value: unknown, ref: string, mapItem: JsonItemMapper): DecodedRecord {
  if (Array.isArray(value)) {
    return { ref, error: { field: '(line)', code: 'not_an_object', message: 'holds a JSON array; in NDJSON each line must be one JSON object' } };
  }
  return mapItem(value, ref);
}

function invalidJsonRecord(ref: string, p: { position?: number }): DecodedRecord {
  return { ref, error: { field: '(line)', code: 'invalid_json', message: invalidJsonMessage(p) } };
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
