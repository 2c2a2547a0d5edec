import type { CensusReport, Estimate } from './census-report.js';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const usd = (x: number) => `$${x.toFixed(x < 10 ? 4 : 2)}`;

function table(headers: string[], rows: string[][], alignRight: boolean[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (alignRight[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The key tables for a terminal. */
export function renderText(r: CensusReport): string {
  const out: string[] = [];
  const weeks = r.window.weeks;
  const span = r.window.from || r.window.to ? `${r.window.from ?? '…'} to ${r.window.to ?? '…'}` : weeks.length ? `${weeks[0]} … ${weeks[weeks.length - 1]}` : '(no data)';
  out.push(`prompt-census report  ${span}` +
    (r.filters.model ? `  model=${r.filters.model}` : '') + (r.filters.classifier ? `  classifier=${r.filters.classifier}` : ''));
  for (const w of r.warnings) out.push(`WARNING: ${w}`);
  if (r.window.weeksPartial.length) out.push(`Window: ${r.window.note}`);
  out.push('');
  out.push(
    `requests ${int(r.totals.requests)}   prompt tokens ${int(r.totals.promptTokens)}   completion tokens ${int(r.totals.completionTokens)}   ` +
      `reasoning ${int(r.totals.reasoningTokens)}   cached ${int(r.totals.cachedTokens)}   cost ${usd(r.totals.costUsd)}`,
  );
  out.push('');
  out.push('Top models by tokens');
  out.push(
    table(
      ['model', 'requests', 'prompt tok', 'completion tok', 'cost'],
      r.byModel
        .slice(0, 15)
        .map((m) =>
          m.suppressed
            ? [m.model, 'suppressed', '', '', '']
            : [m.model, int(m.requests), int(m.promptTokens), int(m.completionTokens), usd(m.costUsd)],
        ),
      [false, true, true, true, true],
    ),
  );
  out.push('');
  out.push('By week');
  out.push(
    table(
      ['week', 'requests', 'prompt tok', 'completion tok'],
      r.byWeek.map((w) => (w.suppressed ? [w.week, 'suppressed', '', ''] : [w.week, int(w.requests), int(w.promptTokens), int(w.completionTokens)])),
      [false, true, true, true],
    ),
  );
  out.push('');
  const s = r.sampling;
  out.push(
    `Sampling: rate ${s.rate}  seen ${int(s.eventsSeen)}  sampled ${int(s.eventsSampled)}  classified ${int(s.classified)}  ` +
      `below threshold ${int(s.belowThreshold)}  unclassifiable ${int(s.unclassifiable)}  classifier errors ${int(s.classifierErrors)}  ` +
      `consent denied ${int(s.consentDenied)}`,
  );
  if (s.failureReasons.length) {
    out.push(
      '',
      'Failed samples by reason',
      table(
        ['outcome', 'reason', 'samples'],
        s.failureReasons.map((f) => [f.outcome === 'error' ? 'classifier error' : 'unclassifiable', f.reason, int(f.samples)]),
        [false, false, true],
      ),
    );
  }
  out.push('');
  out.push(`Category view: mapping ${r.view.mappingVersion}, min confidence ${r.view.minConfidence}`);
  const behind = r.classifiers.filter((c) => c.answered > 0);
  out.push(
    behind.length
      ? `Category figures from ${behind.length === 1 ? 'classifier' : 'classifiers'} ${behind.map((c) => `${c.classifier} (${int(c.answered)} samples)`).join(', ')}`
      : 'Category figures from no classifier: no classified samples in this window',
  );
  out.push('');
  out.push('Categories (sampled; share of classified samples, 95% Wilson interval)');
  out.push(
    table(
      ['category', 'samples', 'share', '95% CI', 'est. requests'],
      r.categories
        .filter((c) => c.suppressed || (c.sampledRequests ?? 0) > 0)
        .map((c) =>
          c.suppressed
            ? [c.name, 'suppressed', '', '', '']
            : [c.name, opt(c.sampledRequests, int), opt(c.share, pct), `${opt(c.shareLow, pct)}–${opt(c.shareHigh, pct)}`, opt(c.estimatedRequests, int)],
        ),
      [false, true, true, true, true],
    ),
  );
  if (r.tags.length) {
    out.push('');
    out.push('Top tags (sampled; share of classified samples, 95% Wilson interval)');
    out.push(
      table(
        ['tag', 'category', 'samples', 'share', '95% CI', 'est. requests'],
        r.tags
          .slice(0, 15)
          .map((t) =>
            t.suppressed
              ? [t.tag, t.category, 'suppressed', '', '', '']
              : [t.tag, t.category, opt(t.sampledRequests, int), opt(t.share, pct), `${opt(t.shareLow, pct)}–${opt(t.shareHigh, pct)}`, opt(t.estimatedRequests, int)],
          ),
        [false, false, true, true, true, true],
      ),
    );
  }
  out.push(...extendedTables(r));
  return out.join('\n');
}

const opt = (x: number | null | undefined, f: (n: number) => string) => (x === null || x === undefined ? '–' : f(x));
const ci = (e: { value: number; low: number; high: number } | null | undefined, f: (n: number) => string) =>
  e ? `${f(e.value)} (${f(e.low)}–${f(e.high)})` : '–';
const tok = (n: number) => (n >= 1e9 ? `${(n / 1e9).toFixed(2)}B` : n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(Math.round(n)));

function cellsTable(title: string, cells: CensusReport['dimensions']['sourceType']): string[] {
  return [
    '',
    title,
    table(
      ['key', 'requests', 'tokens', 'share', 'cost', 'users'],
      cells.map((c) =>
        c.suppressed
          ? [c.key, 'suppressed', '', '', '', '']
          : [c.key, opt(c.requests, int), opt(c.totalTokens, tok), opt(c.tokenShare, pct), opt(c.costUsd, usd), opt(c.users, int)],
      ),
      [false, true, true, true, true, true],
    ),
  ];
}

/** Tables added with the study's dimensions (issue 5). */
function extendedTables(r: CensusReport): string[] {
  const out: string[] = [];
  out.push(...cellsTable('By source type (catalog)', r.dimensions.sourceType));
  out.push(...cellsTable('By author (catalog)', r.dimensions.author.slice(0, 12)));
  out.push(...cellsTable('By size class (catalog)', r.dimensions.sizeClass));
  out.push(...cellsTable('Reasoning vs non-reasoning models (catalog)', r.dimensions.reasoning));
  if (r.catalog.unknownModels.length) out.push('', `Models not in catalog ${r.catalog.version}: ${r.catalog.unknownModels.join(', ')}`);
  const t = r.toolUse;
  out.push(
    '',
    `Tool use: ${pct(t.toolCallTokenShare)} of tokens from requests ending in a tool call; ${pct(t.toolsProvidedTokenShare)} from requests offering tools.`,
    `Reasoning: ${pct(r.reasoningShare.overall.reasoningModelTokenShare)} of tokens served by reasoning models; reasoning tokens are ` +
      `${pct(r.reasoningShare.overall.reasoningTokenShareOfCompletion)} of completion tokens.`,
  );
  const sh = r.shapes.overall;
  out.push(
    '',
    'Tokens per request (all events; percentiles from log-scale histograms)',
    table(
      ['', 'mean', 'p50', 'p90', 'p99'],
      (['prompt', 'completion', 'total'] as const).map((k) => [k, opt(sh[k].mean, int), opt(sh[k].p50, int), opt(sh[k].p90, int), opt(sh[k].p99, int)]),
      [false, true, true, true, true],
    ),
  );
  out.push(
    '',
    'Regions (billing continent)',
    table(
      ['continent', 'requests', 'tokens', 'token share', 'spend share', 'users'],
      r.geography.continents.map((c) =>
        c.suppressed
          ? [c.name, 'suppressed', '', '', '', '']
          : [c.name, opt(c.requests, int), opt(c.tokens, tok), opt(c.tokenShare, pct), opt(c.spendShare, pct), opt(c.users, int)],
      ),
      [false, true, true, true, true, true],
    ),
  );
  out.push('', `Distinct users in window: ${opt(r.users.total, int)} (HyperLogLog, ~0.8% error)`);
  out.push(
    '',
    'Category share by source type (sampled; share of the group\'s samples, 95% Wilson interval)',
    table(
      ['group', 'samples', 'top categories'],
      r.sampled.bySourceType.map((b) => [
        b.key,
        b.suppressed ? 'suppressed' : opt(b.samples, int),
        b.suppressed ? '' : b.categories
          .filter((c) => !c.suppressed && (c.sampledRequests ?? 0) > 0)
          .slice(0, 4)
          .map((c) => `${c.category} ${pct(c.share ?? 0)} (${pct(c.shareLow ?? 0)}–${pct(c.shareHigh ?? 0)})`)
          .join(', ') || 'suppressed',
      ]),
    ),
  );
  out.push(
    '',
    'Tag share by source type (sampled; share of the group\'s samples with the tag, 95% Wilson interval)',
    table(
      ['group', 'samples', 'top tags'],
      r.sampled.bySourceType.map((b) => [
        b.key,
        b.suppressed || b.tagSamples === null ? 'suppressed' : int(b.tagSamples),
        b.suppressed || b.tagSamples === null ? '' : b.tags
          .filter((t) => !t.suppressed && (t.sampledRequests ?? 0) > 0)
          .slice(0, 4)
          .map((t) => `${t.tag} ${pct(t.share ?? 0)} (${pct(t.shareLow ?? 0)}–${pct(t.shareHigh ?? 0)})`)
          .join(', ') || 'suppressed',
      ]),
    ),
  );
  if (r.shapes.byCategory.length) {
    const triple = (a: Estimate | null, b: Estimate | null, c: Estimate | null) =>
      a && b && c ? `${tok(a.value)} / ${tok(b.value)} / ${tok(c.value)}` : '–';
    out.push(
      '',
      'Tokens per request by category (sampled; p50 / p90 / p99 from log-scale histograms; 95% intervals in --format json)',
      table(
        ['category', 'samples', 'prompt', 'completion', 'total'],
        r.shapes.byCategory.map((c) =>
          c.suppressed
            ? [c.category, 'suppressed', '', '', '']
            : [
                c.category,
                opt(c.samples, int),
                triple(c.p50PromptTokens, c.p90PromptTokens, c.p99PromptTokens),
                triple(c.p50CompletionTokens, c.p90CompletionTokens, c.p99CompletionTokens),
                triple(c.p50TotalTokens, c.p90TotalTokens, c.p99TotalTokens),
              ],
        ),
        [false, true, true, true, true],
      ),
    );
  }
  const cvu = r.sampled.costVsUsage;
  out.push(
    '',
    `Cost vs usage per category (sampled; median cost ${opt(cvu.medianCostPer1M, (x) => `$${x.toFixed(2)}`)} per 1M tokens)`,
    table(
      ['category', 'samples', 'est. tokens (95% CI)', '$ / 1M tok (95% CI)', 'quadrant'],
      cvu.categories.map((c) =>
        c.suppressed
          ? [c.category, 'suppressed', '', '', '']
          : [c.category, opt(c.samples, int), ci(c.totalTokens, tok), c.costPer1MEstimate ? `${c.costPer1MEstimate.value.toFixed(2)} (${c.costPer1MEstimate.low.toFixed(2)}–${c.costPer1MEstimate.high.toFixed(2)})` : opt(c.costPer1M, (x) => x.toFixed(2)), c.quadrant ?? '–'],
      ),
      [false, true, true, true, false],
    ),
  );
  out.push(
    '',
    'Languages (sampled; token share, 95% CI)',
    table(
      ['language', 'samples', 'token share'],
      r.sampled.languages.slice(0, 10).map((l) => (l.suppressed ? [l.language, 'suppressed', ''] : [l.language, opt(l.sampledRequests, int), ci(l.tokenShare, pct)])),
      [false, true, true],
    ),
  );
  const ret = r.retention.models.slice(0, 5);
  if (ret.length) {
    out.push('', 'Retention (share of each monthly cohort active in later months)');
    for (const m of ret) {
      for (const c of m.cohorts) {
        out.push(
          `  ${m.model}  ${c.cohort}  ` +
            (c.suppressed ? 'suppressed' : `n≈${int(c.users ?? 0)}  ` + c.active.map((a) => `+${a.offset}: ${opt(a.share, pct)}`).join('  ')),
        );
      }
    }
  }
  out.push(
    '',
    `Suppression: cells under ${r.suppression.minUsers} users or ${r.suppression.minSamples} samples are shown as suppressed, ` +
      'without numbers. Totals are exact over all events.',
  );
  return out;
}
