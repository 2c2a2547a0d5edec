import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createApp } from '../../app/census-app.js';
import { createClassifier } from '../../classifiers/registry.js';
import { generateArchive } from '../../generate/generate-archive.js';
import { getIngestFormat } from '../../ingest/registry.js';
import { replayArchives } from '../../replay/replay-archives.js';
import { waitForDrain } from '../../replay/wait-for-drain.js';
import { loadReport } from '../../report/load-report.js';
import { renderText } from '../../report/render-text.js';
import { clearPrefix } from '../../store/redis/clear-prefix.js';
import { categoryViewFor } from '../../worker/category-view.js';
import { startCensusWorker } from '../../worker/census-worker.js';
import { commandLogger, loadCommandConfig, writeLine, type CliContext } from '../cli-context.js';
import { integerOption } from '../option-parsers.js';

export function registerDemoCommand(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('generate a small archive, replay it through an in-process worker (local classifier), print the report')
    .option('-c, --config <file>', 'config file (YAML or JSON); default: env PROMPT_CENSUS_CONFIG')
    .option('--events <n>', 'events to generate', integerOption({ min: 1 }), 100_000)
    .option('--seed <s>', 'generator seed', integerOption(), 1)
    .option('--prefix <prefix>', 'Redis key prefix for the demo (its keys are cleared first)', 'pc-demo')
    .action(async (opts: { config?: string; events: number; seed: number; prefix: string }) => {
      const { config } = loadCommandConfig(ctx, opts.config, { 'redis.prefix': opts.prefix, 'classifier.kind': 'local' });
      const logger = commandLogger(config);
      const dir = await mkdtemp(join(tmpdir(), 'prompt-census-demo-'));
      const app = await createApp({ config, logger });
      try {
        const say = (s: string) => writeLine(ctx.stderr, s);
        await clearPrefix(app.redis, config.redis.prefix);
        const archive = join(dir, 'demo.ndjson.gz');
        const t0 = Date.now();
        const gen = await generateArchive({ events: opts.events, seed: opts.seed, out: archive });
        await say(`generated ${gen.events} events (${(gen.bytes / 1e6).toFixed(1)} MB) in ${Date.now() - t0} ms`);
        const view = categoryViewFor(config);
        const classifier = await createClassifier(config.classifier, { logger });
        const worker = await startCensusWorker(app, { classifier, view });
        try {
          const t1 = Date.now();
          const summary = await replayArchives({ paths: [archive], format: getIngestFormat('events'), producer: app.newReplayProducer() });
          await waitForDrain(app.queues, { timeoutMs: 600_000 });
          await say(
            `replayed ${summary.accepted} events (${summary.rejected} rejected, ${summary.sampled} sampled) through the worker in ${Date.now() - t1} ms`,
          );
        } finally {
          await worker.close();
        }
        const report = await loadReport(app.store, config, view, {});
        await writeLine(ctx.stdout, renderText(report));
      } finally {
        await app.release();
        await rm(dir, { recursive: true, force: true });
      }
    });
}
