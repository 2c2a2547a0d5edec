/**
 * The report's numbers against the truth. A synthetic archive (the same events generateArchive writes, with
 * each event's true primary category) is replayed through the real edge stage, sampler, category mapping and
 * report at the default sampling rate, in memory (no store: counters and distinct sets are the same deltas the
 * store would apply). Two truths:
 *  1. an oracle classifier that returns each event's canonical Google path: the report's category shares must
 *     contain the generator's true shares. Classification is then exact, so this isolates sampling error, which
 *     is what the intervals cover;
 *  2. the real local classifier: its confusion moves shares away from the generator's truth, so the truth is the
 *     share the classifier gives on the full population (every event's excerpt classified here, offline).
 * A per-category 95% interval misses 5% of the time, so with 18 categories "every share inside its 95%
 * interval" fails more often than not (1 − 0.95^18 ≈ 60%). The check that every true share is inside therefore
 * uses the report's simultaneous (Bonferroni-adjusted Wilson) family intervals, which promise exactly that with
 * ≥ 95% probability; the per-category intervals are checked for their coverage over several salts (≈ 95%) and
 * for not being wider than a binomial interval should be. Seed and salt are fixed, so each run is deterministic.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classifiers/registry.js';
import { configSchema } from '../../src/config/config-schema.js';
import { excerptOf } from '../../src/event/excerpt.js';
import { createLogger } from '../../src/logging/create-logger.js';
import { labelsToCategories } from '../../src/taxonomy/labels-to-categories.js';
import { CATEGORY_IDS } from '../../src/taxonomy/categories.js';
import type { CensusReport } from '../../src/report/census-report.js';
import { createSampler } from '../../src/sampling/sampler.js';
import { categoryViewFor } from '../../src/worker/category-view.js';
import type { CategoryId } from '../../src/generate/study-shares.js';
import { familyZ } from '../../src/report/estimates.js';
import { createInMemoryCensus, oracleLabels, syntheticEvents, toGenerationEvent } from '../unit/report/in-memory-census.js';

const config = configSchema.parse({});
const RATE = config.sampling.rate; // the default, 0.25%
/** `npm run test:stats` runs the long version: 400,000 events (≈ 1,000 samples) and 20 salts. */
const EVENTS = Number(process.env.STATS_EVENTS ?? 200_000);
const SALTS = Number(process.env.STATS_SALTS ?? 6);
const view = categoryViewFor(config);

const Z_FAMILY = familyZ(CATEGORY_IDS.length);

/** Half-width a binomial interval at `z` should have. */
const expectedHalfWidth = (p: number, n: number, z: number) => z * Math.sqrt((p * (1 - p)) / n);

/** Categories whose true share lies outside the family interval; asserts every interval is not trivially wide. */
function checkContainment(report: CensusReport, truth: Map<string, number>, population: number): string[] {
  const n = report.sampled.samples;
  const misses: string[] = [];
  for (const id of CATEGORY_IDS) {
    const c = report.categories.find((x) => x.category === id)!;
    const p = (truth.get(id) ?? 0) / population;
    const lo = c.primaryShareFamilyLow!;
    const hi = c.primaryShareFamilyHigh!;
    if (!(lo <= p && p <= hi)) misses.push(`${id}: true ${p.toFixed(4)} outside ${lo.toFixed(4)}..${hi.toFixed(4)}`);
    // Not trivially wide: at most 25% wider than the binomial interval at the true share, plus 3 samples' worth.
    const pp = Math.max(p, 1 / n);
    expect(hi - lo, `${id} family interval width`).toBeLessThanOrEqual(2 * (1.25 * expectedHalfWidth(pp, n, Z_FAMILY) + 3 / n));
    expect(c.primaryShareHigh! - c.primaryShareLow!, `${id} interval width`).toBeLessThanOrEqual(2 * (1.25 * expectedHalfWidth(pp, n, 1.96) + 3 / n));
    expect(hi - lo, `${id} family interval`).toBeLessThan(0.2);
  }
  return misses;
}

describe(`report statistics: ${EVENTS.toLocaleString('en-US')} events at the default sampling rate ${RATE}`, () => {
  const truth = new Map<string, number>(); // true primary category of every sampleable (not consent-denied) event
  let population = 0;
  let report: CensusReport;
  let published: CensusReport;
  const kept: Array<{ id: string; category: CategoryId; ts: number; model: string }> = [];

  beforeAll(() => {
    const census = createInMemoryCensus({ rate: RATE, salt: config.sampling.salt, view });
    for (const { event, category } of syntheticEvents({ events: EVENTS, seed: 5 })) {
      const e = toGenerationEvent(event);
      const sample = census.ingest(e);
      if (sample) census.classify(sample, oracleLabels(category), 'en');
      if (e.consent === 'denied') continue;
      population++;
      truth.set(category, (truth.get(category) ?? 0) + 1);
      kept.push({ id: e.id, category, ts: e.createdAt, model: e.model });
    }
    // The interval checks read every category, so small ones are not suppressed here (minSamples 0);
    // `published` is the same report under the default thresholds.
    report = census.report({}, { minSamples: 0 });
    published = census.report();
  }, 300_000);

  it('replays every event and samples about rate × events', () => {
    expect(report.totals.requests).toBe(EVENTS);
    const expected = population * RATE;
    expect(report.sampled.samples).toBeGreaterThan(expected - 4 * Math.sqrt(expected));
    expect(report.sampled.samples).toBeLessThan(expected + 4 * Math.sqrt(expected));
    expect(report.sampling.eventsSampled).toBe(report.sampled.samples);
  });

  it('every true category share lies inside its reported (simultaneous 95%) interval; intervals are not trivially wide', () => {
    const misses = checkContainment(report, truth, population);
    expect(misses).toEqual([]);
    // Scaling: estimated requests = samples / rate.
    for (const c of report.categories) expect(c.estimatedRequests).toBe(Math.round(c.sampledRequests! / RATE));
  });

  it('under the default thresholds, categories with 1..minSamples-1 samples publish no numbers; the others are unchanged', () => {
    const min = published.suppression.minSamples;
    let suppressed = 0;
    for (const c of published.categories) {
      const full = report.categories.find((x) => x.category === c.category)!;
      const n = full.sampledRequests!;
      if (n > 0 && n < min) {
        suppressed++;
        expect(c).toMatchObject({ suppressed: true, sampledRequests: null, estimatedRequests: null, share: null, shareLow: null, shareHigh: null, primaryShareFamilyLow: null });
      } else {
        expect(c).toEqual({ ...full, suppressed: false });
      }
    }
    expect(suppressed).toBeGreaterThan(0); // 500 samples over 18 categories: the smallest ones fall below 5
    // Tags carry the same figures: estimate scaled by 1 / rate, a Wilson interval around the share.
    expect(report.tags.length).toBeGreaterThan(0);
    for (const t of report.tags) {
      expect(t.estimatedRequests).toBe(Math.round(t.sampledRequests! / RATE));
      expect(t.shareLow!).toBeLessThanOrEqual(t.share!);
      expect(t.shareHigh!).toBeGreaterThanOrEqual(t.share!);
    }
  });

  it('over several sampling salts the intervals cover the truth about 95% of the time', () => {
    const salts = Array.from({ length: SALTS }, (_, i) => `coverage-salt-${i}`);
    let inside = 0;
    let cells = 0;
    for (const salt of salts) {
      const sampler = createSampler(RATE, salt);
      const census = createInMemoryCensus({ rate: RATE, salt, view });
      for (const k of kept) {
        if (!sampler.isSampled(k.id)) continue;
        census.classify(
          { sid: sampler.sampleId(k.id), excerpt: '', ts: k.ts, model: k.model, provider: '', promptTokens: 1, completionTokens: 1, costNano: 0 },
          oracleLabels(k.category),
        );
      }
      const r = census.report({}, { minUsers: 0, minSamples: 0 });
      for (const id of CATEGORY_IDS) {
        const c = r.categories.find((x) => x.category === id)!;
        const p = (truth.get(id) ?? 0) / population;
        cells++;
        if (c.primaryShareLow! <= p && p <= c.primaryShareHigh!) inside++;
      }
    }
    // Expected 0.95; 0.88 is more than three standard errors below it for 6 × 18 cells.
    expect(inside / cells).toBeGreaterThanOrEqual(0.88);
    expect(inside / cells).toBeLessThan(1); // a 95% interval that never misses would be too wide
  }, 300_000);
});

describe('report statistics with the real local classifier (truth = the classifier on the full population)', () => {
  const SMALL = Number(process.env.STATS_CLASSIFIER_EVENTS ?? 20_000);
  const SMALL_RATE = 0.05; // ~1,000 samples from a population small enough to classify in full here

  it('every full-population share (under the same classifier and mapping) lies inside its simultaneous interval', async () => {
    const classifier = await createClassifier(config.classifier, { logger: createLogger({ level: 'silent' }) });
    const census = createInMemoryCensus({ rate: SMALL_RATE, salt: config.sampling.salt, view, classifierVersion: classifier.version });
    const truth = new Map<string, number>();
    let population = 0;
    for (const { event } of syntheticEvents({ events: SMALL, seed: 9, weeks: 4 })) {
      const e = toGenerationEvent(event);
      const sample = census.ingest(e);
      if (e.consent === 'denied') continue;
      const result = await classifier.classify(excerptOf(e.prompt, config.sampling.maxChars));
      const primary = labelsToCategories(result.labels, view.minConfidence, view.mapping).category;
      truth.set(primary, (truth.get(primary) ?? 0) + 1);
      population++;
      if (sample) census.classify(sample, result.labels, result.languageCode);
    }
    const report = census.report({}, { minSamples: 0 }); // every category's interval is checked, small ones too
    expect(report.sampled.samples).toBeGreaterThan(SMALL * SMALL_RATE * 0.8);
    expect(checkContainment(report, truth, population)).toEqual([]);
  }, 300_000);
});
