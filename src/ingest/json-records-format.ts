import type { IngestFormat } from './ingest-format.js';
import { jsonBodyMode, JSON_RECORD_CONTENT_TYPES, looksLikeJson, notJsonUntypedError } from './json-content-types.js';
import { jsonErrorAnswer } from './json-error-answer.js';
import { decodeJsonRecordLine, decodeJsonRecordsBody, type JsonItemMapper } from './json-records.js';
import { jsonOutcomeAnswer } from './json-outcome-answer.js';

/**
 * An ingest format whose records arrive as JSON (one object, an array, or NDJSON; per line on replay) and answer in
 * the shared JSON outcome shape. Only the record mapping and the route differ between such formats.
 * Content types: application/json, the NDJSON names (application/x-ndjson, application/ndjson, application/jsonl,
 * application/x-jsonlines), and, for clients that set none or text/plain, any body that looks like JSON.
 */
export function createJsonRecordsFormat(spec: {
  kind: 'events' | 'litellm' | 'openrouter';
  httpPath: string;
  /** What the records are called in error messages, e.g. "generation events". */
  recordsName: string;
  mapItem: JsonItemMapper;
}): IngestFormat {
  const route = `POST ${spec.httpPath}`;
  return {
    kind: spec.kind,
    httpPath: spec.httpPath,
    contentTypes: JSON_RECORD_CONTENT_TYPES,
    checkContentType(contentType) {
      jsonBodyMode(contentType, route);
    },
    decodeBody(body, contentType) {
      let mode = jsonBodyMode(contentType, route);
      if (mode === 'sniff') {
        const head = body.subarray(0, 4096).toString('utf8');
        // An empty untyped body gets the same 400 empty_body as an empty typed one.
        if (head.trim() !== '' && !looksLikeJson(head)) throw notJsonUntypedError(contentType, route);
        mode = 'json';
      }
      return decodeJsonRecordsBody(body, spec.recordsName, spec.mapItem, mode);
    },
    decodeLine(line, lineNumber) {
      return decodeJsonRecordLine(line, lineNumber, spec.mapItem);
    },
    answer(outcome) {
      return jsonOutcomeAnswer(outcome);
    },
    errorAnswer(error) {
      return jsonErrorAnswer(error);
    },
  };
}
