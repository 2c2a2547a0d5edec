import type { Command } from 'commander';
import type { Config } from '../../config/config-schema.js';
import { loadCommandConfig, writeLine, type CliContext } from '../cli-context.js';
import { integerOption } from '../option-parsers.js';

/** The URL of the worker's /healthz as seen from the same host (a wildcard listen address is reached on loopback). */
export function healthzUrl(server: Config['server']): string {
  const host = server.host === '0.0.0.0' || server.host === '' ? '127.0.0.1' : server.host === '::' ? '::1' : server.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${server.port}/healthz`;
}

/**
 * `healthcheck`: GET the running worker's /healthz at the host and port of the same config (file, env
 * PROMPT_CENSUS_PORT), so a container HEALTHCHECK follows server.port. Exit 0 when it answers 2xx, else 1.
 */
export function registerHealthcheckCommand(program: Command, ctx: CliContext): { exitCode: () => number } {
  let code = 0;
  program
    .command('healthcheck')
    .description("check the running worker's GET /healthz at server.host:server.port of the config (exit 0 healthy, 1 not)")
    .option('-c, --config <file>', 'config file (YAML or JSON); default: env PROMPT_CENSUS_CONFIG')
    .option('--timeout <ms>', 'give up after this long', integerOption({ min: 1 }), 3000)
    .action(async (opts: { config?: string; timeout: number }) => {
      const { config } = loadCommandConfig(ctx, opts.config);
      const url = healthzUrl(config.server);
      if (config.server.port === 0) {
        await writeLine(ctx.stderr, 'unhealthy: server.port is 0 (a random port), so there is no known port to check');
        code = 1;
        return;
      }
      try {
        const r = await fetch(url, { signal: AbortSignal.timeout(opts.timeout) });
        await r.body?.cancel();
        if (r.ok) {
          await writeLine(ctx.stdout, `healthy: ${url}`);
        } else {
          await writeLine(ctx.stderr, `unhealthy: ${url} answered ${r.status}`);
          code = 1;
        }
      } catch (err) {
        const e = err as Error & { cause?: { code?: string; message?: string } };
        const why = e.name === 'TimeoutError' ? `no answer within ${opts.timeout} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
        await writeLine(ctx.stderr, `unhealthy: ${url}: ${why}`);
        code = 1;
      }
    });
  return { exitCode: () => code };
}
