import type { Command } from 'commander';
import { generateArchive } from '../../generate/generate-archive.js';
import { writeLine, type CliContext } from '../cli-context.js';
import { dateOption, integerOption } from '../option-parsers.js';

export function registerGenerateCommand(program: Command, ctx: CliContext): void {
  program
    .command('generate')
    .description("write a synthetic archive following the study's published shares (same seed, same bytes)")
    .requiredOption('--events <n>', 'number of events (>= 1)', integerOption({ min: 1 }))
    .requiredOption('--out <file>', 'output file (NDJSON; gzip when it ends in .gz)')
    .option('--weeks <w>', 'number of weeks covered (>= 1)', integerOption({ min: 1 }), 8)
    .option('--seed <s>', 'PRNG seed (an integer)', integerOption(), 1)
    .option('--start <date>', 'Monday of the first week (YYYY-MM-DD)', dateOption({ monday: true }), '2025-06-02')
    .option('--truth <file>', 'also write the ground truth (true category counts and totals) as JSON')
    .action(async (opts: { events: number; out: string; weeks: number; seed: number; start: string; truth?: string }) => {
      const summary = await generateArchive({
        events: opts.events, weeks: opts.weeks, seed: opts.seed, start: opts.start, out: opts.out,
        ...(opts.truth ? { truthOut: opts.truth } : {}),
      });
      await writeLine(ctx.stdout, JSON.stringify({ out: summary.out, events: summary.events, bytes: summary.bytes }));
    });
}
