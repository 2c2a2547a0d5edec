import type { IngestFormat } from '../ingest-format.js';
import { createJsonRecordsFormat } from '../json-records-format.js';
import { litellmPayloadToEvent } from './litellm-payload-to-event.js';

/**
 * LiteLLM's generic_api logging callback at POST /v1/litellm. LiteLLM labels every log_format application/json:
 * json_array (default) is a JSON array, single is one object, ndjson is one object per line.
 */
export function createLitellmFormat(): IngestFormat {
  return createJsonRecordsFormat({
    kind: 'litellm',
    httpPath: '/v1/litellm',
    recordsName: 'LiteLLM StandardLoggingPayload records',
    mapItem: litellmPayloadToEvent,
  });
}
