import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

/** The charting code inlined into the HTML report (no CDN: the file works offline). */
export interface HtmlAssets {
  /** chart.js UMD bundle (defines window.Chart). */
  chartJs: string;
  /** chartjs-chart-error-bars UMD bundle (defines window.ChartErrorBars; needs window.Chart). */
  errorBarsJs: string;
  /** "chart.js 4.x.y, chartjs-chart-error-bars 4.x.y" for the report's footer. */
  versions: string;
}

async function bundle(pkg: string, relative: string): Promise<{ code: string; version: string }> {
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch (err) {
    throw new Error(
      `The HTML report needs the npm package "${pkg}", which cannot be found (${(err as Error).message}). Run npm install in the prompt-census directory.`,
      { cause: err },
    );
  }
  // Walk up from the resolved entry to the package root (the folder named after the package).
  let root = dirname(entry);
  while (basename(root) !== pkg && dirname(root) !== root) root = dirname(root);
  const file = join(root, relative);
  let code: string;
  try {
    code = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`The HTML report cannot read ${file} from the "${pkg}" package: ${(err as Error).message}. Reinstall it with npm install.`, {
      cause: err,
    });
  }
  const meta = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version?: string };
  // Source-map comments would make a browser's devtools look for files that are not there.
  return { code: code.replace(/\/\/# sourceMappingURL=\S+\s*$/gm, ''), version: meta.version ?? 'unknown' };
}

/** Read the chart library bundles from node_modules (once per report). */
export async function loadHtmlAssets(): Promise<HtmlAssets> {
  const chart = await bundle('chart.js', 'dist/chart.umd.min.js');
  const bars = await bundle('chartjs-chart-error-bars', 'build/index.umd.min.js');
  return { chartJs: chart.code, errorBarsJs: bars.code, versions: `chart.js ${chart.version}, chartjs-chart-error-bars ${bars.version}` };
}
