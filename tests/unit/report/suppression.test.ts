import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/config-schema.js';
import { parseEvent } from '../../../src/event/parse-event.js';
import type { CensusReport } from '../../../src/report/census-report.js';
import { loadHtmlAssets } from '../../../src/report/html-assets.js';
import { publishedReport } from '../../../src/report/published-report.js';
import { renderHtml } from '../../../src/report/render-html.js';
import { renderText } from '../../../src/report/render-text.js';
import { categoryViewFor } from '../../../src/worker/category-view.js';
import { createInMemoryCensus, oracleLabels } from './in-memory-census.js';
import { runClientScript } from './run-client-script.js';
import { suppressedNumbers, suppressedPaths } from './suppressed-numbers.js';

const view = categoryViewFor(configSchema.parse({}));

function event(id: string, day: string, model: string, user: string, country: string) {
  const p = parseEvent({
    id, createdAt: `${day}T12:00:00Z`, model, provider: 'P', usage: { promptTokens: 100, completionTokens: 10 }, costUsd: 0.001,
    userId: user, billingCountry: country, prompt: 'a prompt',
  });
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.event;
}

/**
 * Every event sampled (rate 1). Week W23: 20 users of gpt-4o (programming, English), 3 users of gpt-4o-mini (legal,
 * French, Kenya). Week W24: 2 users of gpt-4o (programming). Thresholds: 10 users, 5 samples.
 */
function smallCellsReport(): CensusReport {
  const c = createInMemoryCensus({ rate: 1, salt: 's', view });
  let i = 0;
  for (let u = 0; u < 20; u++) c.classify(c.ingest(event(`a${i++}`, '2025-06-03', 'openai/gpt-4o', `big${u}`, 'DE'))!, oracleLabels('programming'), 'en');
  for (let u = 0; u < 3; u++) c.classify(c.ingest(event(`a${i++}`, '2025-06-04', 'openai/gpt-4o-mini', `small${u}`, 'KE'))!, oracleLabels('legal'), 'fr');
  for (let u = 0; u < 2; u++) c.classify(c.ingest(event(`a${i++}`, '2025-06-10', 'openai/gpt-4o', `big${u}`, 'DE'))!, oracleLabels('programming'), 'en');
  return c.report();
}

const legalTag = (r: CensusReport) => r.tags.find((t) => t.category === 'legal')!.tag;

describe('small-cell suppression: a suppressed cell shows no numbers in any format', () => {
  const r = smallCellsReport();

  it('JSON: every row flagged suppressed keeps its key and flag, and every number in it is null', () => {
    // The scenario does produce suppressed cells in every family of figures.
    const paths = suppressedPaths(r).map((p) => p.replace(/\[\d+\]/g, '[]'));
    for (const family of [
      'categories[]', 'tags[]', 'shapes.byCategory[]', 'sampled.costVsUsage.categories[]', 'sampled.byModel[]', 'sampled.weekly[]',
      'sampled.weekly[].tags[]', 'sampled.byModel[].tags[]', 'sampled.bySourceType[].tags[]', 'sampled.categorySourceSplit[]', 'sampled.languages[]', 'byWeek[]', 'byDay[]', 'byModel[]',
      'dimensions.model[]', 'weekly[].totals', 'toolUse.weekly[]', 'shapes.weekly[]', 'reasoningShare.weekly[]', 'geography.countries[]',
    ]) {
      expect(paths, family).toContain(family);
    }
    expect(suppressedNumbers(r)).toEqual([]);

    expect(r.categories.find((x) => x.category === 'legal')).toEqual({
      category: 'legal', name: 'Legal', suppressed: true, primarySuppressed: true, sampledRequests: null, estimatedRequests: null,
      share: null, shareLow: null, shareHigh: null, estimatedRequestsLow: null, estimatedRequestsHigh: null, primarySampledRequests: null,
      primaryShare: null, primaryShareLow: null, primaryShareHigh: null, shareFamilyLow: null, shareFamilyHigh: null,
      primaryShareFamilyLow: null, primaryShareFamilyHigh: null, tokenShare: null,
    });
    expect(r.tags.find((t) => t.tag === legalTag(r))).toMatchObject({ category: 'legal', suppressed: true, sampledRequests: null, estimatedRequests: null, share: null });
    expect(r.shapes.byCategory.find((x) => x.category === 'legal')).toMatchObject({ suppressed: true, samples: null, meanTotalTokens: null });
    expect(r.sampled.costVsUsage.categories.find((x) => x.category === 'legal')).toMatchObject({ suppressed: true, samples: null, costPer1M: null });
    expect(r.sampled.byModel.find((b) => b.key === 'openai/gpt-4o-mini')).toMatchObject({ suppressed: true, samples: null, tagSamples: null });
    expect(r.sampled.bySourceType.find((b) => b.key === 'closed')!.tags.find((t) => t.tag === legalTag(r))).toMatchObject({ suppressed: true, sampledRequests: null, share: null });
    expect(r.sampled.languages.find((l) => l.language === 'fr')).toMatchObject({ suppressed: true, sampledRequests: null, estimatedRequests: null, requestShare: null });
    expect(r.sampled.weekly.find((w) => w.key === '2025-W24')).toMatchObject({ suppressed: true, samples: null });
    // Shown cells keep their numbers.
    expect(r.categories.find((x) => x.category === 'programming')).toMatchObject({ suppressed: false, sampledRequests: 22, estimatedRequests: 22 });
    expect(r.sampled.weekly.find((w) => w.key === '2025-W23')).toMatchObject({ suppressed: false, samples: 23 });
  });

  it('JSON: totals, byModel, byProvider, byWeek and byDay stay exact but carry users and suppressed', () => {
    expect(r.totals.requests).toBe(25);
    expect(r.byWeek).toEqual([
      expect.objectContaining({ week: '2025-W23', requests: 23, users: 23, suppressed: false }),
      expect.objectContaining({ week: '2025-W24', requests: 2, users: null, suppressed: true }),
    ]);
    expect(r.byDay).toEqual([
      expect.objectContaining({ day: '2025-06-03', requests: 20, users: 20, suppressed: false }),
      expect.objectContaining({ day: '2025-06-04', requests: 3, users: null, suppressed: true }),
      expect.objectContaining({ day: '2025-06-10', requests: 2, users: null, suppressed: true }),
    ]);
    expect(r.byModel.find((m) => m.model === 'openai/gpt-4o-mini')).toMatchObject({ requests: 3, users: null, suppressed: true });
    expect(r.byProvider).toEqual([expect.objectContaining({ provider: 'P', requests: 25, users: 23, suppressed: false })]);
    expect(r.suppression.rule).toMatch(/totals and the rows of byModel, byProvider, byWeek and byDay stay exact/);
    expect(r.method).toContain(r.suppression.rule);
  });

  it('text: a suppressed row prints "suppressed" and no number', () => {
    const text = renderText(r);
    const tag = legalTag(r);
    expect(text).toMatch(/^Legal\s+suppressed$/m);
    expect(text).toMatch(new RegExp(`^${tag}\\s+legal\\s+suppressed$`, 'm'));
    expect(text).toMatch(/^2025-W24\s+suppressed$/m);
    expect(text).toMatch(/^openai\/gpt-4o-mini\s+suppressed$/m);
    expect(text).toMatch(/^legal\s+suppressed$/m); // cost vs usage
    expect(text).toMatch(/^fr\s+suppressed$/m); // languages
    // No line that says "suppressed" carries a figure: only keys (model ids, weeks, months) beside the word.
    for (const line of text.split('\n').filter((l) => /\bsuppressed\b/.test(l) && !/^Suppression:/.test(l))) {
      const cells = line.trim().split(/\s{2,}/);
      const figures = cells.filter((c) => c !== 'suppressed' && /\d/.test(c) && !/[a-zA-Z]/.test(c.replace(/[kMB]$/, '')) && !/^\d{4}-\d{2}(-\d{2})?$/.test(c));
      expect(figures, line).toEqual([]);
    }
  });

  it('HTML: the page embeds only published data, in which no suppressed cell (not even byModel/byWeek rows) has a number', async () => {
    const html = renderHtml(r, await loadHtmlAssets());
    const json = JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!);
    expect(json).toEqual(JSON.parse(JSON.stringify(publishedReport(r))));
    expect(suppressedNumbers(json, [])).toEqual([]);
    expect(json.byWeek.find((w: { week: string }) => w.week === '2025-W24')).toMatchObject({ requests: null, promptTokens: null, costUsd: null, suppressed: true });
    expect(json.byModel.find((m: { model: string }) => m.model === 'openai/gpt-4o')).toMatchObject({ requests: 22, suppressed: false });
    expect(json.totals.requests).toBe(25);
    // The page script draws from those nulls without an error, and names what it left out.
    const run = runClientScript(html);
    expect(run.consoleErrors).toEqual([]);
    expect(run.figures.every((f) => f.ok)).toBe(true);
    expect(run.text('fig-categories')).toContain('Suppressed (too few samples): Legal.');
    expect(run.text('fig-cost-usage')).toContain('Suppressed (too few samples): Legal.');
    expect(run.text('fig-tool-calls')).toContain('Suppressed (too few users): 2025-W24.');
  });

  it('publishedReport leaves the report itself unchanged', () => {
    const before = JSON.stringify(r);
    publishedReport(r);
    expect(JSON.stringify(r)).toBe(before);
  });
});
