import type { CensusReport } from './census-report.js';
import type { HtmlAssets } from './html-assets.js';
import { HTML_CLIENT_SCRIPT } from './html-client-script.js';
import { publishedReport } from './published-report.js';

/** Make text safe inside an inline <script> element: no "</script" (or any "</") can close it early. */
export function scriptSafe(code: string): string {
  return code.replace(/<\//g, '<\\/');
}

/** JSON for a <script type="application/json"> block: "</" and "<!--" escaped, so no data can close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #222; background: #f7f7f5; }
header { background: #1f2d3d; color: #fff; padding: 20px 32px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header .window { opacity: 0.85; }
#facts { display: flex; flex-wrap: wrap; gap: 12px; padding: 16px 32px 0; }
.fact { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px 14px; min-width: 120px; }
.fact-value { font-size: 20px; font-weight: 600; }
.fact-label { font-size: 12px; color: #666; }
#figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 20px; padding: 20px 32px; }
.figure { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 14px 18px; }
.figure h2 { font-size: 16px; margin: 0 0 4px; }
.caption, .note { font-size: 12px; color: #555; margin: 4px 0; }
.note { color: #8a5a00; }
#warnings { margin: 16px 32px 0; padding: 10px 14px; background: #fff4e5; border: 1px solid #e0a040; border-radius: 6px; color: #6b3d00; }
#warnings:empty { display: none; }
#warnings p { margin: 4px 0; }
.chart-box { position: relative; height: 320px; }
#methods { padding: 0 32px 32px; font-size: 12px; color: #444; max-width: 1200px; }
#methods h2 { font-size: 16px; color: #222; }
noscript { display: block; padding: 20px 32px; }
`;

/**
 * One self-contained HTML file (no network): styles, the chart library and its error-bar plugin, the report as
 * JSON and the script that draws the figures are all inline. The embedded JSON is publishedReport(report): no
 * suppressed cell's numbers reach the page, not even its source. Warnings are written into the page itself, so
 * they show without JavaScript too. Pure.
 */
export function renderHtml(report: CensusReport, assets: HtmlAssets): string {
  const w = report.window.weeks;
  const span = report.window.from || report.window.to ? `${report.window.from ?? '…'} – ${report.window.to ?? '…'}` : w.length ? `${w[0]} – ${w[w.length - 1]}` : '';
  const title = `prompt-census report ${span}`.trim();
  const warnings = report.warnings.map((x) => `<p class="warning"><strong>Warning:</strong> ${escapeHtml(x)}</p>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>prompt-census — what the traffic is about</h1><div class="window" id="window"></div></header>
<noscript>This report draws its figures with JavaScript; the same numbers are in "prompt-census report --format json".</noscript>
<section id="warnings" role="alert">${warnings}</section>
<div id="facts"></div>
<main id="figures"></main>
<section id="methods"><h2>Method and sample size</h2><p>Charts drawn with ${escapeHtml(assets.versions)}, bundled into this file.</p></section>
<script type="application/json" id="report-data">${jsonForScript(publishedReport(report))}</script>
<script>${scriptSafe(assets.chartJs)}</script>
<script>${scriptSafe(assets.errorBarsJs)}</script>
<script>${scriptSafe(HTML_CLIENT_SCRIPT)}</script>
</body>
</html>
`;
}
