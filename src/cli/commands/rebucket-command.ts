import type { Command } from 'commander';
import { createApp } from '../../app/census-app.js';
import { rebucket } from '../../pipeline/rebucket.js';
import { categoryViewFor } from '../../worker/category-view.js';
import { commandLogger, loadCommandConfig, writeLine, type CliContext } from '../cli-context.js';

export function registerRebucketCommand(program: Command, ctx: CliContext): void {
  program
    .command('rebucket')
    .description('recompute every category figure from the stored raw labels under another mapping or threshold')
    .option('-c, --config <file>', 'config file (YAML or JSON); default: env PROMPT_CENSUS_CONFIG')
    .option('--mapping <file>', 'mapping file (default: taxonomy.mapping or the bundled one)')
    .option('--min-confidence <x>', 'threshold (default: classifier.minConfidence)', (v) => Number(v))
    .action(async (opts: { config?: string; mapping?: string; minConfidence?: number }) => {
      if (opts.minConfidence !== undefined && !(opts.minConfidence >= 0 && opts.minConfidence <= 1)) {
        throw new Error('--min-confidence must be a number within 0..1');
      }
      const { config } = loadCommandConfig(ctx, opts.config);
      const logger = commandLogger(config);
      const view = categoryViewFor(config, {
        ...(opts.mapping ? { mapping: opts.mapping } : {}),
        ...(opts.minConfidence !== undefined ? { minConfidence: opts.minConfidence } : {}),
      });
      const app = await createApp({ config, logger });
      try {
        const result = await rebucket(app.store, view);
        await writeLine(ctx.stdout, JSON.stringify(result));
      } finally {
        await app.release();
      }
    });
}
