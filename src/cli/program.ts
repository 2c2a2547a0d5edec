import { Command, CommanderError } from 'commander';
import type { CliContext } from './cli-context.js';
import { registerClassifyCommand } from './commands/classify-command.js';
import { registerConfigCommand } from './commands/config-command.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerGenerateCommand } from './commands/generate-command.js';
import { registerMigrateCommand } from './commands/migrate-command.js';
import { registerRebucketCommand } from './commands/rebucket-command.js';
import { registerReplayCommand } from './commands/replay-command.js';
import { registerReportCommand } from './commands/report-command.js';
import { registerTaxonomyCommand } from './commands/taxonomy-command.js';
import { registerWorkerCommand } from './commands/worker-command.js';

/**
 * Run the CLI with the given arguments (without "node" and the script). Resolves to the exit code; never calls
 * process.exit (only main.ts does).
 */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const program = new Command();
  program
    .name('prompt-census')
    .description('What your LLM traffic is about, without keeping what your users wrote.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    })
    .showHelpAfterError();
  const codes: Array<() => number> = [];
  registerWorkerCommand(program, ctx);
  codes.push(registerReplayCommand(program, ctx).exitCode);
  registerReportCommand(program, ctx);
  codes.push(registerClassifyCommand(program, ctx).exitCode);
  codes.push(registerTaxonomyCommand(program, ctx).exitCode);
  registerGenerateCommand(program, ctx);
  registerConfigCommand(program, ctx);
  registerRebucketCommand(program, ctx);
  registerMigrateCommand(program, ctx);
  registerDemoCommand(program, ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; usage errors have been printed by commander.
      return err.exitCode === 0 ? 0 : 2;
    }
    ctx.stderr.write(`prompt-census: ${(err as Error).message}\n`);
    return 1;
  }
  return Math.max(0, ...codes.map((c) => c()));
}
