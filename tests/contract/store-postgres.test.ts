import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema, type Config } from '../../src/config/config-schema.js';
import { aggregateBatch } from '../../src/pipeline/aggregate-batch.js';
import { addDistinct, emptyDeltas, type BatchDeltas } from '../../src/pipeline/batch-deltas.js';
import { classifiedDeltas, failedSampleDeltas } from '../../src/pipeline/classification-deltas.js';
import type { RollupRecord } from '../../src/pipeline/rollup-record.js';
import type { AggregationStore } from '../../src/store/aggregation-store.js';
import { dropPostgresSchema } from '../../src/store/postgres/drop-schema.js';
import { postgresStoreKind } from '../../src/store/postgres/index.js';
import { migratePostgres } from '../../src/store/postgres/migrate.js';
import type { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { categoryViewFor } from '../../src/worker/category-view.js';
import { memoryLogger } from '../helpers/test-env.js';
import { storeContract } from './store-contract.js';

const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Fails loudly (not skipped) when PostgreSQL is not there. */
async function requirePostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new Error(`These tests need PostgreSQL at ${PG_URL} (set PG_URL; .ci/run starts it): ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgConfig = (schema: string): Config => configSchema.parse({ store: { kind: 'postgres', postgres: { url: PG_URL, schema } } });
const open = (config: Config) => postgresStoreKind.create(config, { logger: memoryLogger().logger, redis: null as never });

storeContract('postgres', async () => {
  await requirePostgres();
  const schema = `pct_contract_${randomBytes(4).toString('hex')}`;
  const config = pgConfig(schema);
  const stores: AggregationStore[] = [await open(config)];
  return {
    store: stores[0]!,
    async another() {
      const s = await open(config);
      stores.push(s);
      return s;
    },
    async cleanup() {
      await Promise.all(stores.map((s) => s.close()));
      await dropPostgresSchema(PG_URL, schema);
    },
  };
});

describe('postgres store specifics', () => {
  const schema = `pct_pgstore_${randomBytes(4).toString('hex')}`;
  const config = pgConfig(schema);
  let store: PostgresStore;
  let sql: pg.Client;
  const q = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    (await sql.query<T>(text.replaceAll('$schema', `"${schema}"`), values)).rows;
  const counters = (scope: string, fields: Record<string, number>): BatchDeltas => {
    const d = emptyDeltas();
    d.counters.set(scope, new Map(Object.entries(fields)));
    return d;
  };

  beforeAll(async () => {
    await requirePostgres();
    sql = new pg.Client({ connectionString: PG_URL });
    await sql.connect();
    // Three replicas starting at once on a fresh schema: the advisory lock makes them migrate it once.
    const opened = (await Promise.all([open(config), open(config), open(config)])) as PostgresStore[];
    store = opened[0]!;
    await Promise.all(opened.slice(1).map((s) => s.close()));
  });
  afterAll(async () => {
    await store?.close();
    await sql?.end();
    await dropPostgresSchema(PG_URL, schema);
  });

  it('records each migration once; migrate on an up-to-date schema applies nothing', async () => {
    const rows = await q<{ version: number; name: string }>('SELECT version, name FROM $schema.schema_migrations ORDER BY version');
    expect(rows.map((r) => `${r.version}-${r.name}`)).toEqual(['1-store-tables', '2-distinct-estimate', '3-analyst-views', '4-sampling-rates']);
    const again = await migratePostgres(config, memoryLogger().logger);
    expect(again).toEqual({ schema, applied: [], version: 4 });
  });

  it('refuses a schema migrated by a newer prompt-census, and an unreachable server, with messages that say what to do', async () => {
    const newer = `pct_pgnewer_${randomBytes(4).toString('hex')}`;
    try {
      await migratePostgres(pgConfig(newer), memoryLogger().logger);
      await sql.query(`INSERT INTO "${newer}".schema_migrations (version, name, checksum) VALUES (999, 'future', 'x')`);
      await expect(open(pgConfig(newer))).rejects.toThrow(/is at migration 999, newer than this prompt-census knows \(4\)\. Upgrade prompt-census/);
    } finally {
      await dropPostgresSchema(PG_URL, newer);
    }
    const down = configSchema.parse({ store: { kind: 'postgres', postgres: { url: 'postgres://postgres:secret@127.0.0.1:1/x', schema } } });
    const err = await open(down).catch((e: Error) => e);
    expect(String(err)).toMatch(/Cannot reach PostgreSQL at postgres:\/\/postgres:\[redacted\]@127\.0\.0\.1:1\/x: .*point store\.postgres\.url/);
    expect(String(err)).not.toContain('secret');
  });

  it('a batch that fails half-way leaves no trace: no counters, no marker, and it applies cleanly when retried', async () => {
    const bad = counters('fail:w', { req: 1 });
    addDistinct(bad, 'fail:\u0000', 'u1');
    await expect(store.applyBatch('fail-1', bad)).rejects.toThrow(/contains U\+0000, which PostgreSQL text cannot hold/);
    expect((await store.readCounters((s) => s === 'fail:w')).size).toBe(0);
    expect(await q('SELECT 1 FROM $schema.applied_batches WHERE id = $1', ['fail-1'])).toHaveLength(0);
    expect(await store.applyBatch('fail-1', counters('fail:w', { req: 1 }))).toBe(true);
    expect(plainScope(await store.readCounters((s) => s === 'fail:w'), 'fail:w')).toEqual({ req: 1 });
  });

  it('markers and raw labels expire: expired ids apply again, expired labels are not read, purgeExpired deletes them', async () => {
    const raw = { week: 'exp-W01', day: '2025-01-01', kind: 'local', classifier: 'local/1', labels: [], model: 'm', provider: 'p', promptTokens: 1, completionTokens: 1, costNano: 0 };
    expect(await store.applyBatch('exp-b', counters('exp:w', { n: 1 }))).toBe(true);
    expect(await store.applySample('exp-s', counters('exp:k', { n: 1 }), raw)).toBe(true);
    await q(`UPDATE $schema.applied_batches SET expires_at = now() - interval '1 second' WHERE id = 'exp-b'`);
    await q(`UPDATE $schema.applied_samples SET expires_at = now() - interval '1 second' WHERE id = 'exp-s'`);
    await q(`UPDATE $schema.raw_labels SET expires_at = now() - interval '1 second' WHERE week = 'exp-W01'`);
    expect(await store.isSampleDone('exp-s')).toBe(false);
    const weeks: string[] = [];
    for await (const r of store.readRawLabels()) weeks.push(r.week);
    expect(weeks).not.toContain('exp-W01');
    expect(await store.applyBatch('exp-b', counters('exp:w', { n: 1 }))).toBe(true);
    expect(plainScope(await store.readCounters((s) => s === 'exp:w'), 'exp:w')).toEqual({ n: 2 });
    await q(`UPDATE $schema.applied_batches SET expires_at = now() - interval '1 second' WHERE id = 'exp-b'`);
    const purged = await store.purgeExpired();
    expect(purged).toEqual({ batches: 1, samples: 1, labels: 1 });
    expect(await store.purgeExpired()).toEqual({ batches: 0, samples: 0, labels: 0 });
  });

  it('readCounters during replaceCounters sees the old figures or the new ones, never a mix', async () => {
    const old = emptyDeltas();
    const fresh = emptyDeltas();
    for (let i = 0; i < 300; i++) {
      old.counters.set(`swap:${String(i).padStart(3, '0')}`, new Map([['v', 1]]));
      fresh.counters.set(`swap:${String(i + 150).padStart(3, '0')}`, new Map([['v', 2]]));
    }
    await store.applyBatch('swap-old', old);
    const seen = new Set<string>();
    let done = false;
    const reader = (async () => {
      while (!done) {
        const m = await store.readCounters((s) => s.startsWith('swap:'));
        let total = 0;
        for (const f of m.values()) total += f.get('v')!;
        seen.add(`${m.size}/${total}`);
      }
    })();
    for (let round = 0; round < 4; round++) {
      await store.replaceCounters((s) => s.startsWith('swap:'), round % 2 ? old : fresh);
    }
    done = true;
    await reader;
    for (const s of seen) expect(['300/300', '300/600']).toContain(s);
  });

  it('keeps no user hash anywhere: distinct sets hold only (register, rank) pairs', async () => {
    const hashes = Array.from({ length: 50 }, (_, i) => `${randomBytes(16).toString('hex')}${i}`);
    const d = emptyDeltas();
    for (const h of hashes) addDistinct(d, 'priv:w', h);
    await store.applyBatch('priv', d);
    const dump = await q<{ t: string }>(
      `SELECT string_agg(x::text, ' ') AS t FROM (
         SELECT row_to_json(c)::text AS x FROM $schema.counters c UNION ALL SELECT row_to_json(s)::text FROM $schema.distinct_sets s
         UNION ALL SELECT row_to_json(g)::text FROM $schema.distinct_registers g UNION ALL SELECT row_to_json(b)::text FROM $schema.applied_batches b
         UNION ALL SELECT row_to_json(l)::text FROM $schema.raw_labels l UNION ALL SELECT row_to_json(m)::text FROM $schema.meta m) z`,
    );
    for (const h of hashes) expect(dump[0]!.t).not.toContain(h.slice(0, 12));
    // Linear counting is exact unless two of the 50 hashes share a register (~7% of runs): allow that one off.
    const count = await store.countDistinct(['priv:w']);
    expect(count).toBeGreaterThanOrEqual(49);
    expect(count).toBeLessThanOrEqual(50);
  });

  it('analyst views decode the pipeline\'s own counters', async () => {
    const ts = Date.UTC(2025, 5, 3, 12); // 2025-W23, 2025-06-03
    const rec = (o: Partial<RollupRecord>): RollupRecord => ({
      ts, model: 'openai/gpt-4o', provider: 'OpenAI', promptTokens: 100, completionTokens: 20, reasoningTokens: 0, cachedTokens: 0,
      costNano: 1_000_000, latencyMs: 200, finishReason: 'stop', toolsProvided: false, streamed: true, cancelled: false,
      userHash: 'h1', country: 'US', sampling: 0, ...o,
    });
    const records = [
      rec({}),
      rec({ userHash: 'h2', finishReason: 'tool_calls', toolsProvided: true, latencyMs: 400, sampling: 1 }),
      rec({ model: 'anthropic/claude-sonnet-4', provider: 'Anthropic', promptTokens: 1000, completionTokens: 80, country: 'FR', userHash: 'h1' }),
    ];
    await store.applyBatch('views-1', aggregateBatch(records, 0.5));
    const view = categoryViewFor(configSchema.parse({}));
    const labels = [{ name: '/Computers & Electronics/Programming', confidence: 0.9 }];
    const sample = { week: '2025-W23', classifier: 'local/1', labels, languageCode: 'en', model: 'openai/gpt-4o', promptTokens: 100, completionTokens: 20, costNano: 1_000_000 };
    await store.applySample('views-s1', classifiedDeltas(sample, view).deltas, null);
    await store.applySample('views-s2', classifiedDeltas({ ...sample, labels: [] }, view).deltas, null);
    await store.applySample('views-s3', failedSampleDeltas('2025-W23', 'local/1', 'error', 'timeout'), null);

    const byModel = await q(`SELECT model, provider, requests::int, prompt_tokens::int, completion_tokens::int, total_tokens::int, cost_usd::float, token_share
      FROM $schema.weekly_tokens_by_model WHERE week = '2025-W23' ORDER BY model`);
    expect(byModel).toEqual([
      { model: 'anthropic/claude-sonnet-4', provider: 'Anthropic', requests: 1, prompt_tokens: 1000, completion_tokens: 80, total_tokens: 1080, cost_usd: 0.001, token_share: 1080 / 1320 },
      { model: 'openai/gpt-4o', provider: 'OpenAI', requests: 2, prompt_tokens: 200, completion_tokens: 40, total_tokens: 240, cost_usd: 0.002, token_share: 240 / 1320 },
    ]);
    expect(await q(`SELECT requests::int, total_tokens::int, cost_usd::float FROM $schema.weekly_requests WHERE week = '2025-W23'`)).toEqual([
      { requests: 3, total_tokens: 1320, cost_usd: 0.003 },
    ]);
    expect(await q(`SELECT day, requests::int FROM $schema.daily_tokens_by_model WHERE model = 'openai/gpt-4o'`)).toEqual([{ day: '2025-06-03', requests: 2 }]);
    expect(await q(`SELECT tool_call_requests::int, tools_provided_requests::int, tool_call_share, streamed_requests::int
      FROM $schema.weekly_tool_use WHERE week = '2025-W23' AND model = 'openai/gpt-4o'`)).toEqual([
      { tool_call_requests: 1, tools_provided_requests: 1, tool_call_share: 0.5, streamed_requests: 2 },
    ]);
    expect(await q(`SELECT avg_prompt_tokens, avg_latency_ms FROM $schema.weekly_sequence_lengths WHERE model = 'openai/gpt-4o'`)).toEqual([
      { avg_prompt_tokens: 100, avg_latency_ms: 300 },
    ]);
    expect(await q(`SELECT finish_reason, requests::int FROM $schema.weekly_finish_reasons WHERE model = 'openai/gpt-4o' ORDER BY 1`)).toEqual([
      { finish_reason: 'stop', requests: 1 },
      { finish_reason: 'tool_calls', requests: 1 },
    ]);
    expect(await q(`SELECT country, requests::int, tokens::int FROM $schema.weekly_usage_by_country WHERE week = '2025-W23' ORDER BY 1`)).toEqual([
      { country: 'FR', requests: 1, tokens: 1080 },
      { country: 'US', requests: 2, tokens: 240 },
    ]);
    expect(await q(`SELECT sum(requests)::int AS n FROM $schema.weekly_token_histogram WHERE week = '2025-W23' AND measure = 'total'`)).toEqual([{ n: 3 }]);
    expect(await q(`SELECT events_seen::int, sampled::int, not_sampled::int FROM $schema.sampling_outcomes WHERE week = '2025-W23'`)).toEqual([
      { events_seen: 3, sampled: 1, not_sampled: 2 },
    ]);
    expect(await q(`SELECT rate, events::int FROM $schema.sampling_rates WHERE week = '2025-W23'`)).toEqual([{ rate: 0.5, events: 3 }]);
    expect(await q(`SELECT outcome, category_view, samples::int FROM $schema.classifier_outcomes WHERE week = '2025-W23' ORDER BY outcome`)).toEqual([
      { outcome: 'belowThreshold', category_view: view.id, samples: 1 },
      { outcome: 'classified', category_view: view.id, samples: 1 },
      { outcome: 'error', category_view: null, samples: 1 },
    ]);
    expect(await q(`SELECT reason, samples::int FROM $schema.classifier_failure_reasons`)).toEqual([{ reason: 'timeout', samples: 1 }]);
    const shares = await q(`SELECT category, sampled_requests::int, primary_sampled_requests::int, answered_samples::int, share
      FROM $schema.category_shares WHERE week = '2025-W23' AND category_view = $1 ORDER BY category`, [view.id]);
    expect(shares).toEqual([
      { category: 'others', sampled_requests: 1, primary_sampled_requests: 1, answered_samples: 2, share: 0.5 },
      { category: 'programming', sampled_requests: 1, primary_sampled_requests: 1, answered_samples: 2, share: 0.5 },
    ]);
    expect(await q(`SELECT samples::int, prompt_tokens::int, avg_tokens_per_request FROM $schema.category_tokens WHERE category = 'programming'`)).toEqual([
      { samples: 1, prompt_tokens: 100, avg_tokens_per_request: 120 },
    ]);
    expect(await q(`SELECT model, sampled_requests::int FROM $schema.category_by_model WHERE category = 'programming'`)).toEqual([
      { model: 'openai/gpt-4o', sampled_requests: 1 },
    ]);
    expect(await q(`SELECT language, samples::int FROM $schema.sample_languages`)).toEqual([{ language: 'en', samples: 2 }]);
    expect(await q(`SELECT week, users::int FROM $schema.weekly_active_users WHERE week = '2025-W23'`)).toEqual([{ week: '2025-W23', users: 2 }]);
    expect(await q(`SELECT model, users::int FROM $schema.weekly_users_by_model WHERE week = '2025-W23' ORDER BY model`)).toEqual([
      { model: 'anthropic/claude-sonnet-4', users: 1 },
      { model: 'openai/gpt-4o', users: 2 },
    ]);
    expect(await q(`SELECT month, users::int FROM $schema.monthly_users_by_model WHERE model = 'openai/gpt-4o'`)).toEqual([{ month: '2025-06', users: 2 }]);
  });
});

function plainScope(m: Map<string, Map<string, number>>, scope: string) {
  return Object.fromEntries(m.get(scope) ?? []);
}
