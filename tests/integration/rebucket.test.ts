import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classifiers/registry.js';
import { generateArchive } from '../../src/generate/generate-archive.js';
import { getIngestFormat } from '../../src/ingest/registry.js';
import { rebucket } from '../../src/pipeline/rebucket.js';
import { replayArchives } from '../../src/replay/replay-archives.js';
import { waitForDrain } from '../../src/replay/wait-for-drain.js';
import { loadReport } from '../../src/report/load-report.js';
import { categoryViewFor } from '../../src/worker/category-view.js';
import { startCensusWorker } from '../../src/worker/census-worker.js';
import { requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';

const BUNDLED = new URL('../../taxonomy/mapping.yaml', import.meta.url).pathname;

/** Run the archive through a fresh store whose worker uses `mapping`. */
async function freshRun(name: string, archive: string, mapping?: string): Promise<TestApp> {
  const t = await startTestApp(name, {
    sampling: { rate: 0.05, salt: 'rebucket-salt' },
    ...(mapping ? { taxonomy: { mapping } } : {}),
  });
  const classifier = await createClassifier(t.config.classifier, { logger: t.app.logger });
  const worker = await startCensusWorker(t.app, { classifier, view: categoryViewFor(t.config) });
  await replayArchives({ paths: [archive], format: getIngestFormat('events'), producer: t.app.newReplayProducer() });
  await waitForDrain(t.app.queues, { timeoutMs: 60_000 });
  await worker.close();
  return t;
}

describe('rebucket on a real Redis store', () => {
  let dir: string;
  let archive: string;
  let mappingB: string;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    await requireRedis();
    dir = await mkdtemp(join(tmpdir(), 'pc-rebucket-'));
    archive = join(dir, 'a.ndjson');
    await generateArchive({ events: 12_000, seed: 11, weeks: 2, out: archive });
    // Mapping B: another version in which roleplay paths count as creative writing.
    const text = await readFile(BUNDLED, 'utf8');
    const b = text
      .replace(/^version: ".*"$/m, 'version: "test-b"')
      .replace(
        /(- prefix: \/Games\/Roleplaying Games\n\s+category:) roleplay(\n\s+tag:) roleplay\/roleplaying-games/,
        '$1 creative-writing$2 creative-writing/books-literature',
      )
      // Its tag is now unused, which the mapping checks refuse: drop its declaration.
      .replace(/^\s*- \{ id: roleplay\/roleplaying-games,.*\n/m, '');
    expect(b).toContain('version: "test-b"');
    expect(b).not.toBe(text);
    mappingB = join(dir, 'mapping-b.yaml');
    await writeFile(mappingB, b);
  });
  afterAll(async () => {
    for (const t of apps) await t.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('gives the same category figures as a fresh run under the new mapping and threshold', async () => {
    const a = await freshRun('rebucket-a', archive);
    apps.push(a);
    const fresh = await freshRun('rebucket-b', archive, mappingB);
    apps.push(fresh);

    const viewB = categoryViewFor(a.config, { mapping: mappingB });
    const before = await loadReport(a.app.store, a.config, categoryViewFor(a.config), {});
    const result = await rebucket(a.app.store, viewB);
    expect(result.mappingVersion).toBe('test-b');
    expect(result.samples).toBe(before.sampling.classified + before.sampling.belowThreshold);
    expect(result.samples).toBeGreaterThan(200);
    expect(await a.app.store.getMeta('lastRebucket')).toContain('test-b');

    const rebucketed = await loadReport(a.app.store, a.config, viewB, {});
    const freshReport = await loadReport(fresh.app.store, fresh.config, categoryViewFor(fresh.config), {});
    expect(rebucketed.view.mappingVersion).toBe('test-b');
    expect(rebucketed.categories).toEqual(freshReport.categories);
    expect(rebucketed.tags).toEqual(freshReport.tags);
    expect(rebucketed.sampled).toEqual(freshReport.sampled);
    expect(rebucketed.totals).toEqual(freshReport.totals);
    // The change is real: roleplay samples moved to creative writing.
    const share = (r: typeof before, c: string) => r.categories.find((x) => x.category === c)!.sampledRequests ?? 0; // null: suppressed
    expect(share(before, 'roleplay')).toBeGreaterThan(0);
    expect(share(rebucketed, 'roleplay')).toBeLessThan(share(before, 'roleplay'));
    expect(share(rebucketed, 'creative-writing')).toBeGreaterThan(share(before, 'creative-writing'));
    // The old view is untouched.
    expect((await loadReport(a.app.store, a.config, categoryViewFor(a.config), {})).categories).toEqual(before.categories);
  });

  it('rebuckets under another threshold, and doing it twice changes nothing', async () => {
    const a = apps[0]!;
    const view = categoryViewFor(a.config, { minConfidence: 0.9 });
    await rebucket(a.app.store, view);
    const once = await loadReport(a.app.store, a.config, view, {});
    await rebucket(a.app.store, view);
    expect(await loadReport(a.app.store, a.config, view, {})).toEqual(once);
    const at05 = await loadReport(a.app.store, a.config, categoryViewFor(a.config), {});
    expect(once.sampling.belowThreshold).toBeGreaterThanOrEqual(at05.sampling.belowThreshold);
    expect(once.sampling.classified + once.sampling.belowThreshold).toBe(at05.sampling.classified + at05.sampling.belowThreshold);
  });
});
