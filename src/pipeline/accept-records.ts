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
  /** Rejections: where, which field, why (every error of a record, at most `maxErrors` in all). Never prompt text. */
  errors: Array<{ ref: string; field: string; code: string; message: string }>;
  /** Errors not kept in `errors` because `maxErrors` was reached. */
  errorsOmitted: number;
  /** Rejected records by the code of their first error; every rejected record is counted, whatever `maxErrors`. */
  rejectedByCode: Map<string, number>;
  /** Writes of the batches this call's events went into. */
  batches: Set<Promise<void>>;
}

export interface AcceptOptions {
  /** At most this many errors are kept in `errors` (the counts are never capped). */
  maxErrors?: number;
  /** Called once per rejected record with its ref and its first error. */
  onReject?: (ref: string, error: EventError) => void;
}

/** Validate decoded records and hand the valid ones to the producer (edge stage + batching). */
export function acceptRecords(records: Iterable<DecodedLike>, producer: EventProducer, options: AcceptOptions = {}): AcceptOutcome {
  const maxErrors = options.maxErrors ?? 100;
  const out: AcceptOutcome = { accepted: 0, sampled: 0, rejected: 0, errors: [], errorsOmitted: 0, rejectedByCode: new Map(), batches: new Set() };
  const reject = (ref: string, errors: readonly EventError[]) => {
    out.rejected++;
    const first = errors[0]!;
    out.rejectedByCode.set(first.code, (out.rejectedByCode.get(first.code) ?? 0) + 1);
    options.onReject?.(ref, first);
    for (const e of errors) {
      if (out.errors.length >= maxErrors) out.errorsOmitted++;
      else out.errors.push({ ref, field: e.field, code: e.code, message: e.message });
    }
  };
  for (const rec of records) {
    if (rec.error) {
      reject(rec.ref, [rec.error]);
      continue;
    }
    const parsed = parseEvent(rec.value);
    if (!parsed.ok) {
      reject(rec.ref, parsed.errors.length ? parsed.errors : [{ field: '(event)', code: 'invalid_field', message: 'is invalid' }]);
      continue;
    }
    const r = producer.submit(parsed.event);
    if (r === 'duplicate') {
      reject(rec.ref, [{ field: 'id', code: 'duplicate_id', message: 'repeats an id already in this batch' }]);
      continue;
    }
    out.accepted++;
    if (r === 'sampled') out.sampled++;
    out.batches.add(producer.lastBatch());
  }
  return out;
}
