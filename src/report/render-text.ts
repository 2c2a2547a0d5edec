import type { CensusReport } from './census-report.js';

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
  out.push(`prompt-census report  ${weeks.length ? `${weeks[0]} … ${weeks[weeks.length - 1]}` : '(no data)'}` +
    (r.filters.model ? `  model=${r.filters.model}` : '') + (r.filters.classifier ? `  classifier=${r.filters.classifier}` : ''));
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
      r.byModel.slice(0, 15).map((m) => [m.model, int(m.requests), int(m.promptTokens), int(m.completionTokens), usd(m.costUsd)]),
      [false, true, true, true, true],
    ),
  );
  out.push('');
  out.push('By week');
  out.push(
    table(
      ['week', 'requests', 'prompt tok', 'completion tok'],
      r.byWeek.map((w) => [w.week, int(w.requests), int(w.promptTokens), int(w.completionTokens)]),
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
  out.push(`Category view: mapping ${r.view.mappingVersion}, min confidence ${r.view.minConfidence}`);
  out.push('');
  out.push('Categories (sampled; share of classified samples, 95% Wilson interval)');
  out.push(
    table(
      ['category', 'samples', 'share', '95% CI', 'est. requests'],
      r.categories
        .filter((c) => c.sampledRequests > 0)
        .map((c) =>
          c.suppressed
            ? [c.name, 'suppressed', '', '', '']
            : [c.name, int(c.sampledRequests), pct(c.share), `${pct(c.shareLow)}–${pct(c.shareHigh)}`, int(c.estimatedRequests)],
        ),
      [false, true, true, true, true],
    ),
  );
  return out.join('\n');
}
