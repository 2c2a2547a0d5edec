import type { Writable } from 'node:stream';
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/config-schema.js';
import { createLogger, type Logger } from '../logging/create-logger.js';

/** What every command gets: where to write, and how to load the config once. No globals. */
export interface CliContext {
  stdout: Writable;
  stderr: Writable;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  /** Resolves when SIGINT/SIGTERM arrives (long-running commands race against it). */
  signals: { onShutdown(handler: (signal: string) => void): void };
}

export function loadCommandConfig(ctx: CliContext, file: string | undefined, overrides: Record<string, unknown> = {}) {
  return loadConfig({ file, env: ctx.env, overrides });
}

export function commandLogger(config: Config): Logger {
  return createLogger({ level: config.log.level });
}

export function writeLine(stream: Writable, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(`${line}\n`, (err) => (err ? reject(err) : resolve()));
  });
}
