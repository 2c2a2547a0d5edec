import type { IngestFormat } from '../ingest-format.js';
import { createJsonRecordsFormat } from '../json-records-format.js';
import { generationToEvent } from './generation-to-event.js';

/**
 * OpenRouter generation records (the JSON of GET /api/v1/generation) at POST /v1/openrouter: a record, bare or
 * wrapped in {"data": …}, a JSON array of them, or one per line.
 */
export function createOpenrouterFormat(): IngestFormat {
  return createJsonRecordsFormat({
    kind: 'openrouter',
    httpPath: '/v1/openrouter',
    recordsName: 'OpenRouter generation records',
    mapItem: generationToEvent,
  });
}
