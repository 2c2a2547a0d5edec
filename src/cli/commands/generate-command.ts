import type { Command } from 'commander';
import { generateArchive } from '../../generate/generate-archive.js';
import { writeLine, type CliContext } from '../cli-context.js';

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number >= 1, got "${v}"`);
  return n;
};

export function registerGenerateCommand(program: Command, ctx: CliContext): void {
  program
    .command('generate')
    .description("write a synthetic archive following the study's published shares (same seed, same bytes)")
    .requiredOption('--events <n>', 'number of events', positiveInt('events'))
    .requiredOption('--out <file>', 'output file (NDJSON; gzip when it ends in .gz)')
    .option('--weeks <w>', 'number of weeks covered', positiveInt('weeks'), 8)
    .option('--seed <s>', 'PRNG seed', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n)) throw new Error(`--seed must be an integer, got "${v}"`);
      return n;
    }, 1)
    .option('--start <date>', 'Monday of the first week (YYYY-MM-DD)', '2025-06-02')
    .option('--truth <file>', 'also write the ground truth (true category counts and totals) as JSON')
    .action(async (opts: { events: number; out: string; weeks: number; seed: number; start: string; truth?: string }) => {
      const summary = await generateArchive({
        events: opts.events, weeks: opts.weeks, seed: opts.seed, start: opts.start, out: opts.out,
        ...(opts.truth ? { truthOut: opts.truth } : {}),
      });
      await writeLine(ctx.stdout, JSON.stringify({ out: summary.out, events: summary.events, bytes: summary.bytes }));
    });
}
