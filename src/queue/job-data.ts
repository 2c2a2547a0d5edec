import type { EncodedRecord } from '../pipeline/rollup-record.js';
import type { SampleTask } from '../pipeline/sample-task.js';

/** A batch job: rollup records only (no text, no raw user ids). Job id: "b-<id>". */
export interface BatchJobData {
  v: 1;
  id: string;
  records: EncodedRecord[];
}

/** A classify job: one sample (holds the excerpt until the job ends and is removed). Job id: "s-<sid>". */
export type ClassifyJobData = SampleTask;

export const batchJobId = (id: string) => `b-${id}`;
export const sampleJobId = (sid: string) => `s-${sid}`;
