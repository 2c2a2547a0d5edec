import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Every Prometheus metric prompt-census exposes, on a registry of its own (no global default registry).
 * Names follow prompt_census_<thing>_<unit>; prom-client's default process and Node.js metrics get the same
 * prefix (prompt_census_process_cpu_user_seconds_total, prompt_census_nodejs_heap_size_used_bytes, …). Intentional drops (not sampled, no consent, below threshold) and
 * unintentional ones (invalid events, classifier failures) are separate series.
 */
export interface CensusMetrics {
  registry: Registry;
  eventsAccepted: Counter<'source'>;
  eventsRejected: Counter<'source' | 'reason'>;
  eventsIgnored: Counter<'source' | 'reason'>;
  samplesDropped: Counter<'reason'>;
  samplesSampled: Counter;
  samplesClassified: Counter<'classifier'>;
  samplesFailed: Counter<'classifier' | 'outcome' | 'reason'>;
  classifierUnits: Counter<'classifier'>;
  classifierRequests: Counter<'classifier' | 'result'>;
  classifierRateLimited: Counter<'classifier'>;
  classifierSeconds: Histogram<'classifier'>;
  batchesApplied: Counter<'result'>;
  batchEvents: Counter;
  batchApplySeconds: Histogram;
  queueBacklog: Gauge<'queue'>;
  httpRequests: Counter<'route' | 'status'>;
}

/** Prefix of every metric name; prom-client's default metrics already start with process_ or nodejs_. */
export const METRIC_PREFIX = 'prompt_census_';

export function createMetrics(options: { defaultMetrics?: boolean } = {}): CensusMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const reg = { registers: [registry] };
  return {
    registry,
    eventsAccepted: new Counter({ name: 'prompt_census_events_accepted_total', help: 'Events accepted at ingest.', labelNames: ['source'], ...reg }),
    eventsRejected: new Counter({
      name: 'prompt_census_events_rejected_total',
      help: 'Events rejected at ingest as invalid (unintentional drop), by reason.',
      labelNames: ['source', 'reason'],
      ...reg,
    }),
    eventsIgnored: new Counter({
      name: 'prompt_census_events_ignored_total',
      help: 'Records intentionally ignored at ingest (e.g. OTLP spans that are not model calls).',
      labelNames: ['source', 'reason'],
      ...reg,
    }),
    samplesDropped: new Counter({
      name: 'prompt_census_samples_dropped_total',
      help: 'Intentional drops on the sampling path: not_sampled, consent_denied, no_consent, below_threshold.',
      labelNames: ['reason'],
      ...reg,
    }),
    samplesSampled: new Counter({ name: 'prompt_census_samples_sampled_total', help: 'Events selected for classification.', ...reg }),
    samplesClassified: new Counter({
      name: 'prompt_census_samples_classified_total',
      help: 'Samples whose classification was recorded (including below threshold).',
      labelNames: ['classifier'],
      ...reg,
    }),
    samplesFailed: new Counter({
      name: 'prompt_census_samples_failed_total',
      help: 'Samples that ended without labels (unintentional): unclassifiable (permanent) or error (after retries).',
      labelNames: ['classifier', 'outcome', 'reason'],
      ...reg,
    }),
    classifierUnits: new Counter({
      name: 'prompt_census_classifier_units_total',
      help: 'Billing units of answered classifier requests (one per successful request of at most 1,000 characters; failed requests are not counted).',
      labelNames: ['classifier'],
      ...reg,
    }),
    classifierRequests: new Counter({
      name: 'prompt_census_classifier_requests_total',
      help: 'Classifier calls by result: ok, permanent, transient, rate_limited.',
      labelNames: ['classifier', 'result'],
      ...reg,
    }),
    classifierRateLimited: new Counter({
      name: 'prompt_census_classifier_rate_limited_total',
      help: 'Times the classify queue was parked because the classifier answered 429.',
      labelNames: ['classifier'],
      ...reg,
    }),
    classifierSeconds: new Histogram({
      name: 'prompt_census_classifier_duration_seconds',
      help: 'Classifier call latency.',
      labelNames: ['classifier'],
      buckets: [0.0005, 0.002, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      ...reg,
    }),
    batchesApplied: new Counter({
      name: 'prompt_census_batches_applied_total',
      help: 'Batch jobs applied to the store: applied, or duplicate (already applied; not counted twice).',
      labelNames: ['result'],
      ...reg,
    }),
    batchEvents: new Counter({ name: 'prompt_census_batch_events_total', help: 'Events inside applied batches.', ...reg }),
    batchApplySeconds: new Histogram({
      name: 'prompt_census_batch_apply_duration_seconds',
      help: 'Time to aggregate and apply one batch.',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      ...reg,
    }),
    queueBacklog: new Gauge({ name: 'prompt_census_queue_backlog_jobs', help: 'Jobs waiting per queue.', labelNames: ['queue'], ...reg }),
    httpRequests: new Counter({
      name: 'prompt_census_http_requests_total',
      help: 'HTTP requests by route and status.',
      labelNames: ['route', 'status'],
      ...reg,
    }),
  };
}
