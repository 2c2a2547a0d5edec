import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { configSchema, type Config } from './config-schema.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface LoadConfigOptions {
  /** --config FILE; falls back to env PROMPT_CENSUS_CONFIG; none → all defaults. */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Applied last (CLI flags such as --classifier). Dotted paths, e.g. {"classifier.kind": "http"}. */
  overrides?: Record<string, unknown>;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    const next = cur[p];
    if (next === undefined || next === null || typeof next !== 'object') cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
}

export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((i) => {
      const path = i.path.map(String).join('.') || '(root)';
      const extra = i.code === 'unrecognized_keys' ? '' : '';
      return `  - ${path}: ${i.message}${extra}`;
    })
    .join('\n');
}

/**
 * Load, merge and validate the config once at start-up. Precedence: defaults < file < env (REDIS_URL, SECRET_ENV) <
 * overrides. An invalid config throws ConfigError naming each bad key path and why.
 */
export function loadConfig(options: LoadConfigOptions = {}): { config: Config; source: string } {
  const env = options.env ?? process.env;
  const file = options.file ?? env.PROMPT_CENSUS_CONFIG;
  let raw: unknown = {};
  let source = '(defaults)';
  if (file) {
    source = file;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`Cannot read config file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
    }
    try {
      raw = /\.json$/i.test(file) ? JSON.parse(text) : (parseYaml(text) ?? {});
    } catch (err) {
      throw new ConfigError(`Config file ${file} is not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${(err as Error).message}`);
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new ConfigError(`Config file ${file} must hold a mapping of keys (e.g. "redis:", "sampling:") at the top level.`);
    }
  }
  const merged = structuredClone(raw) as Record<string, unknown>;
  if (env.REDIS_URL) setPath(merged, 'redis.url', env.REDIS_URL);
  // Secrets can come from the environment (e.g. a Kubernetes Secret) instead of the config file.
  for (const [name, path] of SECRET_ENV) if (env[name]) setPath(merged, path, env[name]);
  for (const [k, v] of Object.entries(options.overrides ?? {})) if (v !== undefined) setPath(merged, k, v);
  const r = configSchema.safeParse(merged);
  if (!r.success) {
    throw new ConfigError(`Invalid config (${source}):\n${formatIssues(r.error.issues)}`);
  }
  const config = r.data;
  if (config.redis.cluster?.length && !/\{[^}]+\}/.test(config.redis.prefix)) {
    throw new ConfigError(
      `Invalid config (${source}):\n  - redis.prefix: with redis.cluster set the prefix must contain a hash tag, e.g. "{pc}", so every atomic write stays in one slot`,
    );
  }
  return { config, source };
}

/** Environment variables that override secret config keys. */
export const SECRET_ENV: ReadonlyArray<[string, string]> = [
  ['PROMPT_CENSUS_SAMPLING_SALT', 'sampling.salt'],
  ['PROMPT_CENSUS_USER_HASH_KEY', 'ingest.userHashKey'],
  ['PROMPT_CENSUS_AUTH_TOKEN', 'server.authToken'],
  ['PROMPT_CENSUS_GOOGLE_API_KEY', 'classifier.google.apiKey'],
  ['PROMPT_CENSUS_POSTGRES_URL', 'store.postgres.url'],
];

const SECRET_KEYS = new Set(['salt', 'userHashKey', 'apiKey', 'credentials', 'authToken', 'authTokens', 'headers', 'private_key']);

/** The effective config with secrets (and passwords inside URLs) replaced by "[redacted]". */
export function redactConfig(config: Config): unknown {
  const walk = (v: unknown, key?: string): unknown => {
    if (key && SECRET_KEYS.has(key) && v !== undefined) {
      if ((key === 'headers' || key === 'authTokens') && v && typeof v === 'object') {
        return Object.fromEntries(Object.keys(v).map((h) => [h, '[redacted]']));
      }
      return '[redacted]';
    }
    if (typeof v === 'string' && /^[a-z]+:\/\/[^/]*:[^@/]*@/i.test(v)) return v.replace(/(\/\/[^/:]*:)[^@/]*@/, '$1***@');
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(config);
}
