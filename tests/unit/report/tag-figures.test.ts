import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/config-schema.js';
import { parseEvent } from '../../../src/event/parse-event.js';
import { wilsonInterval } from '../../../src/report/wilson-interval.js';
import { labelsToCategories } from '../../../src/taxonomy/labels-to-categories.js';
import { categoryViewFor } from '../../../src/worker/category-view.js';
import type { CategoryId } from '../../../src/generate/study-shares.js';
import { createInMemoryCensus, oracleLabels } from './in-memory-census.js';

const view = categoryViewFor(configSchema.parse({}));
const RATE = 0.5;

/** Events over two weeks at rate 0.5; sampled ones are classified programming / roleplay, and 3 legal (a small tag). */
function scenario() {
  const c = createInMemoryCensus({ rate: RATE, salt: 'tags', view });
  const sampled: Array<{ week: string; category: CategoryId }> = [];
  let legal = 0;
  for (let i = 0; i < 400; i++) {
    const day = i < 200 ? '2025-06-03' : '2025-06-10';
    const p = parseEvent({ id: `t${i}`, createdAt: `${day}T08:00:00Z`, model: 'openai/gpt-4o', usage: { promptTokens: 10, completionTokens: 1 }, userId: `u${i % 40}`, prompt: 'x' });
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    const s = c.ingest(p.event);
    if (!s) continue;
    const category: CategoryId = legal < 3 ? 'legal' : i % 3 === 0 ? 'roleplay' : 'programming';
    if (category === 'legal') legal++;
    c.classify(s, oracleLabels(category));
    sampled.push({ week: day === '2025-06-03' ? '2025-W23' : '2025-W24', category });
  }
  return { c, sampled };
}

const tagOf = (category: CategoryId) => labelsToCategories(oracleLabels(category), view.minConfidence, view.mapping).tag;

describe('tag figures: estimate scaled by 1 / rate, 95% Wilson interval, suppression', () => {
  const { c, sampled } = scenario();
  const r = c.report();
  const n = sampled.length;

  it('top-level tags carry estimatedRequests and a share with its interval, like categories', () => {
    expect(n).toBeGreaterThan(150);
    for (const category of ['programming', 'roleplay'] as const) {
      const k = sampled.filter((s) => s.category === category).length;
      const ci = wilsonInterval(k, n);
      expect(r.tags.find((t) => t.tag === tagOf(category))).toEqual({
        tag: tagOf(category), category, sampledRequests: k, estimatedRequests: Math.round(k / RATE),
        estimatedRequestsLow: Math.round((ci.low * n) / RATE), estimatedRequestsHigh: Math.round((ci.high * n) / RATE),
        share: k / n, shareLow: ci.low, shareHigh: ci.high, suppressed: false,
      });
      // The same figures as the category the tag rolls up into (one tag per category here).
      const cat = r.categories.find((x) => x.category === category)!;
      expect([cat.share, cat.shareLow, cat.shareHigh, cat.estimatedRequests]).toEqual([k / n, ci.low, ci.high, Math.round(k / RATE)]);
    }
    expect(r.tags.find((t) => t.tag === tagOf('legal'))).toMatchObject({ suppressed: true, sampledRequests: null, share: null, estimatedRequests: null });
    // Suppressed tags come last, in key order: their position tells nothing about their size.
    expect(r.tags[r.tags.length - 1]!.suppressed).toBe(true);
  });

  it('weekly tags carry the same: estimate with interval, suppression', () => {
    for (const week of ['2025-W23', '2025-W24']) {
      const inWeek = sampled.filter((s) => s.week === week);
      const b = r.sampled.weekly.find((w) => w.key === week)!;
      expect(b.samples).toBe(inWeek.length);
      const k = inWeek.filter((s) => s.category === 'programming').length;
      const ci = wilsonInterval(k, inWeek.length);
      expect(b.tags!.find((t) => t.tag === tagOf('programming'))).toEqual({
        tag: tagOf('programming'), category: 'programming', sampledRequests: k, share: k / inWeek.length, shareLow: ci.low, shareHigh: ci.high,
        estimatedRequests: { value: k / RATE, low: (ci.low * inWeek.length) / RATE, high: (ci.high * inWeek.length) / RATE }, suppressed: false,
      });
    }
    const legalWeek = r.sampled.weekly.find((w) => w.key === sampled.find((s) => s.category === 'legal')!.week)!;
    expect(legalWeek.tags!.find((t) => t.tag === tagOf('legal'))).toMatchObject({ suppressed: true, sampledRequests: null, share: null, estimatedRequests: null });
  });

  it('per model and per source type the same tag cells, over the same samples as the categories', () => {
    const model = r.sampled.byModel.find((b) => b.key === 'openai/gpt-4o')!;
    expect(model.tagSamples).toBe(n);
    const k = sampled.filter((s) => s.category === 'roleplay').length;
    const ci = wilsonInterval(k, n);
    const cell = { tag: tagOf('roleplay'), category: 'roleplay', sampledRequests: k, share: k / n, shareLow: ci.low, shareHigh: ci.high, suppressed: false };
    expect(model.tags.find((t) => t.tag === tagOf('roleplay'))).toMatchObject(cell);
    // gpt-4o is closed: its source type holds the same samples.
    const closed = r.sampled.bySourceType.find((b) => b.key === 'closed')!;
    expect(closed.tagSamples).toBe(n);
    expect(closed.tags).toEqual(model.tags);
    expect(closed.tags.find((t) => t.tag === tagOf('legal'))).toMatchObject({ suppressed: true, sampledRequests: null, share: null });
    expect(r.methods.tags).toMatch(/per model and per source type/);
    expect(r.methods.tags).not.toMatch(/not per model/);
    expect(r.method).toMatch(/category \(tag\)/);
  });
});
