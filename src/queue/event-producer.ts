import { createHash } from 'node:crypto';
import type { GenerationEvent } from '../event/generation-event-schema.js';
import { edgeStage, type EdgeOptions } from '../pipeline/edge-stage.js';
import { encodeRecord, type EncodedRecord } from '../pipeline/rollup-record.js';
import type { SampleTask } from '../pipeline/sample-task.js';
import type { CensusQueues } from './census-queues.js';
import { batchJobId, sampleJobId, type BatchJobData } from './job-data.js';

export interface ProducerOptions extends EdgeOptions {
  queues: Pick<CensusQueues, 'ingest' | 'classify'>;
  batchMaxEvents: number;
  /** Flush a partly filled batch after this long; 0 = only on count or explicit flush (replay). */
  batchMaxWaitMs: number;
  /** At most this many batches on their way to Redis at once; submit() callers await capacity(). */
  maxInflight?: number;
}

export type SubmitResult = 'accepted' | 'sampled' | 'duplicate';

export interface ProducerStats {
  accepted: number;
  sampled: number;
  duplicates: number;
  batches: number;
}

export interface EventProducer {
  /** Run the edge stage (sampling, excerpt, text dropped unless sampled) and queue the event in a batch. */
  submit(event: GenerationEvent): SubmitResult;
  /** The write of the batch the last submitted event went into (resolves once it is in Redis). */
  lastBatch(): Promise<void>;
  /** Resolves when every event submitted so far is in Redis; rejects if a batch could not be written. */
  flush(): Promise<void>;
  /** Resolves when fewer than maxInflight batches are being written (back-pressure for bulk producers). */
  capacity(): Promise<void>;
  readonly stats: Readonly<ProducerStats>;
  close(): Promise<void>;
}

interface OpenBatch {
  ids: Set<string>;
  records: EncodedRecord[];
  samples: SampleTask[];
  done: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Batches events into the ingest queue. A batch's id is a hash of its event ids, so the same events cut the same
 * way (replay cuts by count) produce the same batch id and the store applies them once.
 */
export function createEventProducer(options: ProducerOptions): EventProducer {
  const { queues } = options;
  const maxInflight = options.maxInflight ?? 4;
  const stats: ProducerStats = { accepted: 0, sampled: 0, duplicates: 0, batches: 0 };
  let open: OpenBatch | null = null;
  let timer: NodeJS.Timeout | null = null;
  let inflight = 0;
  let chain: Promise<void> = Promise.resolve();
  let lastError: unknown = null;
  const waiters: Array<() => void> = [];

  const newBatch = (): OpenBatch => {
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    done.catch(() => undefined); // observed by whoever awaits it; never an unhandled rejection
    return { ids: new Set(), records: [], samples: [], done, resolve, reject };
  };
  let last: Promise<void> = Promise.resolve();

  const write = async (b: OpenBatch) => {
    // SHA-256 of "id1\nid2\n…\n" in submission order (a Set keeps insertion order): one hash call per batch.
    const id = createHash('sha256').update(`${[...b.ids].join('\n')}\n`).digest('hex').slice(0, 32);
    if (b.samples.length) {
      await queues.classify.addBulk(
        b.samples.map((s) => ({ name: 'classify', data: s, opts: { jobId: sampleJobId(s.sid) } })),
      );
    }
    await queues.ingest.add('batch', { v: 1, id, records: b.records, rate: options.sampler.rate } satisfies BatchJobData, { jobId: batchJobId(id) });
  };

  const seal = (): Promise<void> => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    const b = open;
    open = null;
    if (!b || b.records.length === 0) {
      b?.resolve();
      return chain;
    }
    stats.batches++;
    inflight++;
    const p = chain.then(() => write(b));
    chain = p.then(
      () => b.resolve(),
      (err) => {
        lastError = err;
        b.reject(err);
      },
    );
    void chain.finally(() => {
      inflight--;
      const w = waiters.shift();
      if (w) w();
    });
    return p;
  };


  return {
    submit(event) {
      if (!open) {
        open = newBatch();
        if (options.batchMaxWaitMs > 0) {
          timer = setTimeout(() => void seal().catch(() => undefined), options.batchMaxWaitMs);
          timer.unref();
        }
      }
      if (open.ids.has(event.id)) {
        stats.duplicates++;
        return 'duplicate';
      }
      const { record, sample } = edgeStage(event, options);
      open.ids.add(event.id);
      last = open.done;
      open.records.push(encodeRecord(record));
      if (sample) open.samples.push(sample);
      stats.accepted++;
      if (sample) stats.sampled++;
      if (open.records.length >= options.batchMaxEvents) {
        void seal().catch(() => undefined);
      }
      return sample ? 'sampled' : 'accepted';
    },
    lastBatch() {
      return last;
    },
    async flush() {
      await seal();
      await chain;
      if (lastError) {
        const e = lastError;
        lastError = null;
        throw e;
      }
    },
    capacity() {
      if (inflight < maxInflight) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    stats,
    async close() {
      await seal().catch(() => undefined);
      await chain;
    },
  };
}
