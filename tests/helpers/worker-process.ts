import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';

const ROOT = new URL('../../', import.meta.url).pathname;

export async function writeConfigFile(path: string, config: Record<string, unknown>): Promise<string> {
  await writeFile(path, stringify(config));
  return path;
}

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Run `prompt-census <args>` from source (tsx) as a child process; resolves once `readyLine` appears on stderr. */
export async function spawnCli(args: string[], options: { readyLine?: RegExp; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d.toString()));
  child.stderr!.on('data', (d) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  if (options.readyLine) {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    while (!options.readyLine.test(out)) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`process exited before ready:\n${out}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`process not ready in time:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { child, output: () => out, exited };
}
