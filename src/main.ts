#!/usr/bin/env node
import { runCli } from './cli/program.js';

/**
 * The only file that exits the process. A first SIGINT/SIGTERM asks the running command to shut down
 * gracefully; a second one forces exit.
 */
async function main(): Promise<void> {
  const handlers: Array<(signal: string) => void> = [];
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      process.stderr.write(`prompt-census: second ${signal}, exiting now\n`);
      process.exit(130);
    }
    signalled = true;
    if (handlers.length === 0) process.exit(130);
    for (const h of handlers) h(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const code = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    signals: { onShutdown: (h) => handlers.push(h) },
  });
  process.exit(code);
}

main().catch((err: unknown) => {
  process.stderr.write(`prompt-census: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
