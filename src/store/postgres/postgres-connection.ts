import pg from 'pg';
import { redactUrl } from '../../config/redact-url.js';
import type { Logger } from '../../logging/create-logger.js';

/** Connections one store keeps open at most (worker batch + classify concurrency fit well under it). */
export const POOL_SIZE = 10;

/** A connection pool for `url`. Errors of idle connections are logged instead of crashing the process. */
export function createPostgresPool(url: string, logger: Logger, name = 'prompt-census'): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, application_name: name, connectionTimeoutMillis: 5000 });
  pool.on('error', (err) => logger.warn({ err }, 'an idle PostgreSQL connection failed; the pool will open a new one'));
  return pool;
}

/** Run `SELECT 1`, or throw an error that names the URL and says how to fix it. */
export async function checkPostgres(pool: pg.Pool, url: string): Promise<void> {
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    throw new Error(
      `Cannot reach PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}. Start PostgreSQL (>= 13) there, ` +
        'or point store.postgres.url (in the config) at a running server.',
      { cause: err },
    );
  }
}

/** A safely double-quoted SQL identifier (schema names come from config). */
export function quoteIdent(name: string): string {
  if (name.length === 0 || name.includes('\u0000')) {
    throw new Error(`"${name}" is not a valid PostgreSQL identifier; use letters, digits and underscores.`);
  }
  return `"${name.replace(/"/g, '""')}"`;
}
