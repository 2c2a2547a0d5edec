import type pg from 'pg';
import type { BatchDeltas } from '../../pipeline/batch-deltas.js';
import type { Logger } from '../../logging/create-logger.js';
import type { AggregationStore } from '../aggregation-store.js';
import type { RawLabelRecord } from '../raw-label-record.js';
import { registerMaxima } from './hll-registers.js';
import { quoteIdent } from './postgres-connection.js';

export interface PostgresStoreOptions {
  /** The store owns the pool and ends it on close(). */
  pool: pg.Pool;
  schema: string;
  dedupTtlDays: number;
  labelRetentionDays: number;
  logger: Logger;
  /** How often (at most) applyBatch/applySample also delete expired markers and labels. Default one hour. */
  purgeEveryMs?: number;
}

export interface PurgeResult {
  batches: number;
  samples: number;
  labels: number;
}

export interface PostgresStore extends AggregationStore {
  readonly kind: 'postgres';
  readonly schema: string;
  /** Delete batch/sample markers past store.dedupTtlDays and raw labels past store.labelRetentionDays. */
  purgeExpired(): Promise<PurgeResult>;
}

/** SQLSTATEs after which a whole transaction may simply be run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;
const LABEL_PAGE = 1000;

function checkText(kind: string, s: string): string {
  if (s.includes('\u0000')) {
    throw new Error(`The ${kind} ${JSON.stringify(s)} contains U+0000, which PostgreSQL text cannot hold; strip control characters before it reaches the store.`);
  }
  return s;
}

/** Column arrays for the counter upsert, sorted by (scope, field) so concurrent writers lock rows in one order. */
function counterRows(deltas: BatchDeltas) {
  const rows: Array<[string, string, number]> = [];
  for (const [scope, fields] of deltas.counters) {
    for (const [f, v] of fields) {
      if (!Number.isSafeInteger(v)) throw new Error(`Counter ${JSON.stringify(scope)} / ${JSON.stringify(f)} has the non-integer delta ${v}; counters only take whole numbers.`);
      rows.push([checkText('counter scope', scope), checkText('counter field', f), v]);
    }
  }
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return { scopes: rows.map((r) => r[0]), fields: rows.map((r) => r[1]), values: rows.map((r) => String(r[2])) };
}

/** Set names and per-register maxima, in name/register order. */
function distinctRows(deltas: BatchDeltas) {
  // Register maxima of each set's new elements; a union target takes the maxima of its sources (the registers
  // the same elements would set), so no element is hashed twice.
  const maximaOf = new Map<string, Map<number, number>>();
  for (const [name, elems] of deltas.distinct) if (elems.size > 0) maximaOf.set(name, registerMaxima(elems));
  for (const [target, sources] of deltas.unions) {
    const into = new Map(maximaOf.get(target));
    for (const source of sources) {
      for (const [r, v] of maximaOf.get(source) ?? []) if (v > (into.get(r) ?? 0)) into.set(r, v);
    }
    if (into.size > 0) maximaOf.set(target, into);
  }
  const names = [...maximaOf.keys()].map((n) => checkText('distinct-count set name', n)).sort();
  const nameIdx: number[] = [];
  const idx: number[] = [];
  const rho: number[] = [];
  names.forEach((name, i) => {
    const maxima = [...maximaOf.get(name)!].sort((a, b) => a[0] - b[0]);
    for (const [r, v] of maxima) {
      nameIdx.push(i + 1);
      idx.push(r);
      rho.push(v);
    }
  });
  return { names, nameIdx, idx, rho };
}

export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  const { pool, logger } = options;
  const s = quoteIdent(options.schema);
  const purgeEveryMs = options.purgeEveryMs ?? 3_600_000;
  let lastPurge = Date.now();
  let purging: Promise<unknown> | null = null;
  let closed = false;

  const sql = {
    markBatch: `INSERT INTO ${s}.applied_batches AS b (id, expires_at) VALUES ($1, now() + make_interval(days => $2))
      ON CONFLICT (id) DO UPDATE SET applied_at = now(), expires_at = EXCLUDED.expires_at WHERE b.expires_at <= now()
      RETURNING 1`,
    markSample: `INSERT INTO ${s}.applied_samples AS b (id, expires_at) VALUES ($1, now() + make_interval(days => $2))
      ON CONFLICT (id) DO UPDATE SET applied_at = now(), expires_at = EXCLUDED.expires_at WHERE b.expires_at <= now()
      RETURNING 1`,
    addCounters: `INSERT INTO ${s}.counters AS c (scope, field, value)
      SELECT u.scope, u.field, u.value FROM unnest($1::text[], $2::text[], $3::bigint[]) WITH ORDINALITY AS u(scope, field, value, ord)
      ORDER BY u.ord
      ON CONFLICT (scope, field) DO UPDATE SET value = c.value + EXCLUDED.value`,
    // replaceCounters writes values (like HSET), it does not add them.
    setCounters: `INSERT INTO ${s}.counters AS c (scope, field, value)
      SELECT u.scope, u.field, u.value FROM unnest($1::text[], $2::text[], $3::bigint[]) WITH ORDINALITY AS u(scope, field, value, ord)
      ORDER BY u.ord
      ON CONFLICT (scope, field) DO UPDATE SET value = EXCLUDED.value`,
    addSets: `INSERT INTO ${s}.distinct_sets (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`,
    mergeRegisters: `INSERT INTO ${s}.distinct_registers AS g (set_id, idx, rho)
      SELECT d.id, u.idx, u.rho
      FROM unnest($2::int[], $3::smallint[], $4::smallint[]) WITH ORDINALITY AS u(ni, idx, rho, ord)
      JOIN ${s}.distinct_sets d ON d.name = ($1::text[])[u.ni]
      ORDER BY u.ord
      ON CONFLICT (set_id, idx) DO UPDATE SET rho = EXCLUDED.rho WHERE g.rho < EXCLUDED.rho`,
    addLabel: `INSERT INTO ${s}.raw_labels (week, record, expires_at) VALUES ($1, $2::json, now() + make_interval(days => $3))`,
    // Every distinct scope via a loose index scan of the primary key (one index probe per scope).
    scopes: `WITH RECURSIVE t(scope) AS (
        (SELECT scope FROM ${s}.counters ORDER BY scope LIMIT 1)
        UNION ALL
        SELECT (SELECT c.scope FROM ${s}.counters c WHERE c.scope > t.scope ORDER BY c.scope LIMIT 1) FROM t WHERE t.scope IS NOT NULL
      ) SELECT scope FROM t WHERE scope IS NOT NULL`,
  };

  /** Run `fn` in a transaction, again on a deadlock or serialization failure. */
  async function transaction<T>(fn: (c: pg.PoolClient) => Promise<T>, isolation = 'READ COMMITTED'): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      try {
        await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
        const out = await fn(client);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (err as { code?: string }).code;
        if (code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
          logger.debug({ code, attempt }, 'PostgreSQL transaction conflict; retrying');
          continue;
        }
        throw err;
      } finally {
        client.release();
      }
    }
  }

  /** Write counters and distinct registers inside an open transaction. */
  async function writeDeltas(client: pg.PoolClient, deltas: BatchDeltas): Promise<void> {
    const c = counterRows(deltas);
    if (c.scopes.length) await client.query(sql.addCounters, [c.scopes, c.fields, c.values]);
    const d = distinctRows(deltas);
    if (d.names.length) {
      await client.query(sql.addSets, [d.names]);
      await client.query(sql.mergeRegisters, [d.names, d.nameIdx, d.idx, d.rho]);
    }
  }

  async function purgeExpired(): Promise<PurgeResult> {
    return transaction(async (client) => {
      const batches = await client.query(`DELETE FROM ${s}.applied_batches WHERE expires_at <= now()`);
      const samples = await client.query(`DELETE FROM ${s}.applied_samples WHERE expires_at <= now()`);
      const labels = await client.query(`DELETE FROM ${s}.raw_labels WHERE expires_at <= now()`);
      return { batches: batches.rowCount ?? 0, samples: samples.rowCount ?? 0, labels: labels.rowCount ?? 0 };
    });
  }

  function maybePurge(): void {
    if (purging || closed || Date.now() - lastPurge < purgeEveryMs) return;
    lastPurge = Date.now();
    purging = purgeExpired()
      .then((r) => logger.debug({ ...r }, 'purged expired PostgreSQL store rows'))
      .catch((err) => logger.warn({ err }, 'purging expired PostgreSQL store rows failed; will try again later'))
      .finally(() => {
        purging = null;
      });
  }

  async function applyOnce(markSql: string, id: string, deltas: BatchDeltas, raw: RawLabelRecord | null): Promise<boolean> {
    const applied = await transaction(async (client) => {
      const marked = await client.query(markSql, [checkText('id', id), options.dedupTtlDays]);
      if (marked.rowCount === 0) return false;
      await writeDeltas(client, deltas);
      if (raw) await client.query(sql.addLabel, [checkText('week', raw.week), JSON.stringify(raw), options.labelRetentionDays]);
      return true;
    });
    maybePurge();
    return applied;
  }

  return {
    kind: 'postgres',
    schema: options.schema,
    applyBatch: (batchId, deltas) => applyOnce(sql.markBatch, batchId, deltas, null),
    applySample: (sampleId, deltas, raw) => applyOnce(sql.markSample, sampleId, deltas, raw),
    async isSampleDone(sampleId) {
      const r = await pool.query(`SELECT 1 FROM ${s}.applied_samples WHERE id = $1 AND expires_at > now()`, [checkText('id', sampleId)]);
      return (r.rowCount ?? 0) > 0;
    },
    async readCounters(select) {
      // One snapshot for the scope list and the rows, so a concurrent replaceCounters is seen whole or not at all.
      return transaction(async (client) => {
        const scopes = (await client.query<{ scope: string }>(sql.scopes)).rows.map((r) => r.scope).filter(select);
        const out = new Map<string, Map<string, number>>();
        for (let i = 0; i < scopes.length; i += 1000) {
          const { rows } = await client.query<{ scope: string; field: string; value: string }>(
            `SELECT scope, field, value FROM ${s}.counters WHERE scope = ANY($1::text[]) ORDER BY scope, field`,
            [scopes.slice(i, i + 1000)],
          );
          for (const r of rows) {
            let m = out.get(r.scope);
            if (!m) out.set(r.scope, (m = new Map()));
            m.set(r.field, Number(r.value));
          }
        }
        return out;
      }, 'REPEATABLE READ READ ONLY');
    },
    async listDistinct(select) {
      const { rows } = await pool.query<{ name: string }>(`SELECT name FROM ${s}.distinct_sets ORDER BY name`);
      return rows.map((r) => r.name).filter(select);
    },
    async countDistinct(names) {
      if (names.length === 0) return 0;
      const { rows } = await pool.query<{ n: string }>(`SELECT ${s}.distinct_estimate($1::text[]) AS n`, [[...names]]);
      return Number(rows[0]!.n);
    },
    async *readRawLabels() {
      let week = '';
      let id = '0';
      for (;;) {
        const { rows } = await pool.query<{ id: string; week: string; record: RawLabelRecord }>(
          `SELECT id, week, record FROM ${s}.raw_labels WHERE expires_at > now() AND (week, id) > ($1, $2::bigint)
           ORDER BY week, id LIMIT ${LABEL_PAGE}`,
          [week, id],
        );
        for (const r of rows) yield r.record;
        if (rows.length < LABEL_PAGE) return;
        week = rows.at(-1)!.week;
        id = rows.at(-1)!.id;
      }
    },
    async replaceCounters(select, deltas) {
      const c = counterRows(deltas);
      await transaction(async (client) => {
        // Block concurrent counter writers for the swap; readers keep their snapshot.
        await client.query(`LOCK TABLE ${s}.counters IN SHARE ROW EXCLUSIVE MODE`);
        const old = (await client.query<{ scope: string }>(sql.scopes)).rows.map((r) => r.scope).filter(select);
        if (old.length) await client.query(`DELETE FROM ${s}.counters WHERE scope = ANY($1::text[])`, [old]);
        if (c.scopes.length) await client.query(sql.setCounters, [c.scopes, c.fields, c.values]);
      });
    },
    async getMeta(key) {
      const { rows } = await pool.query<{ value: string }>(`SELECT value FROM ${s}.meta WHERE key = $1`, [key]);
      return rows[0]?.value ?? null;
    },
    async setMeta(key, value) {
      await pool.query(`INSERT INTO ${s}.meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [
        checkText('meta key', key),
        checkText('meta value', value),
      ]);
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    purgeExpired,
    async close() {
      if (closed) return;
      closed = true;
      await purging;
      await pool.end();
    },
  };
}
