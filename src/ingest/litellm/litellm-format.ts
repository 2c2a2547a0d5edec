import type { IngestFormat } from '../ingest-format.js';
import { requireContentType } from '../content-type.js';
import { decodeJsonRecordLine, decodeJsonRecordsBody } from '../json-records.js';
import { jsonOutcomeAnswer } from '../json-outcome-answer.js';
import { litellmPayloadToEvent } from './litellm-payload-to-event.js';

const CONTENT_TYPES = ['application/json', 'application/x-ndjson'] as const;

/**
 * LiteLLM's generic_api logging callback at POST /v1/litellm. LiteLLM labels every log_format application/json:
 * json_array (default) is a JSON array, single is one object, ndjson is one object per line.
 */
export function createLitellmFormat(): IngestFormat {
  return {
    kind: 'litellm',
    httpPath: '/v1/litellm',
    contentTypes: CONTENT_TYPES,
    decodeBody(body, contentType) {
      requireContentType(contentType, CONTENT_TYPES, 'POST /v1/litellm');
      return decodeJsonRecordsBody(body, 'LiteLLM StandardLoggingPayload records', litellmPayloadToEvent);
    },
    decodeLine(line, lineNumber) {
      return decodeJsonRecordLine(line, lineNumber, litellmPayloadToEvent);
    },
    answer(outcome) {
      return jsonOutcomeAnswer(outcome);
    },
  };
}
