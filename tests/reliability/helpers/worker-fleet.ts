import { join } from 'node:path';
import { spawnCli, writeConfigFile, type WorkerProcess } from '../../helpers/worker-process.js';

/** Worker processes (`prompt-census worker`) of one test, started from one config file, killed and restarted at will. */
export interface WorkerFleet {
  readonly configFile: string;
  /** Live processes by slot. */
  readonly slots: WorkerProcess[];
  /** Everything every process wrote to stdout/stderr, including dead ones. */
  output(): string;
  start(slot: number, extraArgs?: string[]): Promise<WorkerProcess>;
  /** SIGKILL the process in `slot` and wait for it to be gone. */
  kill(slot: number): Promise<void>;
  /** SIGTERM every live process; resolves with their exit codes. */
  stopAll(): Promise<Array<number | null>>;
  /** SIGKILL whatever is left (afterAll). */
  destroy(): void;
}

export async function createWorkerFleet(
  dir: string,
  config: Record<string, unknown>,
  name = 'worker',
  env: NodeJS.ProcessEnv = {},
): Promise<WorkerFleet> {
  const configFile = await writeConfigFile(join(dir, `${name}.yaml`), config);
  const slots: WorkerProcess[] = [];
  const all: WorkerProcess[] = [];
  return {
    configFile,
    slots,
    output: () => all.map((w) => w.output()).join('\n'),
    async start(slot, extraArgs = ['--no-http']) {
      // With HTTP on, ready means listening (logged after the workers started).
      const readyLine = extraArgs.includes('--no-http') ? /workers started/ : /HTTP server listening/;
      const w = await spawnCli(['worker', '--config', configFile, ...extraArgs], { readyLine, timeoutMs: 60_000, env });
      all.push(w);
      slots[slot] = w;
      return w;
    },
    async kill(slot) {
      const w = slots[slot];
      if (!w) return;
      w.child.kill('SIGKILL');
      await w.exited;
    },
    async stopAll() {
      const live = slots.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
      for (const w of live) w.child.kill('SIGTERM');
      return Promise.all(live.map((w) => w.exited));
    },
    destroy() {
      for (const w of all) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    },
  };
}
