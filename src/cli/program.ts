import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/load-config.js';
import type { CliContext } from './cli-context.js';
import { registerClassifyCommand } from './commands/classify-command.js';
import { registerConfigCommand } from './commands/config-command.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerGenerateCommand } from './commands/generate-command.js';
import { registerHealthcheckCommand } from './commands/healthcheck-command.js';
import { registerMigrateCommand } from './commands/migrate-command.js';
import { registerRebucketCommand } from './commands/rebucket-command.js';
import { registerReplayCommand } from './commands/replay-command.js';
import { registerReportCommand } from './commands/report-command.js';
import { registerTaxonomyCommand } from './commands/taxonomy-command.js';
import { registerWorkerCommand } from './commands/worker-command.js';
import { UsageError } from './usage-error.js';

/** Exit codes: 0 success, 1 failure (the message on stderr), 2 usage error (bad flags or flag values). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/**
 * Run the CLI with the given arguments (without "node" and the script). Resolves to the exit code; never calls
 * process.exit (only main.ts does). Usage errors exit 2 whichever command they come from: those commander finds
 * (unknown flags, missing or invalid values), a UsageError, an error thrown while the flags are still being parsed
 * (a flag's parser), and an invalid config whose every bad value came from a flag (e.g. `worker --port abc`).
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
  // Set once commander has parsed the flags and is about to run a command's action.
  let actionStarted = false;
  program.hook('preAction', () => {
    actionStarted = true;
  });
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
  codes.push(registerHealthcheckCommand(program, ctx).exitCode);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; usage errors have been printed by commander.
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const usage = err instanceof UsageError || (err instanceof ConfigError && err.fromCommandLine) || !actionStarted;
    ctx.stderr.write(`prompt-census: ${(err as Error).message}\n`);
    if (usage) {
      const command = argv.find((a) => !a.startsWith('-'));
      ctx.stderr.write(`(see: prompt-census ${command ? `${command} ` : ''}--help)\n`);
      return EXIT_USAGE;
    }
    return EXIT_FAILURE;
  }
  return Math.max(EXIT_OK, ...codes.map((c) => c()));
}
