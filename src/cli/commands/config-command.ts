import type { Command } from 'commander';
import { effectiveConfig } from '../../config/effective-config.js';
import { redactConfig } from '../../config/redact-config.js';
import { loadCommandConfig, writeLine, type CliContext } from '../cli-context.js';

export function registerConfigCommand(program: Command, ctx: CliContext): void {
  const config = program.command('config').description('inspect the configuration');
  config
    .command('check')
    .description(
      'validate the config and print the effective config (defaults and bundled files filled in) with secrets redacted',
    )
    .option('-c, --config <file>', 'config file (YAML or JSON); default: env PROMPT_CENSUS_CONFIG')
    .action(async (opts: { config?: string }) => {
      const { config: c, source } = loadCommandConfig(ctx, opts.config);
      // stdout: the effective config itself (JSON, secrets redacted); where it came from goes to stderr.
      await writeLine(ctx.stderr, `config OK (${source})`);
      await writeLine(ctx.stdout, JSON.stringify(redactConfig(effectiveConfig(c)), null, 2));
    });
}
