import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/config-schema.js';
import { parseEvent } from '../../../src/event/parse-event.js';
import { loadHtmlAssets } from '../../../src/report/html-assets.js';
import { jsonForScript, renderHtml, scriptSafe } from '../../../src/report/render-html.js';
import { categoryViewFor } from '../../../src/worker/category-view.js';
import { createInMemoryCensus } from './in-memory-census.js';

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
    // The embedded JSON reads back as the report.
    const json = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('escapes "</" in code and "<" in JSON', () => {
    expect(scriptSafe('a = "</script>"')).toBe('a = "<\\/script>"');
    expect(jsonForScript({ x: '</script><!--' })).toBe('{"x":"\\u003c/script>\\u003c!--"}');
  });
});
