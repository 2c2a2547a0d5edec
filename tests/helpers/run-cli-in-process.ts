import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/program.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run the CLI in this process (runCli, as bin/prompt-census.js does) with captured output, `stdin` as its
 * standard input (empty by default) and `env` as the whole environment.
 */
export async function runCliInProcess(args: string[], env: NodeJS.ProcessEnv = {}, stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _e, cb) {
        append(chunk.toString('utf8'));
        cb();
      },
    });
  const code = await runCli(args, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    stdin: Readable.from([stdin]),
    env,
    signals: { onShutdown: () => undefined },
  });
  return { code, stdout, stderr };
}
