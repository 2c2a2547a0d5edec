import type { DecodedRecord, DecodeResult } from './ingest-format.js';
import { IngestBodyError } from './ingest-body-error.js';
import { invalidJsonMessage, parseJsonText } from './json-text.js';

/** Maps one decoded JSON item (an array element, the whole body or one NDJSON line) to a record. */
export type JsonItemMapper = (value: unknown, ref: string) => DecodedRecord;

/**
 * Decode a body that holds JSON records: one JSON object, a JSON array of objects, or NDJSON (one JSON value per
 * line). NDJSON is recognised whatever the content type says, because several gateways send NDJSON labelled
 * application/json. Throws IngestBodyError 400 when the body is empty or when no part of it is JSON.
 * `what` names the expected records in error messages ("generation events", "LiteLLM logging payloads").
 */
export function decodeJsonRecordsBody(body: Buffer, what: string, mapItem: JsonItemMapper): DecodeResult {
  const text = stripBom(body.toString('utf8'));
  if (text.trim() === '') {
    throw new IngestBodyError(400, `The request body is empty; send ${what} as a JSON object, a JSON array or NDJSON.`);
  }
  const whole = parseJsonText(text);
  if (whole.ok) {
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
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const ref = `line ${i + 1}`;
    const p = parseJsonText(line);
    if (p.ok) {
      parsedLines++;
      records.push(...expandLineValue(p.value, ref, mapItem));
    } else {
      records.push(invalidJsonRecord(ref, p));
    }
  }
  if (parsedLines === 0) {
    throw new IngestBodyError(
      400,
      `The request body is not JSON and not NDJSON (${invalidJsonMessage(whole)}); send ${what} as a JSON object, a JSON array or one JSON object per line.`,
    );
  }
  return { records, ignored: {} };
}

/** Decode one archive line holding a JSON record (or a JSON array of records). Never throws on data. */
export function decodeJsonRecordLine(line: string, lineNumber: number, mapItem: JsonItemMapper): DecodeResult {
  const text = stripBom(line).trim();
  if (text === '') return { records: [], ignored: {} };
  const ref = `line ${lineNumber}`;
  const p = parseJsonText(text);
  if (!p.ok) return { records: [invalidJsonRecord(ref, p)], ignored: {} };
  return { records: expandLineValue(p.value, ref, mapItem), ignored: {} };
}

function expandLineValue(value: unknown, ref: string, mapItem: JsonItemMapper): DecodedRecord[] {
  if (Array.isArray(value)) return value.map((item, i) => mapItem(item, `${ref}[${i}]`));
  return [mapItem(value, ref)];
}

function invalidJsonRecord(ref: string, p: { position?: number }): DecodedRecord {
  return { ref, error: { field: '(line)', code: 'invalid_json', message: invalidJsonMessage(p) } };
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
