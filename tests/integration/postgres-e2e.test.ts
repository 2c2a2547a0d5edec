import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classifiers/registry.js';
import { generateArchive } from '../../src/generate/generate-archive.js';
import { getIngestFormat } from '../../src/ingest/registry.js';
import { rebucket } from '../../src/pipeline/rebucket.js';
import { replayArchives } from '../../src/replay/replay-archives.js';
import { waitForDrain } from '../../src/replay/wait-for-drain.js';
import { loadReport } from '../../src/report/load-report.js';
import { dropPostgresSchema } from '../../src/store/postgres/drop-schema.js';
import { categoryViewFor } from '../../src/worker/category-view.js';
import { startCensusWorker, type CensusWorker } from '../../src/worker/census-worker.js';
import { archiveTotals, expectReportMatchesArchive } from '../helpers/archive-totals.js';
import { requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';

const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function requirePostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`These tests need PostgreSQL at ${PG_URL} (set PG_URL; .ci/run starts it): ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('pipeline end to end with store.kind postgres', () => {
  const schema = `pct_e2e_${randomBytes(4).toString('hex')}`;
  let t: TestApp;
  let worker: CensusWorker;
  let dir: string;
  let archive: string;

  beforeAll(async () => {
    await requireRedis();
    await requirePostgres();
    dir = await mkdtemp(join(tmpdir(), 'pc-pg-e2e-'));
    archive = join(dir, 'archive.ndjson.gz');
    await generateArchive({ events: 10_000, seed: 11, weeks: 3, out: archive });
    t = await startTestApp('pg-e2e', {
      sampling: { rate: 0.02, salt: 'pg-e2e-salt' },
      store: { kind: 'postgres', postgres: { url: PG_URL, schema } },
    });
    const classifier = await createClassifier(t.config.classifier, { logger: t.app.logger });
    worker = await startCensusWorker(t.app, { classifier, view: categoryViewFor(t.config) });
  });

  afterAll(async () => {
    await worker?.close();
    await t?.cleanup();
    await dropPostgresSchema(PG_URL, schema);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const replay = async () => {
    const summary = await replayArchives({
      paths: [archive],
      format: getIngestFormat('events'),
      producer: t.app.newReplayProducer(),
    });
    await waitForDrain(t.app.queues, { timeoutMs: 60_000 });
    return summary;
  };
  const report = () => loadReport(t.app.store, t.config, categoryViewFor(t.config), {});

  it('rollups in PostgreSQL equal totals computed independently from the archive', async () => {
    expect(t.app.store.kind).toBe('postgres');
    const summary = await replay();
    const expected = await archiveTotals(archive);
    expect(summary.accepted).toBe(expected.totals.requests);
    const r = await report();
    expectReportMatchesArchive(r, expected);
    expect(r.sampling.eventsSeen).toBe(expected.totals.requests);
    const outcomes = r.sampling.classified + r.sampling.belowThreshold + r.sampling.unclassifiable + r.sampling.classifierErrors;
    expect(outcomes).toBe(r.sampling.eventsSampled);
    expect(r.sampling.eventsSampled).toBeGreaterThan(100);
    expect(r.categories.find((c) => c.category === 'programming')!.sampledRequests).toBeGreaterThan(0);

    // The analyst views agree with the report.
    const sql = new pg.Client({ connectionString: PG_URL });
    await sql.connect();
    try {
      const weekly = await sql.query(`SELECT sum(requests)::bigint AS n, sum(prompt_tokens)::bigint AS pt FROM "${schema}".weekly_requests`);
      expect(Number(weekly.rows[0].n)).toBe(expected.totals.requests);
      expect(Number(weekly.rows[0].pt)).toBe(expected.totals.promptTokens);
      const sampled = await sql.query(`SELECT sum(sampled)::bigint AS n FROM "${schema}".sampling_outcomes`);
      expect(Number(sampled.rows[0].n)).toBe(r.sampling.eventsSampled);
    } finally {
      await sql.end();
    }
  });

  it('replaying the same archive again leaves every figure unchanged; rebucketing the same view changes nothing', async () => {
    const before = await report();
    const users = await t.app.store.countDistinct(await t.app.store.listDistinct((n) => n.startsWith('w:')));
    const summary = await replay();
    expect(summary.accepted).toBeGreaterThan(0);
    expect(await report()).toEqual(before);
    expect(await t.app.store.countDistinct(await t.app.store.listDistinct((n) => n.startsWith('w:')))).toBe(users);

    const result = await rebucket(t.app.store, categoryViewFor(t.config));
    expect(result.samples).toBe(before.sampling.classified + before.sampling.belowThreshold);
    expect(await report()).toEqual(before);
  });
});
