import type { Command } from 'commander';
import { createApp } from '../../app/census-app.js';
import { rebucket } from '../../pipeline/rebucket.js';
import { viewFromOptions } from '../view-options.js';
import { commandLogger, loadCommandConfig, writeLine, type CliContext } from '../cli-context.js';
import { numberOption } from '../option-parsers.js';

export function registerRebucketCommand(program: Command, ctx: CliContext): void {
  program
    .command('rebucket')
    .description('recompute every category figure from the stored raw labels under another mapping or threshold')
    .option('-c, --config <file>', 'config file (YAML or JSON); default: env PROMPT_CENSUS_CONFIG')
    .option('--mapping <file>', 'mapping file (default: taxonomy.mapping or the bundled one)')
    .option('--min-confidence <x>', 'threshold (default: classifier.minConfidence)', numberOption({ min: 0, max: 1 }))
    .action(async (opts: { config?: string; mapping?: string; minConfidence?: number }) => {
      const { config } = loadCommandConfig(ctx, opts.config);
      const logger = commandLogger(config);
      const view = viewFromOptions(config, opts);
      const app = await createApp({ config, logger });
      try {
        const result = await rebucket(app.store, view);
        await writeLine(ctx.stdout, JSON.stringify(result));
      } finally {
        await app.release();
      }
    });
}
