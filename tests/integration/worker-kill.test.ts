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
import { archiveTotals } from '../helpers/archive-totals.js';
import { REDIS_URL, requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';
import { spawnCli, writeConfigFile, type WorkerProcess } from '../helpers/worker-process.js';

const EVENTS = 100_000;

describe('a worker killed with SIGKILL mid-replay', () => {
  let t: TestApp;
  let dir: string;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    await requireRedis();
    dir = await mkdtemp(join(tmpdir(), 'pc-kill-'));
    t = await startTestApp('kill', { sampling: { rate: 0.01 }, worker: { lockDurationMs: 1500 } });
  });
  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await t?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('restarts and ends with exact totals (nothing lost, nothing counted twice)', { timeout: 180_000 }, async () => {
    const archive = join(dir, 'kill.ndjson');
    await generateArchive({ events: EVENTS, seed: 3, weeks: 3, out: archive });
    const configFile = await writeConfigFile(join(dir, 'config.yaml'), {
      redis: { url: REDIS_URL, prefix: t.config.redis.prefix },
      sampling: { rate: 0.01 },
      worker: { lockDurationMs: 1500, concurrency: 2 },
      log: { level: 'info' },
    });
    const start = async () => {
      const w = await spawnCli(['worker', '--config', configFile, '--no-http'], { readyLine: /workers started/ });
      workers.push(w);
      return w;
    };

    let current = await start();
    let replayDone = false;
    const replaying = replayArchives({ paths: [archive], format: getIngestFormat('events'), producer: t.app.newReplayProducer() })
      .finally(() => {
        replayDone = true;
      });

    // Kill at random moments while events flow and the backlog drains, restarting each time.
    let kills = 0;
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 30 + Math.floor(Math.random() * 200)));
      const backlog = await t.app.queues.backlog();
      if (replayDone && backlog.ingest === 0 && backlog.classify === 0) break;
      current.child.kill('SIGKILL');
      await current.exited;
      kills++;
      current = await start();
    }
    const summary = await replaying;
    expect(summary.accepted).toBe(EVENTS);
    await waitForDrain(t.app.queues, { timeoutMs: 120_000 });
    current.child.kill('SIGTERM');
    expect(await current.exited).toBe(0);

    const expected = await archiveTotals(archive);
    const r = await loadReport(t.app.store, t.config, categoryViewFor(t.config), {});
    expect(kills).toBeGreaterThan(0);
    expect(r.totals.requests).toBe(expected.totals.requests);
    expect(r.totals.promptTokens).toBe(expected.totals.promptTokens);
    expect(r.totals.completionTokens).toBe(expected.totals.completionTokens);
    expect(r.totals.reasoningTokens).toBe(expected.totals.reasoningTokens);
    expect(Math.round(r.totals.costUsd * 1e9)).toBe(expected.totals.costNano);
    expect(r.sampling.eventsSeen).toBe(EVENTS);
    const outcomes = r.sampling.classified + r.sampling.belowThreshold + r.sampling.unclassifiable + r.sampling.classifierErrors;
    expect(outcomes).toBe(r.sampling.eventsSampled);
  });
});
