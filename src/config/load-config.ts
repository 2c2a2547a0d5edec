import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { configSchema, type Config } from './config-schema.js';
import { closestKey, knownKeysAt } from './known-keys.js';

/** One bad key: its dotted path, why, and where the bad value came from (a file, an env var, the command line). */
export interface ConfigIssue {
  path: string;
  message: string;
  source: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    /** Every bad key, when the config was read but is invalid. */
    readonly issues: readonly ConfigIssue[] = [],
  ) {
    super(message);
  }

  /** True when every bad value came from a command-line flag: a usage error (exit code 2), not a config one. */
  get fromCommandLine(): boolean {
    return this.issues.length > 0 && this.issues.every((i) => i.source === COMMAND_LINE);
  }
}

/** The source named for values given as command-line flags (LoadConfigOptions.overrides). */
export const COMMAND_LINE = 'the command line';

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

/**
 * One issue per bad key, in the order zod found them: an unknown key becomes `path.key: unknown key` (with the
 * closest known key as a hint), anything else `path: message`.
 */
export function configIssues(issues: readonly z.core.$ZodIssue[]): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  for (const i of issues) {
    if (i.code === 'unrecognized_keys') {
      const known = knownKeysAt(configSchema, i.path) ?? [];
      for (const key of i.keys) {
        const hint = closestKey(key, known);
        out.push({ path: [...i.path.map(String), key].join('.'), message: hint ? `unknown key (did you mean "${hint}"?)` : 'unknown key' });
      }
    } else {
      out.push({ path: i.path.map(String).join('.') || '(root)', message: i.message });
    }
  }
  return out;
}

/** The lines of an invalid-config message, `  - path: message` each. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return configIssues(issues)
    .map((i) => `  - ${i.path}: ${i.message}`)
    .join('\n');
}

/**
 * Load, merge and validate the config once at start-up. Precedence: defaults < file < env (REDIS_URL,
 * PROMPT_CENSUS_PORT, SECRET_ENV) < overrides. An invalid config throws ConfigError naming each bad key path, why, and where its value came from.
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
  // Where each value that does not come from the file came from, by dotted path (later entries win).
  const origins: Array<[string, string]> = [];
  if (env.REDIS_URL) {
    setPath(merged, 'redis.url', env.REDIS_URL);
    origins.push(['redis.url', 'env REDIS_URL']);
  }
  // The HTTP port, for containers: the worker and `healthcheck` both read it, so the image's HEALTHCHECK follows it.
  if (env.PROMPT_CENSUS_PORT) {
    const port = env.PROMPT_CENSUS_PORT.trim();
    setPath(merged, 'server.port', /^\d+$/.test(port) ? Number(port) : port);
    origins.push(['server.port', 'env PROMPT_CENSUS_PORT']);
  }
  // Secrets can come from the environment (e.g. a Kubernetes Secret) instead of the config file.
  for (const [name, path] of SECRET_ENV) {
    if (env[name]) {
      setPath(merged, path, env[name]);
      origins.push([path, `env ${name}`]);
    }
  }
  for (const [k, v] of Object.entries(options.overrides ?? {})) {
    if (v !== undefined) {
      setPath(merged, k, v);
      origins.push([k, COMMAND_LINE]);
    }
  }
  const fileSource = file ? `file ${file}` : 'the defaults';
  const sourceOf = (path: string): string => {
    let found: string | undefined;
    for (const [p, label] of origins) if (path === p || path.startsWith(`${p}.`)) found = label;
    return found ?? fileSource;
  };
  const r = configSchema.safeParse(merged);
  if (!r.success) throw invalid(configIssues(r.error.issues).map((i) => ({ ...i, source: sourceOf(i.path) })));
  const config = r.data;
  if (config.redis.cluster?.length && !/\{[^}]+\}/.test(config.redis.prefix)) {
    throw invalid([
      {
        path: 'redis.prefix',
        message: 'with redis.cluster set the prefix must contain a hash tag, e.g. "{pc}", so every atomic write stays in one slot',
        source: sourceOf('redis.prefix'),
      },
    ]);
  }
  return { config, source };
}

function invalid(issues: ConfigIssue[]): ConfigError {
  const sources = [...new Set(issues.map((i) => i.source))];
  const lines = issues.map((i) => `  - ${i.path}: ${i.message}${sources.length > 1 ? ` (from ${i.source})` : ''}`);
  return new ConfigError(`Invalid config (from ${sources.join(', ')}):\n${lines.join('\n')}`, issues);
}

/** Environment variables that override secret config keys. */
export const SECRET_ENV: ReadonlyArray<[string, string]> = [
  ['PROMPT_CENSUS_SAMPLING_SALT', 'sampling.salt'],
  ['PROMPT_CENSUS_USER_HASH_KEY', 'ingest.userHashKey'],
  ['PROMPT_CENSUS_AUTH_TOKEN', 'server.authToken'],
  ['PROMPT_CENSUS_GOOGLE_API_KEY', 'classifier.google.apiKey'],
  ['PROMPT_CENSUS_POSTGRES_URL', 'store.postgres.url'],
];
