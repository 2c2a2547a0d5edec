import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load-catalog.js';
import type { ClassifierLabel } from '../../../src/classifiers/classifier.js';
import { configSchema } from '../../../src/config/config-schema.js';
import type { CategoryId } from '../../../src/generate/study-shares.js';
import { FIELD_SEP } from '../../../src/pipeline/rollup-fields.js';
import { isoWeek } from '../../../src/pipeline/time-buckets.js';
import type { CensusReport, SampledBreakdown } from '../../../src/report/census-report.js';
import { renderText } from '../../../src/report/render-text.js';
import { wilsonInterval } from '../../../src/report/wilson-interval.js';
import { categoryViewFor } from '../../../src/worker/category-view.js';
import { CANONICAL_PATHS, createInMemoryCensus, syntheticEvents, toGenerationEvent } from './in-memory-census.js';

const view = categoryViewFor(configSchema.parse({}));
const catalog = loadCatalog();
const RATE = 0.2;
const MIN_SAMPLES = 5;
const MIN_USERS = 10;

/** Extra labels given to some samples, and the tag the mapping gives each (taxonomy/mapping.yaml). */
const DEV_TOOLS = { path: '/Computers & Electronics/Networking/Data Formats & Protocols', tag: 'programming/developer-tools' };
const RPG = { path: '/Games/Roleplaying Games', tag: 'roleplay/roleplaying-games' };

interface Truth {
  /** model → tag → samples carrying it. */
  tags: Map<string, Map<string, number>>;
  /** model → classified samples. */
  samples: Map<string, number>;
  /** week → model → samples (to know what a week holds). */
  weekSamples: Map<string, Map<string, number>>;
  weekTags: Map<string, Map<string, Map<string, number>>>;
}

const bump = <K>(m: Map<K, number>, k: K, v = 1) => m.set(k, (m.get(k) ?? 0) + v);
function child<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) m.set(k, (v = make()));
  return v;
}

/**
 * Synthetic traffic (the generator's models, users and weeks) at rate 0.2. Each sampled event gets its true
 * category's canonical label; every third one also a developer-tools label, every fifth one a roleplaying label,
 * so samples carry one to three tags. The truth is counted here, from the labels given, per model and week.
 */
function scenario() {
  const c = createInMemoryCensus({ rate: RATE, salt: 'tags-by-model', view });
  const truth: Truth = { tags: new Map(), samples: new Map(), weekSamples: new Map(), weekTags: new Map() };
  let i = 0;
  for (const { event, category } of syntheticEvents({ events: 24_000, weeks: 4, seed: 11 })) {
    const e = toGenerationEvent(event);
    const sample = c.ingest(e);
    if (!sample) continue;
    const labels: ClassifierLabel[] = [];
    const tags = new Set<string>();
    if (category === 'others') tags.add('others');
    else {
      labels.push({ name: CANONICAL_PATHS[category as Exclude<CategoryId, 'others'>], confidence: 0.9 });
      tags.add(view.mapping.map(CANONICAL_PATHS[category as Exclude<CategoryId, 'others'>]).tag);
      if (i % 3 === 0) {
        labels.push({ name: DEV_TOOLS.path, confidence: 0.8 });
        tags.add(DEV_TOOLS.tag);
      }
      if (i % 5 === 0) {
        labels.push({ name: RPG.path, confidence: 0.7 });
        tags.add(RPG.tag);
      }
    }
    i++;
    c.classify(sample, labels);
    const week = isoWeek(sample.ts);
    bump(truth.samples, sample.model);
    bump(child(truth.weekSamples, week, () => new Map()), sample.model);
    for (const t of tags) {
      bump(child(truth.tags, sample.model, () => new Map()), t);
      bump(child(child(truth.weekTags, week, () => new Map()), sample.model, () => new Map()), t);
    }
  }
  return { c, truth };
}

const groupsOf = (model: string) => {
  const st = catalog.lookup(model).sourceType;
  return st === 'chinese-oss' || st === 'row-oss' ? [st, 'open'] : [st];
};

/** Per source type (and 'open'), summed from the per-model truth with the catalog. */
function byGroup(truth: Pick<Truth, 'tags' | 'samples'>) {
  const tags = new Map<string, Map<string, number>>();
  const samples = new Map<string, number>();
  for (const [m, n] of truth.samples) for (const g of groupsOf(m)) bump(samples, g, n);
  for (const [m, t] of truth.tags) for (const g of groupsOf(m)) for (const [tag, n] of t) bump(child(tags, g, () => new Map()), tag, n);
  return { tags, samples };
}

/** A breakdown's tag cells against the truth: counts, shares, Wilson intervals, estimates and suppression. */
function expectTagsMatch(b: SampledBreakdown, truthTags: Map<string, number>, n: number): { shown: number; suppressed: number } {
  const where = `breakdown ${b.key}`;
  expect(b.tags.map((t) => t.tag).sort(), where).toEqual([...truthTags.keys()].sort());
  let shown = 0;
  let suppressed = 0;
  if (b.suppressed) {
    expect(b.tagSamples, where).toBeNull();
    for (const t of b.tags) expect(t, `${where} ${t.tag}`).toMatchObject({ suppressed: true, sampledRequests: null, share: null, estimatedRequests: null });
    return { shown, suppressed: b.tags.length };
  }
  expect(b.tagSamples, where).toBe(n);
  for (const t of b.tags) {
    const k = truthTags.get(t.tag)!;
    if (k < MIN_SAMPLES) {
      expect(t, `${where} ${t.tag}`).toEqual({
        tag: t.tag, category: t.tag.split('/')[0], sampledRequests: null, share: null, shareLow: null, shareHigh: null, estimatedRequests: null, suppressed: true,
      });
      suppressed++;
      continue;
    }
    const ci = wilsonInterval(k, n);
    expect(t, `${where} ${t.tag}`).toEqual({
      tag: t.tag, category: t.tag.split('/')[0], sampledRequests: k, share: k / n, shareLow: ci.low, shareHigh: ci.high,
      estimatedRequests: { value: expect.closeTo(k / RATE, 6), low: expect.closeTo((ci.low * n) / RATE, 6), high: expect.closeTo((ci.high * n) / RATE, 6) },
      suppressed: false,
    });
    shown++;
  }
  // Shown cells first, largest first; suppressed ones after, in key order.
  const flags = b.tags.map((t) => t.suppressed);
  expect(flags, where).toEqual([...flags].sort((x, y) => Number(x) - Number(y)));
  const counts = b.tags.filter((t) => !t.suppressed).map((t) => t.sampledRequests!);
  expect(counts, where).toEqual([...counts].sort((x, y) => y - x));
  return { shown, suppressed };
}

describe('tags per model and per source type (tm fields), against counted truth', () => {
  const { c, truth } = scenario();
  const r = c.report({}, { minSamples: MIN_SAMPLES, minUsers: MIN_USERS });

  it('every model breakdown carries its tags: counts, shares over its samples, 95% Wilson intervals, estimates, suppression', () => {
    expect(r.sampled.byModel.map((b) => b.key).sort()).toEqual([...truth.samples.keys()].sort());
    let shown = 0;
    let suppressed = 0;
    let groupsSuppressed = 0;
    for (const b of r.sampled.byModel) {
      const got = expectTagsMatch(b, truth.tags.get(b.key)!, truth.samples.get(b.key)!);
      shown += got.shown;
      suppressed += got.suppressed;
      if (b.suppressed) groupsSuppressed++;
    }
    // The scenario exercises shown cells, suppressed cells inside shown models, and (maybe) whole small models.
    expect(shown).toBeGreaterThan(20);
    expect(suppressed).toBeGreaterThan(0);
    expect(r.sampled.byModel.filter((b) => !b.suppressed).length).toBeGreaterThan(3);
    expect(groupsSuppressed).toBeLessThan(r.sampled.byModel.length);
  });

  it('every source type (and "open") carries its tags, summed over its models with the catalog at report time', () => {
    const g = byGroup(truth);
    expect(r.sampled.bySourceType.map((b) => b.key).sort()).toEqual([...g.samples.keys()].sort());
    expect(r.sampled.bySourceType.map((b) => b.key)).toEqual(expect.arrayContaining(['closed', 'chinese-oss', 'row-oss', 'open']));
    let shown = 0;
    for (const b of r.sampled.bySourceType) {
      expect(b.samples ?? g.samples.get(b.key), b.key).toBe(g.samples.get(b.key));
      shown += expectTagsMatch(b, g.tags.get(b.key)!, g.samples.get(b.key)!).shown;
    }
    expect(shown).toBeGreaterThan(10);
    // 'open' is the two open groups together.
    const open = r.sampled.bySourceType.find((b) => b.key === 'open')!;
    expect(open.tagSamples).toBe((g.samples.get('chinese-oss') ?? 0) + (g.samples.get('row-oss') ?? 0));
  });

  it('the tags of all models add up to the overall tag figures', () => {
    for (const t of r.tags.filter((x) => !x.suppressed)) {
      let k = 0;
      for (const m of truth.tags.values()) k += m.get(t.tag) ?? 0;
      expect(t.sampledRequests, t.tag).toBe(k);
    }
    expect(r.sampled.tagSamples).toBe(r.sampled.samples);
    expect(r.warnings).toEqual([]);
  });

  it('--model: tags overall and per week come from the model\'s own tag counts', () => {
    const model = r.sampled.byModel[0]!.key;
    const one = c.report({ model }, { minSamples: MIN_SAMPLES, minUsers: MIN_USERS });
    const n = truth.samples.get(model)!;
    expect(one.sampled.tagSamples).toBe(n);
    expect(one.tags.map((t) => t.tag).sort()).toEqual([...truth.tags.get(model)!.keys()].sort());
    for (const t of one.tags.filter((x) => !x.suppressed)) {
      const k = truth.tags.get(model)!.get(t.tag)!;
      const ci = wilsonInterval(k, n);
      expect([t.sampledRequests, t.share, t.shareLow, t.shareHigh, t.estimatedRequests]).toEqual([k, k / n, ci.low, ci.high, Math.round(k / RATE)]);
    }
    for (const w of one.sampled.weekly) {
      const wn = truth.weekSamples.get(w.key)?.get(model) ?? 0;
      expect(w.tagSamples ?? wn, w.key).toBe(wn);
      const truthTags = truth.weekTags.get(w.key)?.get(model) ?? new Map<string, number>();
      expectTagsMatch(w, truthTags, wn);
    }
    expect(one.methods.tags).toMatch(/per model and per source type/);
    expect(one.methods.filters).not.toMatch(/tags are not kept per model/);
  });

  it('text: the tag-by-source-type table lists each group with its samples and top tags', () => {
    const text = renderText(r);
    expect(text).toContain('Tag share by source type');
    const closed = r.sampled.bySourceType.find((b) => b.key === 'closed')!;
    const top = closed.tags[0]!;
    const line = text.split('\n').find((l) => l.startsWith('closed ') && l.includes(top.tag))!;
    expect(line).toBeDefined();
    expect(line).toContain(closed.tagSamples!.toLocaleString('en-US'));
    expect(line).toContain(`${top.tag} ${(top.share! * 100).toFixed(1)}% (${(top.shareLow! * 100).toFixed(1)}%–${(top.shareHigh! * 100).toFixed(1)}%)`);
  });
});

describe('tags per model for samples stored before tm fields existed', () => {
  it('a scope without tm fields is left out of the per-model tags (tagSamples says how many are behind them), and a warning names its week', () => {
    const { c, truth } = scenario();
    const weeks = [...truth.weekSamples.keys()].sort();
    const old = weeks[0]!;
    // Make the first week look like data recorded before this version: no tag-per-model fields.
    let removed = 0;
    for (const [scope, fields] of c.counters) {
      if (!scope.startsWith(`k${FIELD_SEP}${old}${FIELD_SEP}`)) continue;
      for (const f of [...fields.keys()]) if (f.startsWith(`tm${FIELD_SEP}`)) (fields.delete(f), removed++);
    }
    expect(removed).toBeGreaterThan(0);
    const r: CensusReport = c.report({}, { minSamples: MIN_SAMPLES, minUsers: MIN_USERS });

    // Truth over the other weeks only.
    const later = { tags: new Map<string, Map<string, number>>(), samples: new Map<string, number>() };
    for (const w of weeks.slice(1)) {
      for (const [m, n] of truth.weekSamples.get(w)!) bump(later.samples, m, n);
      for (const [m, t] of truth.weekTags.get(w)!) for (const [tag, n] of t) bump(child(later.tags, m, () => new Map()), tag, n);
    }
    for (const b of r.sampled.byModel) {
      // Category figures still cover every week; tag figures only the weeks that record them.
      if (!b.suppressed) expect(b.samples).toBe(truth.samples.get(b.key));
      expectTagsMatch(b, later.tags.get(b.key) ?? new Map(), later.samples.get(b.key) ?? 0);
    }
    const g = byGroup(later);
    for (const b of r.sampled.bySourceType) expectTagsMatch(b, g.tags.get(b.key) ?? new Map(), g.samples.get(b.key) ?? 0);
    // The overall and weekly tag figures do not need tm fields and still cover every week.
    expect(r.sampled.tagSamples).toBe(r.sampled.samples);
    expect(r.sampled.weekly.find((w) => w.key === old)!.tagSamples).toBe(r.sampled.weekly.find((w) => w.key === old)!.samples);

    const oldSamples = [...truth.weekSamples.get(old)!.values()].reduce((a, b) => a + b, 0);
    expect(r.warnings).toEqual([
      `Tags per model and per source type leave out ${oldSamples.toLocaleString('en-US')} samples of week ${old}, classified before tags ` +
        'were recorded per model; "prompt-census rebucket" (same mapping and threshold) rebuilds the view from the stored raw labels and fills them in.',
    ]);
    // Under --model the tag figures themselves need tm fields: they leave the week out too, and say so.
    const model = r.sampled.byModel[0]!.key;
    const one = c.report({ model }, { minSamples: MIN_SAMPLES, minUsers: MIN_USERS });
    expect(one.sampled.tagSamples).toBe(later.samples.get(model));
    expect(one.sampled.samples).toBe(truth.samples.get(model));
    expect(one.sampled.weekly.find((w) => w.key === old)!.tags).toEqual([]);
    expect(one.warnings[0]).toMatch(/^Tags per model and per source type \(and, under --model, every tag figure\) leave out [\d,]+ samples of week /);
  });
});
