import type { IngestFormat } from '../ingest-format.js';
import { requireContentType } from '../content-type.js';
import { decodeJsonRecordLine, decodeJsonRecordsBody } from '../json-records.js';
import { jsonOutcomeAnswer } from '../json-outcome-answer.js';
import { generationToEvent } from './generation-to-event.js';

const CONTENT_TYPES = ['application/json', 'application/x-ndjson'] as const;

/**
 * OpenRouter generation records (the JSON of GET /api/v1/generation) at POST /v1/openrouter: a record, bare or
 * wrapped in {"data": …}, a JSON array of them, or one per line.
 */
export function createOpenrouterFormat(): IngestFormat {
  return {
    kind: 'openrouter',
    httpPath: '/v1/openrouter',
    contentTypes: CONTENT_TYPES,
    decodeBody(body, contentType) {
      requireContentType(contentType, CONTENT_TYPES, 'POST /v1/openrouter');
      return decodeJsonRecordsBody(body, 'OpenRouter generation records', generationToEvent);
    },
    decodeLine(line, lineNumber) {
      return decodeJsonRecordLine(line, lineNumber, generationToEvent);
    },
    answer(outcome) {
      return jsonOutcomeAnswer(outcome);
    },
  };
}
