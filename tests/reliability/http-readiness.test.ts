import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type CensusHttpServer } from '../../src/server/http-server.js';
import { dropPostgresSchema } from '../../src/store/postgres/drop-schema.js';
import { spawnCli, writeConfigFile } from '../helpers/worker-process.js';
import { startTestApp, uniquePrefix, type TestApp } from '../helpers/test-env.js';
import { postJson, probe, probeEvent } from './helpers/http-probe.js';
import { freePort, startOwnRedis, type OwnRedis } from './helpers/own-redis.js';

const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A TCP relay to PostgreSQL that a test can cut (every connection dropped, new ones refused) and restore. */
async function startRelay(target: { host: string; port: number }): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const open = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const cut = async () => {
    const s = server as Server | null;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise((r) => s.close(() => r(undefined)));
  };
  await open();
  return { port, cut, restore: open, close: cut };
}

describe('HTTP readiness, metrics and Redis error output under faults', () => {
  let own: OwnRedis;
  const apps: TestApp[] = [];
  const servers: CensusHttpServer[] = [];

  beforeAll(async () => {
    own = await startOwnRedis();
  });
  afterAll(async () => {
    own?.resume();
    for (const s of servers) await s.close().catch(() => undefined);
    for (const t of apps) await t.cleanup().catch(() => undefined);
    await own?.stop();
  });

  const serve = async (name: string, raw: Record<string, unknown> = {}) => {
    const t = await startTestApp(name, { redis: { url: own.url }, server: { port: 0 }, ingest: { batchMaxWaitMs: 20 }, ...raw });
    apps.push(t);
    const server = createHttpServer({ app: t.app, producer: t.app.newProducer(), workersRunning: () => true });
    servers.push(server);
    return { t, base: await server.listen() };
  };

  it('GET /metrics answers within the Redis check bound while Redis is paused, with every other metric', async () => {
    const { base } = await serve('metrics-paused');
    expect((await probe(`${base}/metrics`)).status).toBe(200);
    // Let the one-second backlog cache expire so /metrics has to ask Redis again.
    await sleep(1100);
    own.pause();
    try {
      const paused = await probe(`${base}/metrics`, {}, 8000);
      const again = await probe(`${base}/metrics`, {}, 8000);
      expect(paused.status).toBe(200);
      expect(paused.ms).toBeLessThan(2500);
      expect(again.ms).toBeLessThan(2500);
      expect(paused.body).toMatch(/^prompt_census_process_\S+ \d/m);
      expect(paused.body).toMatch(/^# TYPE prompt_census_events_accepted_total counter$/m);
      expect(paused.body).toMatch(/^prompt_census_queue_backlog_jobs\{queue="ingest"\} \d+/m);
      const readyz = await probe(`${base}/readyz`, {}, 8000);
      expect(readyz.status).toBe(503);
      expect(readyz.ms).toBeLessThan(2500);
      expect(JSON.parse(readyz.body)).toMatchObject({ status: 'not_ready', redis: false });
    } finally {
      own.resume();
    }
    expect((await probe(`${base}/readyz`)).status).toBe(200);
  });

  it('Redis out of memory (maxmemory, noeviction): ingest says so with 503 + Retry-After, /readyz reports it, both recover', async () => {
    const { base } = await serve('oom');
    expect((await postJson(`${base}/v1/events`, [probeEvent('oom-before')])).status).toBe(200);
    const policy = (await own.admin.config('GET', 'maxmemory-policy')) as string[];
    await own.admin.config('SET', 'maxmemory-policy', 'noeviction');
    await own.admin.config('SET', 'maxmemory', '1');
    try {
      const ingest = await postJson(`${base}/v1/events`, [probeEvent('oom-1', { prompt: 'OOM-CANARY' })]);
      expect(ingest.status).toBe(503);
      expect(ingest.retryAfter).toMatch(/^\d+$/);
      const body = JSON.parse(ingest.body);
      expect(body.error).toBe('redis_out_of_memory');
      expect(body.message).toMatch(/Redis is out of memory/);
      expect(body.message).not.toMatch(/unreachable/);
      expect(ingest.body).not.toContain('OOM-CANARY');
      const readyz = await probe(`${base}/readyz`);
      expect(readyz.status).toBe(503);
      expect(readyz.retryAfter).toMatch(/^\d+$/);
      const r = JSON.parse(readyz.body);
      expect(r).toMatchObject({ status: 'not_ready', redis: false, redisOutOfMemory: true, workers: true });
      expect(r.problems.join(' ')).toMatch(/Redis is out of memory: used_memory .* maxmemory .*noeviction/);
    } finally {
      await own.admin.config('SET', 'maxmemory', '0');
      await own.admin.config('SET', 'maxmemory-policy', policy[1] ?? 'noeviction');
    }
    expect((await probe(`${base}/readyz`)).status).toBe(200);
    expect((await postJson(`${base}/v1/events`, [probeEvent('oom-after')])).status).toBe(200);
  });

  it('PostgreSQL store unreachable: /readyz says not ready (store: false) within the bound, and ready again after', async () => {
    const schema = `pct_ready_${randomBytes(4).toString('hex')}`;
    const relay = await startRelay({ host: '127.0.0.1', port: Number(new URL(PG_URL).port || 5432) });
    const url = new URL(PG_URL);
    url.hostname = '127.0.0.1';
    url.port = String(relay.port);
    try {
      const { base } = await serve('pg-ready', { store: { kind: 'postgres', postgres: { url: url.toString(), schema } } });
      const up = await probe(`${base}/readyz`);
      expect(up.status, up.body).toBe(200);
      expect(JSON.parse(up.body)).toMatchObject({ store: true });
      await relay.cut();
      const down = await probe(`${base}/readyz`, {}, 8000);
      expect(down.status).toBe(503);
      expect(down.ms).toBeLessThan(2500);
      const r = JSON.parse(down.body);
      expect(r).toMatchObject({ status: 'not_ready', redis: true, store: false });
      expect(r.problems.join(' ')).toMatch(/aggregation store \(postgres\) does not answer/);
      await relay.restore();
      let again = await probe(`${base}/readyz`);
      for (let i = 0; i < 20 && again.status !== 200; i++) {
        await sleep(250);
        again = await probe(`${base}/readyz`);
      }
      expect(again.status, again.body).toBe(200);
    } finally {
      // Release the app (its pool) before the relay goes, then drop the schema directly.
      const t = apps.pop();
      const s = servers.pop();
      await s?.close().catch(() => undefined);
      await t?.cleanup().catch(() => undefined);
      await relay.close();
      await dropPostgresSchema(PG_URL, schema).catch(() => undefined);
    }
  });

  it('with Redis killed, the worker process reports connection errors only as throttled pino lines (no raw stack traces)', { timeout: 60_000 }, async () => {
    const second = await startOwnRedis();
    const dir = await mkdtemp(join(tmpdir(), 'pc-ready-'));
    const port = await freePort();
    let worker: Awaited<ReturnType<typeof spawnCli>> | undefined;
    try {
      const file = await writeConfigFile(join(dir, 'config.yaml'), {
        redis: { url: second.url, prefix: uniquePrefix('stderr') },
        server: { port },
        classifier: { kind: 'local' },
        log: { level: 'info' },
      });
      worker = await spawnCli(['worker', '--config', file], { readyLine: /HTTP server listening/, timeoutMs: 45_000 });
      const before = worker.output().length;
      await second.stop();
      await sleep(4000);
      const after = worker.output().slice(before);
      const raw = after.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{'));
      expect(raw, raw.slice(0, 8).join('\n')).toEqual([]);
      expect(after).not.toMatch(/^Error: connect ECONNREFUSED/m);
      const warnings = after.split('\n').filter((l) => l.includes('"msg":"Redis connection error; reconnecting"'));
      expect(warnings.length).toBeGreaterThanOrEqual(1);
      // Throttled: at most one such line per 10 s from the shared connection.
      expect(warnings.length).toBeLessThanOrEqual(2);
    } finally {
      worker?.child.kill('SIGKILL');
      await second.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
