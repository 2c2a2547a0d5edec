import type { EncodedRecord } from '../pipeline/rollup-record.js';
import type { SampleTask } from '../pipeline/sample-task.js';

/** A batch job: rollup records only (no text, no raw user ids). Job id: "b-<id>". */
export interface BatchJobData {
  v: 1;
  id: string;
  records: EncodedRecord[];
  /** The sampling rate the edge applied to these records (absent in jobs from producers before 0.1.0). */
  rate?: number;
}

/** A classify job: one sample (holds the excerpt until the job ends and is removed). Job id: "s-<sid>". */
export type ClassifyJobData = SampleTask;

export const batchJobId = (id: string) => `b-${id}`;
export const sampleJobId = (sid: string) => `s-${sid}`;
