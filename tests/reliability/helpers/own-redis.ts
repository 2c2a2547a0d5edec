import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** A redis-server started by a test (so it can be paused and its clients killed without touching anyone else). */
export interface OwnRedis {
  url: string;
  port: number;
  /** SIGSTOP: the server stops answering but keeps its sockets open. Resolves once the process is stopped. */
  pause(): Promise<void>;
  /** SIGCONT. */
  resume(): void;
  /** CLIENT KILL every connection but the admin one (or those `select` picks by name); returns how many. */
  killClients(select?: (name: string) => boolean): Promise<number>;
  /** A plain admin client (not an app connection). */
  admin: Redis;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Start `redis-server` on a free loopback port with persistence off; fails loudly when the binary is missing. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess;
  try {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    throw new Error(`These tests start their own redis-server (apt-get install redis-server): ${(err as Error).message}`);
  }
  let out = '';
  child.stdout!.on('data', (d) => (out += d.toString()));
  child.stderr!.on('data', (d) => (out += d.toString()));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const url = `redis://127.0.0.1:${port}`;
  const admin = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const failed = await Promise.race([spawnError, new Promise<null>((r) => setTimeout(() => r(null), 100))]);
    if (failed) throw new Error(`Could not start redis-server (apt-get install redis-server): ${failed.message}`);
    if (child.exitCode !== null) throw new Error(`redis-server exited at start:\n${out}`);
    try {
      if (admin.status === 'wait') await admin.connect();
      await admin.ping();
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`redis-server did not answer on port ${port} within 10 s:\n${out}`);
      }
    }
  }
  admin.on('error', () => undefined); // reconnect noise while the server is paused or stopped
  await admin.client('SETNAME', 'reliability-admin');
  let stopped = false;
  return {
    url,
    port,
    admin,
    pause() {
      // The signal is sent at once, so a caller that does not await still has a frozen server.
      child.kill('SIGSTOP');
      const stopped = (async () => {
        // Wait for the kernel to report the process stopped ("T" in /proc/<pid>/stat), not for a fixed time.
        const deadline = Date.now() + 5000;
        for (;;) {
          const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8').catch(() => '');
          if (/^\d+ \(.*\) T /.test(stat)) return;
          if (Date.now() > deadline) throw new Error(`redis-server (pid ${child.pid}) did not stop within 5 s of SIGSTOP: ${stat}`);
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      // Callers that do not await must not see an unhandled rejection; those that await still get the error.
      stopped.catch(() => undefined);
      return stopped;
    },
    resume: () => child.kill('SIGCONT'),
    async killClients(select = () => true) {
      const list = (await admin.client('LIST')) as string;
      let killed = 0;
      for (const line of list.split('\n')) {
        const id = /\bid=(\d+)/.exec(line)?.[1];
        const name = /\bname=(\S*)/.exec(line)?.[1] ?? '';
        if (id && name !== 'reliability-admin' && select(name)) {
          killed += Number(await admin.client('KILL', 'ID', id));
        }
      }
      return killed;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      admin.disconnect();
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}
