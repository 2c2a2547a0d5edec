import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/config-schema.js';
import { parseEvent } from '../../../src/event/parse-event.js';
import type { CategoryId } from '../../../src/generate/study-shares.js';
import { FIELD_SEP } from '../../../src/pipeline/rollup-fields.js';
import type { CensusReport, Estimate } from '../../../src/report/census-report.js';
import { normalQuantile } from '../../../src/report/estimates.js';
import { renderText } from '../../../src/report/render-text.js';
import { categoryViewFor } from '../../../src/worker/category-view.js';
import { createInMemoryCensus, oracleLabels } from './in-memory-census.js';

const view = categoryViewFor(configSchema.parse({}));
/** Relative width of one histogram bucket (four per doubling). */
const BUCKET = 2 ** 0.25;
const N = 2000;
const WEEKS = ['2025-06-03', '2025-06-10']; // W23, W24

/** Known distributions of prompt and completion tokens per request (quantile functions). */
const DISTRIBUTIONS: Record<'programming' | 'roleplay', { prompt: (u: number) => number; completion: (u: number) => number; promptMean: number }> = {
  programming: { prompt: (u) => -2000 * Math.log(1 - u), completion: (u) => 100 + 500 * u, promptMean: 2000 },
  roleplay: { prompt: (u) => 800 * Math.exp(0.5 * normalQuantile(u)), completion: (u) => -300 * Math.log(1 - u), promptMean: 800 * Math.exp(0.125) },
};

/**
 * Every event sampled (rate 1). Each category gets N requests whose prompt and completion tokens are the
 * distribution's quantiles at (j + 0.5) / N (a stratified sample: its percentiles are the distribution's), the
 * completions in reverse order so prompt and completion are not paired; alternate requests fall in two weeks, so
 * the report merges histograms across scopes. Three legal requests make a suppressed row.
 */
function census() {
  const c = createInMemoryCensus({ rate: 1, salt: 'lengths', view });
  let id = 0;
  const add = (category: CategoryId, pt: number, ct: number, day: string) => {
    const p = parseEvent({
      id: `l${id}`, createdAt: `${day}T12:00:00Z`, model: 'openai/gpt-4o', usage: { promptTokens: pt, completionTokens: ct },
      costUsd: 0.001, userId: `u${id % 50}`, prompt: 'p',
    });
    id++;
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    c.classify(c.ingest(p.event)!, oracleLabels(category));
  };
  for (const category of ['programming', 'roleplay'] as const) {
    const d = DISTRIBUTIONS[category];
    for (let j = 0; j < N; j++) {
      add(category, Math.round(d.prompt((j + 0.5) / N)), Math.round(d.completion((N - j - 0.5) / N)), WEEKS[j % 2]!);
    }
  }
  for (let j = 0; j < 3; j++) add('legal', 100, 10, WEEKS[0]!);
  return c;
}

/** The estimate is within one bucket width of the true percentile, and its 95% interval (widened by one bucket) holds it. */
function expectPercentile(e: Estimate | null, truth: number, what: string) {
  expect(e, what).not.toBeNull();
  expect(e!.value / truth, `${what}: ${e!.value} vs ${truth}`).toBeGreaterThanOrEqual(1 / BUCKET);
  expect(e!.value / truth, `${what}: ${e!.value} vs ${truth}`).toBeLessThanOrEqual(BUCKET);
  expect(e!.low, what).toBeLessThanOrEqual(e!.value);
  expect(e!.high, what).toBeGreaterThanOrEqual(e!.value);
  expect(e!.low / BUCKET, what).toBeLessThanOrEqual(truth);
  expect(e!.high * BUCKET, what).toBeGreaterThanOrEqual(truth);
}

const row = (r: CensusReport, category: string) => r.shapes.byCategory.find((x) => x.category === category)!;

describe('prompt and completion percentiles per category (chp / chc histograms)', () => {
  const c = census();
  const r = c.report({}, { minSamples: 5, minUsers: 10 });

  it('p50 / p90 / p99 of prompt and completion tokens match the known distribution within a bucket width', () => {
    for (const category of ['programming', 'roleplay'] as const) {
      const d = DISTRIBUTIONS[category];
      const x = row(r, category);
      expect(x).toMatchObject({ suppressed: false, samples: N, promptCompletionSamples: N });
      for (const [q, key] of [[0.5, 'p50'], [0.9, 'p90'], [0.99, 'p99']] as const) {
        expectPercentile(x[`${key}PromptTokens`], d.prompt(q), `${category} prompt ${key}`);
        expectPercentile(x[`${key}CompletionTokens`], d.completion(q), `${category} completion ${key}`);
      }
      // Not trivially wide: a median from 2,000 samples is pinned to within a few buckets.
      for (const e of [x.p50PromptTokens!, x.p50CompletionTokens!]) expect((e.high - e.low) / e.value).toBeLessThan(0.5);
      // The prompt mean is exact; its interval now comes from the prompt histogram and holds the true mean.
      expect(x.meanPromptTokens!.low).toBeLessThanOrEqual(d.promptMean);
      expect(x.meanPromptTokens!.high).toBeGreaterThanOrEqual(d.promptMean * 0.98);
      expect(x.meanPromptTokens!.high - x.meanPromptTokens!.low).toBeLessThan(0.2 * d.promptMean);
    }
    // Different shapes give different intervals: a uniform completion has a much narrower spread than an exponential one.
    const prog = row(r, 'programming').meanCompletionTokens!;
    const rp = row(r, 'roleplay').meanCompletionTokens!;
    expect((prog.high - prog.low) / prog.value).toBeLessThan((rp.high - rp.low) / rp.value);
  });

  it('a category under report.minSamples is suppressed: every prompt / completion figure null', () => {
    expect(row(r, 'legal')).toEqual({
      category: 'legal', samples: null, suppressed: true, meanPromptTokens: null, meanCompletionTokens: null, meanTotalTokens: null,
      p50TotalTokens: null, p90TotalTokens: null, p99TotalTokens: null, promptCompletionSamples: null,
      p50PromptTokens: null, p90PromptTokens: null, p99PromptTokens: null,
      p50CompletionTokens: null, p90CompletionTokens: null, p99CompletionTokens: null,
    });
  });

  it('text: the per-category table prints p50 / p90 / p99 of prompt, completion and total tokens', () => {
    const text = renderText(r);
    expect(text).toContain('Tokens per request by category (sampled; p50 / p90 / p99');
    const x = row(r, 'programming');
    const k = (e: Estimate | null) => (e!.value >= 1e3 ? `${(e!.value / 1e3).toFixed(1)}k` : String(Math.round(e!.value)));
    const line = text.split('\n').find((l) => /^programming\s+2,000\s/.test(l))!;
    expect(line).toContain(`${k(x.p50PromptTokens)} / ${k(x.p90PromptTokens)} / ${k(x.p99PromptTokens)}`);
    expect(line).toContain(`${k(x.p50CompletionTokens)} / ${k(x.p90CompletionTokens)} / ${k(x.p99CompletionTokens)}`);
    expect(text).toMatch(/^legal\s+suppressed$/m);
  });
});

describe('prompt and completion percentiles for samples stored before chp / chc fields existed', () => {
  const strip = (c: ReturnType<typeof census>, week: string | null) => {
    for (const [scope, fields] of c.counters) {
      if (!scope.startsWith(`k${FIELD_SEP}`) || (week && !scope.startsWith(`k${FIELD_SEP}${week}${FIELD_SEP}`))) continue;
      for (const f of [...fields.keys()]) if (f.startsWith(`chp${FIELD_SEP}`) || f.startsWith(`chc${FIELD_SEP}`)) fields.delete(f);
    }
  };

  it('a week without them is left out of the percentiles (promptCompletionSamples says so) and named in a warning', () => {
    const c = census();
    strip(c, '2025-W23');
    const r = c.report({}, { minSamples: 5, minUsers: 10 });
    for (const category of ['programming', 'roleplay'] as const) {
      const x = row(r, category);
      expect(x.samples).toBe(N);
      expect(x.promptCompletionSamples).toBe(N / 2);
      // W24 holds every other stratum: still the same distribution.
      expectPercentile(x.p50PromptTokens, DISTRIBUTIONS[category].prompt(0.5), `${category} prompt p50 from W24`);
      expectPercentile(x.p90CompletionTokens, DISTRIBUTIONS[category].completion(0.9), `${category} completion p90 from W24`);
    }
    expect(r.warnings).toEqual([
      `Prompt and completion percentiles per category (shapes.byCategory) leave out ${(N + 3).toLocaleString('en-US')} samples of week 2025-W23, ` +
        'classified before per-category prompt / completion histograms were recorded; "prompt-census rebucket" (same mapping and threshold) ' +
        'rebuilds the view from the stored raw labels and fills them in.',
    ]);
  });

  it('with none stored the percentiles are null, the row and its means stay', () => {
    const c = census();
    strip(c, null);
    const r = c.report({}, { minSamples: 5, minUsers: 10 });
    const x = row(r, 'programming');
    expect(x).toMatchObject({
      suppressed: false, samples: N, promptCompletionSamples: null, p50PromptTokens: null, p99CompletionTokens: null,
    });
    expect(x.p50TotalTokens).not.toBeNull();
    expect(Math.abs(x.meanPromptTokens!.value - DISTRIBUTIONS.programming.promptMean)).toBeLessThan(40);
    expect(x.meanPromptTokens!.low).toBeLessThan(x.meanPromptTokens!.value);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/weeks 2025-W23, 2025-W24/);
  });
});
