import pg from 'pg';
import { quoteIdent } from './postgres-connection.js';

/** Drop a store schema and everything in it. For demos and tests; never called by the pipeline. */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}
