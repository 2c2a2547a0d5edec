import type { EventError } from '../event/event-error.js';
import { parseEvent } from '../event/parse-event.js';
import type { EventProducer } from '../queue/event-producer.js';

export interface DecodedLike {
  ref: string;
  value?: unknown;
  error?: EventError;
}

export interface AcceptOutcome {
  accepted: number;
  sampled: number;
  rejected: number;
  /** Rejections: where, which field, why. Never any prompt text. */
  errors: Array<{ ref: string; field: string; code: string; message: string }>;
  /** Writes of the batches this call's events went into. */
  batches: Set<Promise<void>>;
}

/** Validate decoded records and hand the valid ones to the producer (edge stage + batching). */
export function acceptRecords(records: Iterable<DecodedLike>, producer: EventProducer, maxErrors = 100): AcceptOutcome {
  const out: AcceptOutcome = { accepted: 0, sampled: 0, rejected: 0, errors: [], batches: new Set() };
  const reject = (ref: string, e: EventError) => {
    out.rejected++;
    if (out.errors.length < maxErrors) out.errors.push({ ref, field: e.field, code: e.code, message: e.message });
  };
  for (const rec of records) {
    if (rec.error) {
      reject(rec.ref, rec.error);
      continue;
    }
    const parsed = parseEvent(rec.value);
    if (!parsed.ok) {
      for (const e of parsed.errors) {
        out.errors.length < maxErrors && out.errors.push({ ref: rec.ref, field: e.field, code: e.code, message: e.message });
      }
      out.rejected++;
      continue;
    }
    const r = producer.submit(parsed.event);
    if (r === 'duplicate') {
      reject(rec.ref, { field: 'id', code: 'duplicate_id', message: 'repeats an id already in this batch' });
      continue;
    }
    out.accepted++;
    if (r === 'sampled') out.sampled++;
    out.batches.add(producer.lastBatch());
  }
  return out;
}
