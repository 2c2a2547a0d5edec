import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/config-schema.js';
import { parseEvent } from '../../../src/event/parse-event.js';
import { loadHtmlAssets } from '../../../src/report/html-assets.js';
import { publishedReport } from '../../../src/report/published-report.js';
import { jsonForScript, renderHtml, scriptSafe } from '../../../src/report/render-html.js';
import { wilsonInterval } from '../../../src/report/wilson-interval.js';
import { categoryViewFor } from '../../../src/worker/category-view.js';
import { createInMemoryCensus, oracleLabels, syntheticEvents, toGenerationEvent } from './in-memory-census.js';
import { runClientScript } from './run-client-script.js';

/** Every figure the HTML report draws (retention figures are numbered per model). */
const FIGURES = [
  'fig-source-over-time', 'fig-top-models', 'fig-size-classes', 'fig-categories', 'fig-categories-open',
  'fig-categories-chinese-open', 'fig-programming-roleplay', 'fig-tags-source-type', 'fig-reasoning', 'fig-tool-calls',
  'fig-lengths-time', 'fig-lengths-category', 'fig-prompt-percentiles-category', 'fig-completion-percentiles-category',
  'fig-regions', 'fig-languages', 'fig-cost-usage',
];

describe('renderHtml', () => {
  it('inlines the chart library and the data; no value can close a script element', async () => {
    const census = createInMemoryCensus({ rate: 0, salt: 's', view: categoryViewFor(configSchema.parse({})) });
    const hostile = 'evil/</script><script>alert(1)</script>';
    for (let i = 0; i < 12; i++) {
      const p = parseEvent({
        id: `h${i}`, createdAt: '2025-06-03T10:00:00Z', model: hostile, usage: { promptTokens: 5, completionTokens: 5 }, userId: `u${i}`,
      });
      if (!p.ok) throw new Error(JSON.stringify(p.errors));
      census.ingest(p.event);
    }
    const report = census.report();
    const assets = await loadHtmlAssets();
    expect(assets.versions).toMatch(/^chart\.js \d+\.\d+\.\d+, chartjs-chart-error-bars \d+\.\d+\.\d+$/);
    const html = renderHtml(report, assets);
    // Exactly the four script elements the renderer writes: data, chart.js, error bars, figures.
    expect(html.match(/<script\b/g)).toHaveLength(4);
    expect(html.match(/<\/script>/g)).toHaveLength(4);
    expect(html).not.toContain('alert(1)</script>');
    expect(html).not.toMatch(/\b(src|href)=["']?https?:/i);
    expect(html).not.toContain('sourceMappingURL');
    // The embedded JSON reads back as the published report.
    const json = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(publishedReport(report))));
  });

  it('writes the warnings into the page, escaped (a --classifier value is the user\'s text)', async () => {
    const census = createInMemoryCensus({ rate: 1, salt: 's', view: categoryViewFor(configSchema.parse({})) });
    const p = parseEvent({ id: 'w1', createdAt: '2025-06-03T10:00:00Z', model: 'm', usage: { promptTokens: 1, completionTokens: 1 }, prompt: 'x' });
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    census.classify(census.ingest(p.event)!, oracleLabels('programming'));
    const hostile = '</section><script>alert(1)</script>';
    const report = census.report({ classifier: hostile });
    expect(report.warnings).toHaveLength(1);
    const html = renderHtml(report, await loadHtmlAssets());
    expect(html.match(/<script\b/g)).toHaveLength(4);
    const section = /<section id="warnings" role="alert">([\s\S]*?)<\/section>/.exec(html)![1]!;
    expect(section).toContain('--classifier &lt;/section&gt;&lt;script&gt;alert(1)&lt;/script&gt; matches no classifier');
    expect(section).toContain('oracle/1');
    // No warnings: the section is empty (and hidden by CSS).
    expect(renderHtml(census.report(), await loadHtmlAssets())).toContain('<section id="warnings" role="alert"></section>');
  });

  it('escapes "</" in code and "<" in JSON', () => {
    expect(scriptSafe('a = "</script>"')).toBe('a = "<\\/script>"');
    expect(jsonForScript({ x: '</script><!--' })).toBe('{"x":"\\u003c/script>\\u003c!--"}');
  });

  it('the page script builds every figure from the embedded data, with notes that match what is drawn', async () => {
    const census = createInMemoryCensus({ rate: 0.1, salt: 'html', view: categoryViewFor(configSchema.parse({})) });
    let i = 0;
    for (const { event, category } of syntheticEvents({ events: 8_000, weeks: 10, seed: 4 })) {
      const e = toGenerationEvent(event);
      const sample = census.ingest(e);
      if (sample) census.classify(sample, oracleLabels(category), i++ % 5 === 0 ? 'fr' : 'en');
    }
    const report = census.report();
    const run = runClientScript(renderHtml(report, await loadHtmlAssets()));
    expect(run.consoleErrors).toEqual([]);
    expect(run.ready).toBe('ready');
    for (const id of FIGURES) {
      const f = run.figures.find((x) => x.id === id);
      expect(f, `figure ${id}`).toMatchObject({ ok: true });
      expect(f!.points, `figure ${id} has no data`).toBeGreaterThan(0);
    }
    expect(run.figures.some((f) => f.id.startsWith('fig-retention-') && f.points > 0)).toBe(true);

    // Cost vs usage: the note describes the error bars the chart draws (both axes, 95%).
    const note = run.text('fig-cost-usage');
    expect(note).toContain('vertical for cost per 1M tokens (delta method');
    expect(note).not.toMatch(/No interval on cost/);
    const points = run.charts.get('fig-cost-usage')!.data.datasets[0]!.data as Array<{ y: number; yMin: number; yMax: number; xMin: number; xMax: number; x: number }>;
    expect(points.length).toBeGreaterThan(3);
    expect(points.some((p) => p.yMin < p.y && p.y < p.yMax)).toBe(true);
    expect(points.every((p) => p.xMin <= p.x && p.x <= p.xMax)).toBe(true);
    expect(report.methods.costPer1M).toMatch(/vertical error bar/);

    // Tags by source type: one dataset per shown source type, each bar the group's tag share with its Wilson interval
    // (horizontal bars, so the estimate is x); programming and roleplay tags come first.
    const tagChart = run.charts.get('fig-tags-source-type')!;
    const tagLabels = tagChart.data.labels as string[];
    expect(tagLabels.length).toBeGreaterThan(2);
    expect(tagLabels.length).toBeLessThanOrEqual(10);
    const firstOther = tagLabels.findIndex((t) => !/^(programming|roleplay)\//.test(t));
    const split = firstOther < 0 ? tagLabels.length : firstOther;
    expect(split).toBeGreaterThan(0);
    expect(tagLabels.slice(split).every((t) => !/^(programming|roleplay)\//.test(t))).toBe(true);
    const groups = report.sampled.bySourceType.filter((b) => ['closed', 'chinese-oss', 'row-oss', 'unknown'].includes(b.key) && !b.suppressed && b.tagSamples !== null);
    expect(tagChart.data.datasets).toHaveLength(groups.length);
    let bars = 0;
    tagChart.data.datasets.forEach((ds, i) => {
      const g = groups[i]!;
      tagLabels.forEach((tag, j) => {
        const cell = g.tags.find((t) => t.tag === tag);
        const point = ds.data[j] as { x: number | null; xMin: number | null; xMax: number | null };
        if (cell && cell.suppressed) return expect(point).toEqual({ x: null, xMin: null, xMax: null });
        // A tag the group never received: share 0, with the Wilson interval of 0 of its samples.
        if (!cell) return expect(point).toEqual({ x: 0, xMin: 0, xMax: expect.closeTo(wilsonInterval(0, g.tagSamples!).high * 100, 9) });
        expect(point).toEqual({ x: cell.share! * 100, xMin: cell.shareLow! * 100, xMax: cell.shareHigh! * 100 });
        expect(point.xMin!).toBeLessThan(point.x!);
        bars++;
      });
    });
    expect(bars).toBeGreaterThan(3);
    expect(run.text('fig-tags-source-type')).toContain('95% Wilson CI');
    expect((tagChart.options as { indexAxis: string }).indexAxis).toBe('y');

    // Length percentiles by category: p50 / p90 / p99 with their intervals, on a labelled log axis.
    for (const [id, key] of [['fig-prompt-percentiles-category', 'Prompt'], ['fig-completion-percentiles-category', 'Completion']] as const) {
      const chart = run.charts.get(id)!;
      const rows = report.shapes.byCategory.filter((c) => !c.suppressed && c[`p50${key}Tokens`]);
      expect(rows.length).toBeGreaterThan(3);
      expect(chart.data.datasets.map((d) => d.label)).toEqual(['p50', 'p90', 'p99'].map((q) => `${q} ${key.toLowerCase()} tokens`));
      chart.data.datasets.forEach((ds, qi) => {
        const q = (['p50', 'p90', 'p99'] as const)[qi]!;
        rows.forEach((c, j) => {
          const e = c[`${q}${key}Tokens`]!;
          expect(ds.data[j]).toMatchObject({ x: e.value, xMax: e.high });
          expect((ds.data[j] as { xMin: number }).xMin).toBeLessThanOrEqual(e.value);
        });
      });
      // Horizontal bars on a labelled log axis, every category named on the other.
      const o = chart.options as { indexAxis: string; scales: { x: { type: string; title: { text: string } }; y: { title: { text: string } } } };
      expect(o.indexAxis).toBe('y');
      expect(o.scales.x.type).toBe('logarithmic');
      expect(o.scales.x.title.text).toBe(`${key.toLowerCase()} tokens per request (log)`);
      expect(chart.data.labels).toEqual(rows.map((c) => expect.stringContaining(`(n = ${c.promptCompletionSamples!.toLocaleString('en-US')})`)));
    }

    // Header and method note name the classifier, the window and the failure reasons.
    expect(run.text('window')).toContain('categories from oracle/1');
    const methods = run.text('methods').replace(/\s+/g, ' ');
    expect(methods).toContain(`this window: ${report.window.note}`);
    expect(methods).toContain('oracle/1 (');
    expect(methods).toContain('sample size');
  });
});
