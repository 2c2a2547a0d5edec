import type { Job } from 'bullmq';
import type { CensusMetrics } from '../metrics/census-metrics.js';
import { aggregateBatch } from '../pipeline/aggregate-batch.js';
import { decodeRecord, type RollupRecord } from '../pipeline/rollup-record.js';
import { SAMPLING_FIELDS } from '../pipeline/rollup-fields.js';
import type { AggregationStore } from '../store/aggregation-store.js';
import type { BatchJobData } from './job-data.js';

export interface IngestProcessorDeps {
  store: AggregationStore;
  metrics: CensusMetrics;
}

/**
 * Batch job → in-memory aggregation → one atomic, idempotent store write. A retried, stalled or replayed batch
 * finds its marker and changes nothing.
 */
export function createIngestProcessor(deps: IngestProcessorDeps) {
  const { store, metrics } = deps;
  return async (job: Job<BatchJobData>): Promise<'applied' | 'duplicate'> => {
    const started = process.hrtime.bigint();
    const records: RollupRecord[] = job.data.records.map(decodeRecord);
    const deltas = aggregateBatch(records, job.data.rate);
    const applied = await store.applyBatch(job.data.id, deltas);
    metrics.batchApplySeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    metrics.batchesApplied.inc({ result: applied ? 'applied' : 'duplicate' });
    if (applied) {
      metrics.batchEvents.inc(records.length);
      // The aggregation already counted sampling outcomes per week ("s:" scopes); read them instead of re-walking events.
      let sampled = 0;
      let notSampled = 0;
      let denied = 0;
      let noConsent = 0;
      for (const [scope, fields] of deltas.counters) {
        if (!scope.startsWith('s:')) continue;
        sampled += fields.get(SAMPLING_FIELDS.sampled) ?? 0;
        notSampled += fields.get(SAMPLING_FIELDS.notSampled) ?? 0;
        denied += fields.get(SAMPLING_FIELDS.consentDenied) ?? 0;
        noConsent += fields.get(SAMPLING_FIELDS.noConsent) ?? 0;
      }
      if (sampled) metrics.samplesSampled.inc(sampled);
      if (notSampled) metrics.samplesDropped.inc({ reason: 'not_sampled' }, notSampled);
      if (denied) metrics.samplesDropped.inc({ reason: 'consent_denied' }, denied);
      if (noConsent) metrics.samplesDropped.inc({ reason: 'no_consent' }, noConsent);
    }
    return applied ? 'applied' : 'duplicate';
  };
}
