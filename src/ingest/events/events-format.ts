import type { IngestFormat } from '../ingest-format.js';
import type { JsonItemMapper } from '../json-records.js';
import { createJsonRecordsFormat } from '../json-records-format.js';

/** The native format is already v1: every item is handed to parseEvent as it is. */
const passThrough: JsonItemMapper = (value, ref) => ({ ref, value });

/**
 * The native v1 format at POST /v1/events: a JSON event, a JSON array of events, or NDJSON (application/x-ndjson,
 * or application/json whose body is not one JSON value). Replay lines are single JSON events.
 */
export function createEventsFormat(): IngestFormat {
  return createJsonRecordsFormat({ kind: 'events', httpPath: '/v1/events', recordsName: 'generation events', mapItem: passThrough });
}
