import { describe, expect, it } from 'vitest';
import { createModelCatalog } from '../../../src/catalog/model-catalog.js';
import { configSchema } from '../../../src/config/config-schema.js';
import { parseEvent } from '../../../src/event/parse-event.js';
import { buildReport } from '../../../src/report/build-report.js';
import { CONTINENT_NAMES, continentOf, continentTable } from '../../../src/report/continents.js';
import { planDistinctQueries } from '../../../src/report/distinct-plan.js';
import { renderText } from '../../../src/report/render-text.js';
import { categoryViewFor } from '../../../src/worker/category-view.js';
import { createInMemoryCensus, oracleLabels } from './in-memory-census.js';

const view = categoryViewFor(configSchema.parse({}));

interface Ev {
  id: string;
  day: string;
  model: string;
  user: string;
  country?: string;
  pt?: number;
  ct?: number;
  cost?: number;
  finishReason?: string;
  toolsProvided?: boolean;
}

function event(e: Ev) {
  const p = parseEvent({
    id: e.id,
    createdAt: `${e.day}T12:00:00Z`,
    model: e.model,
    provider: 'P',
    usage: { promptTokens: e.pt ?? 100, completionTokens: e.ct ?? 10 },
    costUsd: e.cost ?? 0.001,
    userId: e.user,
    billingCountry: e.country ?? 'US',
    prompt: 'a prompt',
    ...(e.finishReason ? { finishReason: e.finishReason } : {}),
    ...(e.toolsProvided ? { toolsProvided: true } : {}),
  });
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.event;
}

const users = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('buildReport: dimensions, suppression, retention', () => {
  it('derives catalog dimensions at report time: a catalog fix applies to all history; unknown models are named', () => {
    const c = createInMemoryCensus({ rate: 0, salt: 's', view });
    let i = 0;
    for (const u of users('u', 12)) {
      c.ingest(event({ id: `a${i++}`, day: '2025-06-03', model: 'deepseek/deepseek-chat', user: u }));
      c.ingest(event({ id: `a${i++}`, day: '2025-06-03', model: 'acme/brand-new-1', user: u, pt: 300 }));
    }
    const before = c.report();
    expect(before.catalog.unknownModels).toEqual(['acme/brand-new-1']);
    const st = Object.fromEntries(before.dimensions.sourceType.map((x) => [x.key, x.totalTokens]));
    expect(st).toEqual({ 'chinese-oss': 12 * 110, unknown: 12 * 310 });

    // Same counters, a catalog that now knows acme's model: every past figure moves with it.
    const fixed = createModelCatalog('test-1', [
      { id: 'acme/brand-new-1', author: 'Acme', openWeights: false, parametersB: null, reasoning: true, source: 'test' },
      { pattern: 'deepseek/*', author: 'DeepSeek', openWeights: true, origin: 'chinese', parametersB: 671, reasoning: false, source: 'test' },
    ]);
    const names = [...c.distinct.keys()];
    const distinct = new Map(
      planDistinctQueries(names, {}, fixed).map((q) => [q.key, new Set(q.names.flatMap((n) => [...c.distinct.get(n)!])).size]),
    );
    const after = buildReport({ counters: c.counters, rate: 0, view, filter: {}, minSamples: 5, minUsers: 10, catalog: fixed, distinct });
    expect(after.catalog).toEqual({ version: 'test-1', unknownModels: [] });
    expect(Object.fromEntries(after.dimensions.sourceType.map((x) => [x.key, x.totalTokens]))).toEqual({ 'chinese-oss': 1320, closed: 3720 });
    expect(Object.fromEntries(after.dimensions.reasoning.map((x) => [x.key, x.tokenShare]))).toEqual({ reasoning: 3720 / 5040, 'non-reasoning': 1320 / 5040 });
    expect(after.dimensions.author.map((x) => x.key).sort()).toEqual(['Acme', 'DeepSeek']);
    expect(after.reasoningShare.overall.reasoningModelTokenShare).toBeCloseTo(3720 / 5040);
  });

  it('suppresses cells under minUsers users (numbers null, in JSON and text) and sampled cells under minSamples', () => {
    const c = createInMemoryCensus({ rate: 1, salt: 's', view });
    let i = 0;
    for (const u of users('big', 20)) {
      const s = c.ingest(event({ id: `b${i++}`, day: '2025-06-03', model: 'openai/gpt-4o', user: u, country: 'DE' }));
      c.classify(s!, oracleLabels('programming'));
    }
    for (const u of users('small', 3)) {
      const s = c.ingest(event({ id: `b${i++}`, day: '2025-06-04', model: 'openai/gpt-4o-mini', user: u, country: 'KE' }));
      c.classify(s!, oracleLabels('legal'));
    }
    const r = c.report();
    const small = r.dimensions.model.find((x) => x.key === 'openai/gpt-4o-mini')!;
    expect(small).toMatchObject({ suppressed: true, requests: null, totalTokens: null, users: null });
    expect(r.dimensions.model.find((x) => x.key === 'openai/gpt-4o')).toMatchObject({ suppressed: false, requests: 20, users: 20 });
    expect(r.byModel.find((x) => x.model === 'openai/gpt-4o-mini')).toMatchObject({ suppressed: true, users: null });
    expect(r.geography.countries.find((x) => x.country === 'KE')).toMatchObject({ suppressed: true, tokens: null });
    expect(r.geography.continents.find((x) => x.continent === 'EU')).toMatchObject({ suppressed: false, requests: 20, users: 20 });
    // Sampled: 3 legal samples < minSamples 5.
    const legal = r.categories.find((x) => x.category === 'legal')!;
    expect(legal.suppressed).toBe(true);
    expect(r.categories.find((x) => x.category === 'programming')!.suppressed).toBe(false);
    const miniBreakdown = r.sampled.byModel.find((b) => b.key === 'openai/gpt-4o-mini')!;
    expect(miniBreakdown.categories.every((x) => x.suppressed || x.sampledRequests === 0)).toBe(true);
    const text = renderText(r);
    expect(text).toMatch(/openai\/gpt-4o-mini\s+suppressed/);
    expect(text).toMatch(/Legal\s+suppressed/);
    // The cut by source type still adds up for the cells that are shown.
    expect(r.dimensions.sourceType.find((x) => x.key === 'closed')).toMatchObject({ requests: 23, suppressed: false });
  });

  it('retention: cohorts and activity from HyperLogLog-style union arithmetic match the true sets', () => {
    const c = createInMemoryCensus({ rate: 0, salt: 's', view });
    let i = 0;
    const use = (day: string, us: string[]) => {
      for (const u of us) c.ingest(event({ id: `r${i++}`, day, model: 'openai/gpt-4o', user: u }));
    };
    use('2025-06-10', users('a', 20)); // cohort June: a0..a19
    use('2025-07-10', [...users('a', 20).slice(0, 5), ...users('b', 16)]); // 5 of June back; cohort July: 16
    use('2025-08-10', [...users('a', 20).slice(0, 2), ...users('b', 16).slice(0, 8), ...users('c', 4)]); // cohort Aug: 4 (suppressed)
    const r = c.report();
    const m = r.retention.models.find((x) => x.model === 'openai/gpt-4o')!;
    expect(m.cohorts.map((x) => [x.cohort, x.users, x.suppressed])).toEqual([
      ['2025-06', 20, false],
      ['2025-07', 16, false],
      ['2025-08', null, true],
    ]);
    expect(m.cohorts[0]!.active).toEqual([
      { month: '2025-07', offset: 1, share: 5 / 20 },
      { month: '2025-08', offset: 2, share: 2 / 20 },
    ]);
    expect(m.cohorts[1]!.active).toEqual([{ month: '2025-08', offset: 1, share: 8 / 16 }]);
    expect(r.retention.method).toMatch(/HyperLogLog/);
    // A window starting in July: June users are not new in July.
    const july = c.report({ from: '2025-07-01' });
    const jm = july.retention.models.find((x) => x.model === 'openai/gpt-4o')!;
    expect(jm.cohorts[0]).toMatchObject({ cohort: '2025-07', users: 16 });
  });

  it('weekly and daily cells add up to the totals; tool use; filters by model and window', () => {
    const c = createInMemoryCensus({ rate: 0, salt: 's', view });
    let i = 0;
    for (const u of users('t', 12)) {
      c.ingest(event({ id: `t${i++}`, day: '2025-06-02', model: 'openai/gpt-4o', user: u, finishReason: 'tool_calls', toolsProvided: true }));
      c.ingest(event({ id: `t${i++}`, day: '2025-06-10', model: 'anthropic/claude-sonnet-4', user: u, pt: 290 }));
    }
    const r = c.report();
    expect(r.weekly.map((w) => w.period)).toEqual(['2025-W23', '2025-W24']);
    expect(r.daily.map((d) => d.period)).toEqual(['2025-06-02', '2025-06-10']);
    const sumCells = (cells: typeof r.weekly) => cells.reduce((a, p) => a + p.cells.model!.reduce((b, x) => b + (x.totalTokens ?? 0), 0), 0);
    expect(sumCells(r.weekly)).toBe(r.totals.promptTokens + r.totals.completionTokens);
    expect(sumCells(r.daily)).toBe(r.totals.promptTokens + r.totals.completionTokens);
    expect(r.toolUse.toolCallTokenShare).toBeCloseTo((12 * 110) / (12 * 110 + 12 * 300));
    expect(r.toolUse.toolsProvidedRequestShare).toBeCloseTo(0.5);
    expect(r.users.total).toBe(12);
    const only = c.report({ model: 'anthropic/claude-sonnet-4' });
    expect(only.totals.requests).toBe(12);
    expect(only.dimensions.model.map((x) => x.key)).toEqual(['anthropic/claude-sonnet-4']);
    expect(only.users.total).toBe(12);
    const w24 = c.report({ from: '2025-06-09' });
    expect(w24.byWeek.map((w) => w.week)).toEqual(['2025-W24']);
    expect(w24.byDay.map((d) => d.day)).toEqual(['2025-06-10']);
  });

  it('still builds without distinct counts: every user-based cell then counts as small', () => {
    const c = createInMemoryCensus({ rate: 0, salt: 's', view });
    c.ingest(event({ id: 'x', day: '2025-06-02', model: 'openai/gpt-4o', user: 'u' }));
    c.report(); // flush
    const r = buildReport({ counters: c.counters, rate: 0, view, filter: {}, minSamples: 5, catalog: createModelCatalog('x', []) });
    expect(r.dimensions.model[0]).toMatchObject({ key: 'openai/gpt-4o', suppressed: true });
    expect(r.totals.requests).toBe(1);
  });
});

describe('continents', () => {
  it('maps all 249 ISO 3166-1 alpha-2 codes and XK to one of seven continents', () => {
    const t = continentTable();
    expect(t.size).toBe(250);
    expect(continentOf(t, 'XK')).toBe('EU');
    expect(new Set(t.values())).toEqual(new Set(Object.keys(CONTINENT_NAMES)));
    expect(continentOf(t, 'us')).toBe('NA');
    expect(continentOf(t, 'CN')).toBe('AS');
    expect(continentOf(t, 'BR')).toBe('SA');
    expect(continentOf(t, 'DE')).toBe('EU');
    expect(continentOf(t, 'NG')).toBe('AF');
    expect(continentOf(t, 'AU')).toBe('OC');
    expect(continentOf(t, 'AQ')).toBe('AN');
    expect(continentOf(t, '')).toBeNull();
    expect(continentOf(t, 'ZZ')).toBeNull();
  });

  it('scales estimates by the rate the edge applied, not the rate of the config the report is built with', () => {
    const c = createInMemoryCensus({ rate: 1, salt: 's', view });
    for (let i = 0; i < 12; i++) {
      const sample = c.ingest(event({ id: `r${i}`, day: '2025-06-03', model: 'openai/gpt-4o', user: `u${i}` }));
      expect(sample).not.toBeNull();
      c.classify(sample!, oracleLabels(i < 8 ? 'programming' : 'roleplay'));
    }
    const r = c.report({}, { configuredRate: 0.0025 });
    expect(r.sampling.rate).toBe(1);
    expect(r.sampling.configuredRate).toBe(0.0025);
    expect(r.sampling.rates).toEqual([{ rate: 1, events: 12 }]);
    const programming = r.categories.find((x) => x.category === 'programming')!;
    expect(programming.sampledRequests).toBe(8);
    expect(programming.estimatedRequests).toBe(8);
  });
});

