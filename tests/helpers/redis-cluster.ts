import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** A throw-away local Redis Cluster: `masters` redis-server processes, no replicas, no persistence. */
export interface LocalRedisCluster {
  /** Seed URLs, e.g. for `redis.cluster` in the config (with the password in them when one was set). */
  readonly urls: string[];
  readonly ports: number[];
  /** Kill every node (SIGKILL) and delete the temporary directory. Idempotent. */
  stop(): Promise<void>;
}

const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? 'redis-server';
const REDIS_CLI = process.env.REDIS_CLI_BIN ?? 'redis-cli';

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function ephemeralPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** A free port whose cluster bus port (port + 10000) is free too. */
async function clusterPort(taken: Set<number>): Promise<number> {
  for (let i = 0; i < 200; i++) {
    // Ports from the OS, folded into a range where port + 10000 is still a valid port.
    const raw = await ephemeralPort();
    const port = 20_000 + (raw % 30_000);
    if (taken.has(port) || taken.has(port + 10_000)) continue;
    if ((await portIsFree(port)) && (await portIsFree(port + 10_000))) return port;
  }
  throw new Error('Could not find a free port pair (port and port + 10000) for a Redis Cluster node.');
}

function run(cmd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d) => (output += d.toString()));
    child.stderr!.on('data', (d) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      lastError = (err as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function nodeInfo(port: number, command: 'PING' | 'CLUSTER INFO', password?: string): Promise<string> {
  const r = new Redis({ host: '127.0.0.1', port, password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return command === 'PING' ? await r.ping() : String(await r.call('CLUSTER', 'INFO'));
  } finally {
    r.disconnect();
  }
}

/**
 * Start a local Redis Cluster from the `redis-server` and `redis-cli` binaries on PATH (or REDIS_SERVER_BIN /
 * REDIS_CLI_BIN): `masters` nodes on free ports, slots split by `redis-cli --cluster create`, resolved once every
 * node reports cluster_state:ok. Fails loudly when the binaries are missing.
 */
export async function startRedisCluster(options: { masters?: number; timeoutMs?: number; password?: string } = {}): Promise<LocalRedisCluster> {
  const masters = options.masters ?? 3;
  const { password } = options;
  const auth = password ? ['--requirepass', password, '--masterauth', password] : [];
  const timeoutMs = options.timeoutMs ?? 20_000;
  const dir = await mkdtemp(join(tmpdir(), 'pc-cluster-'));
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  let logs = '';
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGKILL');
          }),
      ),
    );
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const taken = new Set<number>();
    for (let i = 0; i < masters; i++) {
      const port = await clusterPort(taken);
      taken.add(port).add(port + 10_000);
      ports.push(port);
    }
    for (const port of ports) {
      const child = spawn(
        REDIS_SERVER,
        [
          '--port', String(port),
          '--bind', '127.0.0.1',
          '--cluster-enabled', 'yes',
          '--cluster-config-file', join(dir, `nodes-${port}.conf`),
          '--cluster-node-timeout', '5000',
          '--save', '',
          '--appendonly', 'no',
          '--dir', dir,
          '--maxmemory-policy', 'noeviction',
          ...auth,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child.stdout!.on('data', (d) => (logs += d.toString()));
      child.stderr!.on('data', (d) => (logs += d.toString()));
      const spawnError = new Promise<never>((_, reject) =>
        child.once('error', (err) =>
          reject(new Error(`Cannot start ${REDIS_SERVER}: ${err.message}. Install Redis >= 6.2 (redis-server and redis-cli on PATH) to run the cluster tests.`)),
        ),
      );
      spawnError.catch(() => undefined);
      children.push(child);
      await Promise.race([spawnError, waitFor(`redis-server on port ${port} to answer PING`, timeoutMs, async () => (await nodeInfo(port, 'PING', password)) === 'PONG' || undefined)]);
    }
    const create = await run(REDIS_CLI, [
      '--cluster', 'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas', '0',
      '--cluster-yes',
      ...(password ? ['-a', password, '--no-auth-warning'] : []),
    ]);
    if (create.code !== 0) throw new Error(`redis-cli --cluster create failed (exit ${create.code}):\n${create.output}`);
    for (const port of ports) {
      await waitFor(`cluster_state:ok on port ${port}`, timeoutMs, async () => (/cluster_state:ok/.test(await nodeInfo(port, 'CLUSTER INFO', password)) ? true : undefined));
    }
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\nredis-server output:\n${logs.slice(-4000)}`, { cause: err });
  }
  const userinfo = password ? `:${encodeURIComponent(password)}@` : '';
  return { urls: ports.map((p) => `redis://${userinfo}127.0.0.1:${p}`), ports, stop };
}
