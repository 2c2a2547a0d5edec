import type { Command } from 'commander';
import { createApp } from '../../app/census-app.js';
import { createClassifier } from '../../classifiers/registry.js';
import { createHttpServer } from '../../server/http-server.js';
import { categoryViewFor } from '../../worker/category-view.js';
import { startCensusWorker } from '../../worker/census-worker.js';
import { commandLogger, loadCommandConfig, type CliContext } from '../cli-context.js';
import { integerOption } from '../option-parsers.js';

export function registerWorkerCommand(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description('run the sidecar: BullMQ workers plus the HTTP server (ingest, /healthz, /readyz, /metrics)')
    .option('-c, --config <file>', 'config file (YAML or JSON); default: env PROMPT_CENSUS_CONFIG')
    .option('--port <n>', 'override server.port', integerOption({ min: 0, max: 65535 }))
    .option('--no-http', 'run the queue workers only')
    .action(async (opts: { config?: string; port?: number; http: boolean }) => {
      const { config } = loadCommandConfig(ctx, opts.config, { 'server.port': opts.port });
      const logger = commandLogger(config);
      const view = categoryViewFor(config);
      const classifier = await createClassifier(config.classifier, { logger });
      const app = await createApp({ config, logger });
      let worker;
      try {
        worker = await startCensusWorker(app, { classifier, view });
      } catch (err) {
        await classifier.close().catch(() => undefined);
        await app.release();
        throw err;
      }
      const producer = app.newProducer();
      const http = opts.http ? createHttpServer({ app, producer, workersRunning: () => worker.running() }) : null;
      if (http) {
        const address = await http.listen();
        logger.info({ address }, 'HTTP server listening');
      }
      await new Promise<void>((resolve) => {
        ctx.signals.onShutdown((signal) => {
          logger.info({ signal }, 'shutting down: no new work; finishing in-flight jobs');
          resolve();
        });
      });
      // Order: stop accepting HTTP, push what HTTP accepted into Redis, let workers finish their jobs, release.
      if (http) await http.close().catch((err) => logger.error({ error: (err as Error).message }, 'HTTP close failed'));
      await producer.close();
      await worker.close();
      await app.release();
      logger.info('stopped');
      logger.flush();
    });
}
