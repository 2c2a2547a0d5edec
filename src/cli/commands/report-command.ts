import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createApp } from '../../app/census-app.js';
import { loadCatalog } from '../../catalog/load-catalog.js';
import { loadHtmlAssets } from '../../report/html-assets.js';
import { loadReport } from '../../report/load-report.js';
import { renderHtml } from '../../report/render-html.js';
import { renderText } from '../../report/render-text.js';
import { viewFromOptions } from '../view-options.js';
import { commandLogger, loadCommandConfig, writeLine, type CliContext } from '../cli-context.js';
import { UsageError } from '../usage-error.js';
import { dateOption, numberOption } from '../option-parsers.js';

export function registerReportCommand(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description('read the store and print the report')
    .option('-c, --config <file>', 'config file (YAML or JSON); default: env PROMPT_CENSUS_CONFIG')
    .option('--format <format>', 'text | json | html (one self-contained file with the figures)', 'text')
    .option('--out <file>', 'write to a file instead of stdout (recommended for html)')
    .option('--from <date>', 'first day (YYYY-MM-DD, UTC) of the window', dateOption())
    .option('--to <date>', 'last day (YYYY-MM-DD, UTC) of the window', dateOption())
    .option('--model <id>', 'only this model')
    .option('--classifier <kind-or-version>', 'only category figures from this classifier (e.g. local, google/v2)')
    .option('--mapping <file>', 'category view: mapping file (default: taxonomy.mapping)')
    .option('--min-confidence <x>', 'category view: threshold (default: classifier.minConfidence)', numberOption({ min: 0, max: 1 }))
    .action(
      async (opts: {
        config?: string; format: string; out?: string; from?: string; to?: string; model?: string; classifier?: string;
        mapping?: string; minConfidence?: number;
      }) => {
        if (!['text', 'json', 'html'].includes(opts.format)) throw new UsageError(`--format must be text, json or html, got "${opts.format}"`);
        const { config } = loadCommandConfig(ctx, opts.config);
        const logger = commandLogger(config);
        const view = viewFromOptions(config, opts);
        if (opts.from && opts.to && opts.from > opts.to) throw new UsageError(`--from (${opts.from}) is after --to (${opts.to}); swap them.`);
        // Load the catalog and the chart bundles before connecting, so a bad file fails fast.
        const catalog = loadCatalog(config.catalog.models);
        const assets = opts.format === 'html' ? await loadHtmlAssets() : null;
        const app = await createApp({ config, logger });
        try {
          const report = await loadReport(
            app.store,
            config,
            view,
            { from: opts.from, to: opts.to, model: opts.model, classifier: opts.classifier },
            { catalog },
          );
          const text =
            opts.format === 'json' ? JSON.stringify(report, null, 2) : assets ? renderHtml(report, assets) : renderText(report);
          if (opts.out) await writeFile(opts.out, `${text}\n`);
          else await writeLine(ctx.stdout, text);
        } finally {
          await app.release();
        }
      },
    );
}
