/**
 * Test support (not a test): the real edge → aggregate → classify-deltas → report path, with counters and
 * distinct sets kept in memory instead of a store, and a synthetic event stream identical to generateArchive's
 * that also tells the true (primary) category of every event.
 */
import { loadCatalog } from '../../../src/catalog/load-catalog.js';
import type { ClassifierLabel } from '../../../src/classifiers/classifier.js';
import type { GenerationEvent } from '../../../src/event/generation-event-schema.js';
import { parseEvent } from '../../../src/event/parse-event.js';
import { eventsPerWeek } from '../../../src/generate/generate-archive.js';
import { EventFactory, type SyntheticEvent } from '../../../src/generate/event-factory.js';
import { deriveKey } from '../../../src/generate/scramble-index.js';
import { createSeededRandom } from '../../../src/generate/seeded-random.js';
import { DEFAULT_CONSENT_DENIED_SHARE, DEFAULT_CONSENT_GRANTED_SHARE, type CategoryId } from '../../../src/generate/study-shares.js';
import { buildTrafficPlan } from '../../../src/generate/traffic-plan.js';
import { EVENTS_PER_USER, UserPool } from '../../../src/generate/user-pool.js';
import { WeekClock } from '../../../src/generate/week-clock.js';
import { aggregateBatch } from '../../../src/pipeline/aggregate-batch.js';
import { expandUnions, type BatchDeltas } from '../../../src/pipeline/batch-deltas.js';
import { classifiedDeltas, type CategoryView } from '../../../src/pipeline/classification-deltas.js';
import { edgeStage } from '../../../src/pipeline/edge-stage.js';
import type { RollupRecord } from '../../../src/pipeline/rollup-record.js';
import type { SampleTask } from '../../../src/pipeline/sample-task.js';
import { isoWeek } from '../../../src/pipeline/time-buckets.js';
import { CANONICAL_PATHS } from '../../../src/classifiers/local/categories.js';
import { buildReport } from '../../../src/report/build-report.js';
import type { CensusReport } from '../../../src/report/census-report.js';
import { planDistinctQueries } from '../../../src/report/distinct-plan.js';
import type { ReportFilter } from '../../../src/report/report-filter.js';
import { createSampler } from '../../../src/sampling/sampler.js';
import { createUserHasher } from '../../../src/sampling/user-hasher.js';

/** The canonical Google path of each study category (docs/categories.md; a contract with the mapping). */
export { CANONICAL_PATHS };

/** Labels a perfect classifier would give an event of this category ('others': no confident label). */
export function oracleLabels(category: CategoryId): ClassifierLabel[] {
  return category === 'others' ? [] : [{ name: CANONICAL_PATHS[category], confidence: 0.9 }];
}

/** The same events, in the same order, as generateArchive({ events, weeks, seed, start }) writes, with their category. */
export function* syntheticEvents(o: { events: number; weeks?: number; seed?: number; start?: string }): Generator<{ event: SyntheticEvent; category: CategoryId }> {
  const weeks = o.weeks ?? 8;
  const seed = o.seed ?? 1;
  const startMs = Date.parse(`${o.start ?? '2025-06-02'}T00:00:00Z`);
  const plans = buildTrafficPlan(startMs, weeks);
  const users = new UserPool(createSeededRandom(deriveKey(seed, 'users')), Math.max(1, Math.ceil(o.events / EVENTS_PER_USER)), plans, deriveKey(seed, 'user-ids'));
  const factory = new EventFactory(createSeededRandom(deriveKey(seed, 'events')), plans, users, {
    seed,
    eventKey: deriveKey(seed, 'event-ids'),
    consentDeniedShare: DEFAULT_CONSENT_DENIED_SHARE,
    consentGrantedShare: DEFAULT_CONSENT_GRANTED_SHARE,
  });
  const clockRandom = createSeededRandom(deriveKey(seed, 'clock'));
  let n = 0;
  for (const [week, count] of eventsPerWeek(o.events, weeks).entries()) {
    const clock = new WeekClock(plans[week]!.startMs, count);
    for (let i = 0; i < count; i++, n++) yield factory.create(n, week, clock.next(clockRandom));
  }
}

export function toGenerationEvent(e: SyntheticEvent): GenerationEvent {
  const p = parseEvent(e);
  if (!p.ok) throw new Error(`synthetic event ${e.id} is invalid: ${JSON.stringify(p.errors)}`);
  return p.event;
}

export interface InMemoryCensus {
  /** Edge stage + batching of one event; returns its sample task when sampled. */
  ingest(event: GenerationEvent): SampleTask | null;
  /** Record a classified sample (what the classify worker does). */
  classify(sample: SampleTask, labels: readonly ClassifierLabel[], languageCode?: string): void;
  /**
   * `configuredRate`: the reader's sampling.rate (default: the rate events were sampled at); `view`: the category
   * view to read (default: the one samples were recorded under).
   */
  report(filter?: ReportFilter, options?: { minUsers?: number; minSamples?: number; configuredRate?: number; view?: CategoryView }): CensusReport;
  readonly counters: Map<string, Map<string, number>>;
  readonly distinct: Map<string, Set<string>>;
}

export function createInMemoryCensus(o: { rate: number; salt: string; view: CategoryView; classifierVersion?: string }): InMemoryCensus {
  const sampler = createSampler(o.rate, o.salt);
  const hashUser = createUserHasher('in-memory-test-key');
  const counters = new Map<string, Map<string, number>>();
  const distinct = new Map<string, Set<string>>();
  const catalog = loadCatalog();
  let batch: RollupRecord[] = [];
  const merge = (d: BatchDeltas) => {
    for (const [scope, fields] of d.counters) {
      let m = counters.get(scope);
      if (!m) counters.set(scope, (m = new Map()));
      for (const [f, v] of fields) m.set(f, (m.get(f) ?? 0) + v);
    }
    for (const [name, s] of d.distinct) {
      let t = distinct.get(name);
      if (!t) distinct.set(name, (t = new Set()));
      for (const x of s) t.add(x);
    }
  };
  const flush = () => {
    if (batch.length) merge(expandUnions(aggregateBatch(batch, o.rate)));
    batch = [];
  };
  return {
    counters,
    distinct,
    ingest(event) {
      const r = edgeStage(event, { sampler, hashUser, maxChars: 1000, requireConsent: false });
      batch.push(r.record);
      if (batch.length >= 5000) flush();
      return r.sample;
    },
    classify(sample, labels, languageCode) {
      const { deltas } = classifiedDeltas(
        {
          week: isoWeek(sample.ts), classifier: o.classifierVersion ?? 'oracle/1', labels, languageCode,
          model: sample.model, promptTokens: sample.promptTokens, completionTokens: sample.completionTokens, costNano: sample.costNano,
        },
        o.view,
      );
      merge(deltas);
    },
    report(filter = {}, thresholds = {}) {
      flush();
      const queries = planDistinctQueries([...distinct.keys()], filter, catalog);
      const counts = new Map<string, number>();
      for (const q of queries) {
        const union = new Set<string>();
        for (const n of q.names) for (const x of distinct.get(n) ?? []) union.add(x);
        counts.set(q.key, union.size);
      }
      return buildReport({
        counters, rate: thresholds.configuredRate ?? o.rate, view: thresholds.view ?? o.view, filter, catalog, distinct: counts,
        minUsers: thresholds.minUsers ?? 10, minSamples: thresholds.minSamples ?? 5,
      });
    },
  };
}
