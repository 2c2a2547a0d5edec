import type { StoreKind } from '../store-kind.js';
import { runMigrations } from './migrate.js';
import { checkPostgres, createPostgresPool } from './postgres-connection.js';
import { createPostgresStore } from './postgres-store.js';

/**
 * store.kind "postgres": connects to store.postgres.url, applies pending migrations to store.postgres.schema
 * (under an advisory lock), deletes expired markers and labels, and returns the store (which owns the pool).
 */
export const postgresStoreKind: StoreKind = {
  kind: 'postgres',
  async create(config, deps) {
    const { url, schema } = config.store.postgres;
    const pool = createPostgresPool(url, deps.logger);
    try {
      await checkPostgres(pool, url);
      await runMigrations(pool, schema, deps.logger);
      const store = createPostgresStore({
        pool,
        schema,
        dedupTtlDays: config.store.dedupTtlDays,
        labelRetentionDays: config.store.labelRetentionDays,
        logger: deps.logger,
      });
      await store.purgeExpired();
      return store;
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
  },
};
