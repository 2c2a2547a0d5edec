import type { IngestFormat } from '../ingest-format.js';
import { requireContentType } from '../content-type.js';
import { decodeJsonRecordLine, decodeJsonRecordsBody, type JsonItemMapper } from '../json-records.js';
import { jsonOutcomeAnswer } from '../json-outcome-answer.js';

const CONTENT_TYPES = ['application/json', 'application/x-ndjson'] as const;

/** The native format is already v1: every item is handed to parseEvent as it is. */
const passThrough: JsonItemMapper = (value, ref) => ({ ref, value });

/**
 * The native v1 format at POST /v1/events: a JSON event, a JSON array of events, or NDJSON (application/x-ndjson,
 * or application/json whose body is not one JSON value). Replay lines are single JSON events.
 */
export function createEventsFormat(): IngestFormat {
  return {
    kind: 'events',
    httpPath: '/v1/events',
    contentTypes: CONTENT_TYPES,
    decodeBody(body, contentType) {
      requireContentType(contentType, CONTENT_TYPES, 'POST /v1/events');
      return decodeJsonRecordsBody(body, 'generation events', passThrough);
    },
    decodeLine(line, lineNumber) {
      return decodeJsonRecordLine(line, lineNumber, passThrough);
    },
    answer(outcome) {
      return jsonOutcomeAnswer(outcome);
    },
  };
}
