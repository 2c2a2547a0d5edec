import type { Command } from 'commander';
import { migratePostgres } from '../../store/postgres/migrate.js';
import { commandLogger, loadCommandConfig, writeLine, type CliContext } from '../cli-context.js';

export function registerMigrateCommand(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description('apply the PostgreSQL store migrations (the worker also applies them at start-up)')
    .option('-c, --config <file>', 'config file (YAML or JSON); default: env PROMPT_CENSUS_CONFIG')
    .action(async (opts: { config?: string }) => {
      const { config } = loadCommandConfig(ctx, opts.config);
      if (config.store.kind !== 'postgres') {
        throw new Error(`store.kind is "${config.store.kind}"; migrations exist only for the postgres store (set store.kind: postgres).`);
      }
      const result = await migratePostgres(config, commandLogger(config));
      await writeLine(ctx.stdout, JSON.stringify(result));
    });
}
