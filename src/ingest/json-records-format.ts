import type { IngestFormat } from './ingest-format.js';
import { requireContentType } from './content-type.js';
import { decodeJsonRecordLine, decodeJsonRecordsBody, type JsonItemMapper } from './json-records.js';
import { jsonOutcomeAnswer } from './json-outcome-answer.js';

const CONTENT_TYPES = ['application/json', 'application/x-ndjson'] as const;

/**
 * An ingest format whose records arrive as JSON (one object, an array, or NDJSON; per line on replay) and answer in
 * the shared JSON outcome shape. Only the record mapping and the route differ between such formats.
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
    contentTypes: CONTENT_TYPES,
    decodeBody(body, contentType) {
      requireContentType(contentType, CONTENT_TYPES, route);
      return decodeJsonRecordsBody(body, spec.recordsName, spec.mapItem);
    },
    decodeLine(line, lineNumber) {
      return decodeJsonRecordLine(line, lineNumber, spec.mapItem);
    },
    answer(outcome) {
      return jsonOutcomeAnswer(outcome);
    },
  };
}
