import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArchive } from '../../src/generate/generate-archive.js';
import { getIngestFormat } from '../../src/ingest/registry.js';
import { replayArchives } from '../../src/replay/replay-archives.js';
import { waitForDrain } from '../../src/replay/wait-for-drain.js';
import { loadReport } from '../../src/report/load-report.js';
import { categoryViewFor } from '../../src/worker/category-view.js';
import { archiveTotals, expectReportMatchesArchive } from '../helpers/archive-totals.js';
import { startProgrammingClassifier } from '../helpers/programming-classifier.js';
import { REDIS_URL, requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';
import { spawnCli, writeConfigFile, type WorkerProcess } from '../helpers/worker-process.js';

const EVENTS = 100_000;
const REPLICAS = 3;

/** One Prometheus sample value, e.g. metric('prompt_census_batches_applied_total{result="applied"}'); 0 if absent. */
function metricValue(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe(`${REPLICAS} worker replicas sharing one queue`, () => {
  let t: TestApp;
  let dir: string;
  let classifyServer: Awaited<ReturnType<typeof startProgrammingClassifier>>;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    await requireRedis();
    dir = await mkdtemp(join(tmpdir(), 'pc-replicas-'));
    classifyServer = await startProgrammingClassifier();
    t = await startTestApp('replicas', { sampling: { rate: 0.0025 } });
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await t?.cleanup();
    await classifyServer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('split the batches between them and end with exact totals', { timeout: 180_000 }, async () => {
    const archive = join(dir, 'replicas.ndjson');
    const generating = generateArchive({ events: EVENTS, seed: 5, weeks: 2, out: archive });
    const configFile = await writeConfigFile(join(dir, 'config.yaml'), {
      redis: { url: REDIS_URL, prefix: t.config.redis.prefix },
      sampling: { rate: 0.0025 },
      classifier: { kind: 'http', http: { url: classifyServer.url }, rateLimit: { perMinute: 600_000 } },
      worker: { concurrency: 2 },
      log: { level: 'info' },
    });
    // Each replica serves /metrics on a port of its own (--port 0: the OS picks one; the log line names it).
    const started = await Promise.all(
      Array.from({ length: REPLICAS }, () => spawnCli(['worker', '--config', configFile, '--port', '0'], { readyLine: /HTTP server listening/, timeoutMs: 60_000 })),
    );
    workers.push(...started);
    const addresses = started.map((w) => {
      const m = /"address":"(http:\/\/[^"]+)"/.exec(w.output());
      if (!m) throw new Error(`no listening address in the worker's log:\n${w.output()}`);
      return m[1]!;
    });
    await generating;

    const summary = await replayArchives({ paths: [archive], format: getIngestFormat('events'), producer: t.app.newProducer({ batchMaxWaitMs: 0 }) });
    expect(summary.accepted).toBe(EVENTS);
    await waitForDrain(t.app.queues, { timeoutMs: 120_000 });

    // Per replica: batches applied (and duplicates skipped) from its own /metrics.
    const perReplica = await Promise.all(
      addresses.map(async (a) => {
        const text = await (await fetch(`${a}/metrics`)).text();
        return {
          applied: metricValue(text, 'prompt_census_batches_applied_total{result="applied"}'),
          duplicate: metricValue(text, 'prompt_census_batches_applied_total{result="duplicate"}'),
          events: metricValue(text, 'prompt_census_batch_events_total'),
        };
      }),
    );
    for (const w of workers) w.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual(Array(REPLICAS).fill(0));

    // Every batch applied exactly once in all, and every replica took a share.
    expect(perReplica.reduce((a, r) => a + r.applied, 0)).toBe(summary.batches);
    expect(perReplica.reduce((a, r) => a + r.events, 0)).toBe(EVENTS);
    for (const r of perReplica) expect(r.applied).toBeGreaterThan(0);

    const expected = await archiveTotals(archive);
    const r = await loadReport(t.app.store, t.config, categoryViewFor(t.config), {});
    expectReportMatchesArchive(r, expected);
    expect(r.sampling.eventsSeen).toBe(EVENTS);
    expect(r.sampling.eventsSampled).toBe(summary.sampled);
    expect(r.sampling.classified).toBe(r.sampling.eventsSampled);
    // Each sample classified once across the replicas (no retries against a healthy endpoint).
    expect(classifyServer.requests()).toBe(r.sampling.eventsSampled);
  });
});
