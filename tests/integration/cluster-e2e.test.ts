import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type CensusApp } from '../../src/app/census-app.js';
import { createClassifier } from '../../src/classifiers/registry.js';
import type { Config } from '../../src/config/config-schema.js';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { generateArchive } from '../../src/generate/generate-archive.js';
import { getIngestFormat } from '../../src/ingest/registry.js';
import { rebucket } from '../../src/pipeline/rebucket.js';
import { replayArchives } from '../../src/replay/replay-archives.js';
import { waitForDrain } from '../../src/replay/wait-for-drain.js';
import { loadReport } from '../../src/report/load-report.js';
import { clearPrefix } from '../../src/store/redis/clear-prefix.js';
import { categoryViewFor } from '../../src/worker/category-view.js';
import { startCensusWorker, type CensusWorker } from '../../src/worker/census-worker.js';
import { archiveTotals, expectReportMatchesArchive } from '../helpers/archive-totals.js';
import { startProgrammingClassifier } from '../helpers/programming-classifier.js';
import { memoryLogger } from '../helpers/test-env.js';
import { startRedisCluster, type LocalRedisCluster } from '../helpers/redis-cluster.js';

const EVENTS = 20_000;

const readGz = async (path: string) => gunzipSync(await readFile(path)).toString('utf8');

describe('end-to-end replay on a local 3-master Redis Cluster', () => {
  let cluster: LocalRedisCluster;
  let dir: string;
  let archive: string;
  let config: Config;
  let app: CensusApp;
  let worker: CensusWorker;
  let lines: string[];
  let classifyServer: Awaited<ReturnType<typeof startProgrammingClassifier>>;

  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3 });
    classifyServer = await startProgrammingClassifier();
    dir = await mkdtemp(join(tmpdir(), 'pc-cluster-e2e-'));
    archive = join(dir, 'archive.ndjson.gz');
    await generateArchive({ events: EVENTS, seed: 11, weeks: 3, out: archive });
    const prefix = `{pct-cluster-${randomBytes(4).toString('hex')}}`;
    const file = join(dir, 'config.json');
    await writeFile(
      file,
      JSON.stringify({
        redis: { cluster: cluster.urls, prefix },
        sampling: { rate: 0.01, salt: 'cluster-salt' },
        classifier: { kind: 'http', http: { url: classifyServer.url }, rateLimit: { perMinute: 600_000 } },
        log: { level: 'silent' },
      }),
    );
    // Through loadConfig, so the hash-tag rule for cluster prefixes is applied as in production.
    config = loadConfig({ file, env: {} }).config;
    const mem = memoryLogger();
    lines = mem.lines;
    app = await createApp({ config, logger: mem.logger });
    const classifier = await createClassifier(config.classifier, { logger: app.logger });
    worker = await startCensusWorker(app, { classifier, view: categoryViewFor(config) });
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    if (app) {
      await clearPrefix(app.redis, config.redis.prefix).catch(() => undefined);
      await app.release();
    }
    await cluster?.stop();
    await classifyServer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const replay = async () => {
    const summary = await replayArchives({
      paths: [archive],
      format: getIngestFormat('events'),
      producer: app.newReplayProducer(),
    });
    await waitForDrain(app.queues, { timeoutMs: 60_000 });
    return summary;
  };
  const report = () => loadReport(app.store, config, categoryViewFor(config), {});

  it('the client really is a Cluster client spread over 3 masters', async () => {
    expect(app.redis).toBeInstanceOf(Cluster);
    expect((app.redis as Cluster).nodes('master')).toHaveLength(3);
  });

  it('rollups equal totals computed independently from the archive', async () => {
    const summary = await replay();
    const expected = await archiveTotals(archive);
    expect(summary.accepted).toBe(EVENTS);
    expect(summary.rejected).toBe(0);

    const r = await report();
    expectReportMatchesArchive(r, expected);
    expect(r.sampling.eventsSeen).toBe(EVENTS);
    expect(r.sampling.eventsSampled).toBeGreaterThan(0);
    const outcomes = r.sampling.classified + r.sampling.belowThreshold + r.sampling.unclassifiable + r.sampling.classifierErrors;
    expect(outcomes).toBe(r.sampling.eventsSampled);
    expect(r.sampling.classified).toBe(r.sampling.eventsSampled);
    expect(classifyServer.requests()).toBe(r.sampling.eventsSampled);
    // Distinct users: HyperLogLogs written by the same Lua script, read with a multi-key PFCOUNT (one slot).
    const users = new Set<string>();
    for (const line of (await readGz(archive)).split('\n')) {
      if (!line) continue;
      const e = JSON.parse(line) as { userId?: string };
      if (e.userId) users.add(e.userId);
    }
    const weeks = await app.store.listDistinct((n) => n.startsWith('w:'));
    expect(weeks).toHaveLength(3);
    const counted = await app.store.countDistinct(weeks);
    expect(users.size).toBeGreaterThan(100);
    expect(Math.abs(counted - users.size) / users.size).toBeLessThan(0.03); // HyperLogLog standard error is 0.81%
    expect(lines.filter((l) => /CROSSSLOT|MOVED|ASK /.test(l))).toEqual([]);
  });

  it('every key of the prefix (queues and store) lives in one hash slot on one master', async () => {
    const c = app.redis as Cluster;
    const holders: Array<{ port: number; keys: string[] }> = [];
    for (const node of c.nodes('master')) {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await node.scan(cursor, 'MATCH', `${config.redis.prefix.replace(/[{}]/g, '\\$&')}:*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...batch);
      } while (cursor !== '0');
      if (keys.length) holders.push({ port: (node as Redis).options.port!, keys });
    }
    expect(holders).toHaveLength(1);
    const keys = holders[0]!.keys;
    expect(keys.some((k) => k.includes(':r:'))).toBe(true); // counters
    expect(keys.some((k) => k.includes(':u:'))).toBe(true); // HyperLogLogs
    expect(keys.some((k) => k.includes(':batch:'))).toBe(true); // dedup markers
    expect(keys.some((k) => k.includes(':ingest:'))).toBe(true); // BullMQ
    const slots = new Set<number>();
    for (const k of keys.slice(0, 50)) slots.add(Number(await c.call('CLUSTER', 'KEYSLOT', k)));
    expect(slots.size).toBe(1);
  });

  it('replaying the same archive again leaves every figure unchanged', async () => {
    const before = await report();
    const summary = await replay();
    expect(summary.accepted).toBe(EVENTS);
    const after = await report();
    expect(after).toEqual(before);
  });

  it('rebucketing from raw labels (MULTI over one slot) reproduces the category figures', async () => {
    const before = await report();
    const result = await rebucket(app.store, categoryViewFor(config));
    expect(result.samples).toBe(before.sampling.classified + before.sampling.belowThreshold);
    const after = await report();
    expect(after.categories).toEqual(before.categories);
    expect(after.totals).toEqual(before.totals);
  });

  it('a cluster config whose prefix has no hash tag is refused at load time', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ redis: { cluster: cluster.urls, prefix: 'pc' } }));
    expect(() => loadConfig({ file, env: {} })).toThrow(ConfigError);
    expect(() => loadConfig({ file, env: {} })).toThrow(/hash tag, e\.g\. "\{pc\}"/);
  });
});
