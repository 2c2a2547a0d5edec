import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/config-schema.js';
import { parseEvent } from '../../../src/event/parse-event.js';
import type { BatchDeltas } from '../../../src/pipeline/batch-deltas.js';
import { classifiedDeltas, failedSampleDeltas } from '../../../src/pipeline/classification-deltas.js';
import { loadHtmlAssets } from '../../../src/report/html-assets.js';
import { renderHtml } from '../../../src/report/render-html.js';
import { renderText } from '../../../src/report/render-text.js';
import { categoryViewFor } from '../../../src/worker/category-view.js';
import { createInMemoryCensus, oracleLabels, type InMemoryCensus } from './in-memory-census.js';

const config = configSchema.parse({});
const view = categoryViewFor(config);

function merge(c: InMemoryCensus, d: BatchDeltas) {
  for (const [scope, fields] of d.counters) {
    let m = c.counters.get(scope);
    if (!m) c.counters.set(scope, (m = new Map()));
    for (const [f, v] of fields) m.set(f, (m.get(f) ?? 0) + v);
  }
}

/** One store written by two classifiers: google/v2 says programming, local/2026.1 says roleplay. */
function twoClassifiers() {
  const c = createInMemoryCensus({ rate: 1, salt: 's', view, classifierVersion: 'google/v2' });
  for (let i = 0; i < 30; i++) {
    const p = parseEvent({
      id: `e${i}`, createdAt: '2025-06-03T10:00:00Z', model: 'openai/gpt-4o', usage: { promptTokens: 50, completionTokens: 5 }, userId: `u${i}`, prompt: 'x',
    });
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    const s = c.ingest(p.event)!;
    if (i < 20) c.classify(s, oracleLabels('programming'));
    else {
      merge(c, classifiedDeltas({ week: '2025-W23', classifier: 'local/2026.1', labels: oracleLabels('roleplay'), model: s.model, promptTokens: 50, completionTokens: 5, costNano: 0 }, view).deltas);
    }
  }
  // Failed samples, with their reasons: 3 permanent (google), 2 after the last retry (local).
  for (let i = 0; i < 3; i++) merge(c, failedSampleDeltas('2025-W23', 'google/v2', 'unclassifiable', 'invalid_argument'));
  for (let i = 0; i < 2; i++) merge(c, failedSampleDeltas('2025-W23', 'local/2026.1', 'error', 'timeout'));
  return c;
}

describe('category figures and the classifiers behind them', () => {
  const c = twoClassifiers();

  it('warns when category figures mix classifier versions without a --classifier filter, naming each', async () => {
    const r = c.report();
    expect(r.categories.find((x) => x.category === 'programming')!.sampledRequests).toBe(20);
    expect(r.categories.find((x) => x.category === 'roleplay')!.sampledRequests).toBe(10);
    expect(r.classifiers).toEqual([
      { classifier: 'google/v2', samples: 23, answered: 20, failed: 3 },
      { classifier: 'local/2026.1', samples: 12, answered: 10, failed: 2 },
    ]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/mix 2 classifier versions: google\/v2 \(20 samples\), local\/2026\.1 \(10 samples\)/);
    expect(r.warnings[0]).toContain('--classifier');

    const text = renderText(r);
    expect(text).toContain(`WARNING: ${r.warnings[0]}`);
    expect(text).toContain('Category figures from classifiers google/v2 (20 samples), local/2026.1 (10 samples)');

    const html = renderHtml(r, await loadHtmlAssets());
    const section = /<section id="warnings" role="alert">([\s\S]*?)<\/section>/.exec(html)![1]!;
    expect(section).toContain('mix 2 classifier versions: google/v2 (20 samples), local/2026.1 (10 samples)');
  });

  it('--classifier keeps one classifier (kind or full version) and then has nothing to warn about', () => {
    for (const filter of ['google', 'google/v2']) {
      const r = c.report({ classifier: filter });
      expect(r.warnings).toEqual([]);
      expect(r.categories.find((x) => x.category === 'programming')!.sampledRequests).toBe(20);
      expect(r.categories.find((x) => x.category === 'roleplay')!.sampledRequests).toBe(0);
      expect(r.classifiers.map((x) => x.classifier)).toEqual(['google/v2']);
      expect(renderText(r)).toContain('Category figures from classifier google/v2 (20 samples)');
    }
  });

  it('--classifier that matches nothing warns and lists the classifiers that exist', () => {
    const r = c.report({ classifier: 'nope' });
    expect(r.sampled.samples).toBe(0);
    expect(r.warnings).toEqual([
      '--classifier nope matches no classifier in this window, so every category figure is empty. Classifiers with samples in this window: google/v2, local/2026.1.',
    ]);
    expect(renderText(r)).toContain('WARNING: --classifier nope matches no classifier');
    // A classifier that has samples only outside the window is named as such.
    const outside = c.report({ classifier: 'local', from: '2025-07-01' });
    expect(outside.warnings.join(' ')).toMatch(/No classifier has samples in this window\. It matches local\/2026\.1, which has samples only outside the window\./);
  });

  it('warns when the category view has no data but other views do', () => {
    const other = categoryViewFor(config, { minConfidence: 0.95 });
    const r = c.report({ classifier: 'google' }, { view: other });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain(`No category figures under view ${other.id}`);
    expect(r.warnings[0]).toContain(view.id);
    expect(r.warnings[0]).toContain('rebucket');
  });

  it('reports why samples failed, per outcome and reason, in JSON and text', () => {
    const r = c.report();
    expect(r.sampling.unclassifiable).toBe(3);
    expect(r.sampling.classifierErrors).toBe(2);
    expect(r.sampling.failureReasons).toEqual([
      { outcome: 'unclassifiable', reason: 'invalid_argument', samples: 3 },
      { outcome: 'error', reason: 'timeout', samples: 2 },
    ]);
    expect(c.report({ classifier: 'local' }).sampling.failureReasons).toEqual([{ outcome: 'error', reason: 'timeout', samples: 2 }]);
    const text = renderText(r);
    expect(text).toContain('Failed samples by reason');
    expect(text).toMatch(/^unclassifiable\s+invalid_argument\s+3$/m);
    expect(text).toMatch(/^classifier error\s+timeout\s+2$/m);
  });
});
