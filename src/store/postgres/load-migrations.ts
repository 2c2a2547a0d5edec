import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** sha256 of the file, recorded when applied so an edited migration is noticed. */
  checksum: string;
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE_NAME = /^(\d{3})-([a-z0-9-]+)\.sql$/;

/** The bundled migrations (src/store/postgres/migrations/NNN-name.sql), in version order. */
export function loadMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  const path = fileURLToPath(dir);
  if (!existsSync(path)) {
    throw new Error(
      `The PostgreSQL migrations folder ${path} is missing. Build with "npm run build" (it copies src/**/*.sql next to the compiled code) or reinstall prompt-census.`,
    );
  }
  const migrations = readdirSync(path)
    .filter((f) => f.endsWith('.sql'))
    .map((file) => {
      const m = FILE_NAME.exec(file);
      if (!m) throw new Error(`Migration file ${file} in ${path} is not named NNN-name.sql; rename it (e.g. 004-add-index.sql).`);
      const sql = readFileSync(new URL(file, dir), 'utf8');
      return { version: Number(m[1]), name: m[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`PostgreSQL migrations must be numbered 001, 002, ... without gaps or repeats; found ${String(m.version).padStart(3, '0')}-${m.name}.sql at position ${i + 1}.`);
    }
  });
  return migrations;
}
