import type { Command } from 'commander';
import { createApp } from '../../app/census-app.js';
import { getIngestFormat } from '../../ingest/registry.js';
import { replayArchives, type ReplaySummary } from '../../replay/replay-archives.js';
import { waitForDrain } from '../../replay/wait-for-drain.js';
import { commandLogger, loadCommandConfig, writeLine, type CliContext } from '../cli-context.js';
import { numberOption } from '../option-parsers.js';

function renderSummary(s: ReplaySummary & { waited: boolean }): string {
  const lines = [
    `files: ${s.files}`,
    `lines read: ${s.linesRead}`,
    `accepted: ${s.accepted}`,
    `rejected: ${s.rejected}`,
    `sampled: ${s.sampled}`,
    ...(s.ignored ? [`ignored: ${s.ignored}`] : []),
    `batches: ${s.batches}`,
  ];
  if (s.rejectedByReason.length) {
    lines.push('rejected by reason:');
    for (const r of s.rejectedByReason) lines.push(`  ${r.count}  ${r.reason}  (e.g. ${r.examples.join(', ')})`);
  }
  for (const f of s.fileErrors) lines.push(`file error: ${f.file} after line ${f.afterLine}: ${f.message}`);
  lines.push(s.waited ? 'processed: all enqueued work processed and flushed' : 'processed: not waited (use --wait)');
  return lines.join('\n');
}

export function registerReplayCommand(program: Command, ctx: CliContext): { exitCode: () => number } {
  let code = 0;
  program
    .command('replay')
    .description('stream archives (NDJSON, optionally .gz) into the sidecar queue and print a summary')
    .argument('<paths...>', 'archive files')
    .option('-c, --config <file>', 'config file (YAML or JSON); default: env PROMPT_CENSUS_CONFIG')
    .option('--wait', 'return only when everything enqueued has been processed and flushed')
    .option('--wait-timeout <seconds>', 'give up waiting after this long', numberOption({ min: 0 }), 600)
    .option('--format <kind>', 'archive format: events (v1), otlp, litellm, openrouter', (v) => (getIngestFormat(v), v), 'events')
    .option('--json', 'print the summary as JSON')
    .action(async (paths: string[], opts: { config?: string; wait?: boolean; waitTimeout: number; format: string; json?: boolean }) => {
      const { config } = loadCommandConfig(ctx, opts.config);
      const logger = commandLogger(config);
      const format = getIngestFormat(opts.format);
      const app = await createApp({ config, logger });
      try {
        const producer = app.newReplayProducer();
        const summary = await replayArchives({ paths, format, producer });
        if (opts.wait) await waitForDrain(app.queues, { timeoutMs: opts.waitTimeout * 1000 });
        const out = { ...summary, waited: opts.wait === true };
        await writeLine(ctx.stdout, opts.json ? JSON.stringify(out, null, 2) : renderSummary(out));
        if (summary.fileErrors.length) code = 1;
      } finally {
        await app.release();
      }
    });
  return { exitCode: () => code };
}
