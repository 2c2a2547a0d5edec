import type pg from 'pg';
import type { Config } from '../../config/config-schema.js';
import type { Logger } from '../../logging/create-logger.js';
import { loadMigrations, type Migration } from './load-migrations.js';
import { checkPostgres, createPostgresPool, quoteIdent } from './postgres-connection.js';

export interface MigrationResult {
  schema: string;
  /** Versions applied by this call, e.g. ["001-store-tables"]. */
  applied: string[];
  /** The schema's version after the call. */
  version: number;
}

/**
 * Bring `schema` up to the latest bundled migration. Runs in one transaction under an advisory lock keyed by the
 * schema name, so replicas starting together apply each migration once and the others wait and see it done.
 */
export async function runMigrations(
  pool: pg.Pool,
  schema: string,
  logger: Logger,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<MigrationResult> {
  const s = quoteIdent(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`prompt-census migrate ${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`SET LOCAL search_path TO ${s}, pg_catalog`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const done = new Map(rows.map((r) => [r.version, r]));
    const newest = rows.at(-1)?.version ?? 0;
    const known = migrations.at(-1)?.version ?? 0;
    if (newest > known) {
      throw new Error(
        `PostgreSQL schema "${schema}" is at migration ${newest}, newer than this prompt-census knows (${known}). ` +
          'Upgrade prompt-census, or point store.postgres.schema at another schema.',
      );
    }
    const applied: string[] = [];
    for (const m of migrations) {
      const prior = done.get(m.version);
      if (prior) {
        if (prior.checksum !== m.checksum) {
          logger.warn(
            { schema, migration: `${m.version}-${m.name}` },
            'a PostgreSQL migration changed after it was applied; the change is not re-run (add a new migration instead)',
          );
        }
        continue;
      }
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
      applied.push(`${String(m.version).padStart(3, '0')}-${m.name}`);
    }
    await client.query('COMMIT');
    if (applied.length) logger.info({ schema, applied }, 'applied PostgreSQL migrations');
    return { schema, applied, version: Math.max(newest, known) };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** `prompt-census migrate`: connect with the config's store.postgres settings, migrate, disconnect. */
export async function migratePostgres(config: Config, logger: Logger): Promise<MigrationResult> {
  const { url, schema } = config.store.postgres;
  const pool = createPostgresPool(url, logger, 'prompt-census-migrate');
  try {
    await checkPostgres(pool, url);
    return await runMigrations(pool, schema, logger);
  } finally {
    await pool.end();
  }
}
