import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/**
 * Fields that may hold prompt text or secrets anywhere in a log object. pino removes them before
 * serialisation, so even a careless `logger.info({ event })` cannot leak a prompt.
 */
export const REDACT_PATHS = [
  'prompt', '*.prompt', '*.*.prompt',
  'excerpt', '*.excerpt', '*.*.excerpt',
  'text', '*.text', '*.*.text',
  'content', '*.content', '*.*.content',
  'messages', '*.messages', '*.*.messages',
  'document', '*.document',
  'userId', '*.userId', '*.*.userId',
  'authorization', '*.authorization', '*.*.authorization', 'headers', '*.headers',
  'apiKey', '*.apiKey', '*.*.apiKey',
  'credentials', '*.credentials', '*.*.credentials',
  'authToken', '*.authToken',
  'salt', '*.salt', 'userHashKey', '*.userHashKey',
];

const CENSOR = '[redacted]';

/**
 * Keys whose values are secrets whatever their case or spelling ("Authorization", "X-Goog-Api-Key", "api_key",
 * "X-API-KEY" …), compared lower-cased with "-" and "_" removed. `headers` is censored as a whole: every header
 * (classifier.http.headers may carry any vendor's key under any name) is treated as a secret.
 */
const SECRET_KEYS: ReadonlySet<string> = new Set([
  'authorization', 'proxyauthorization', 'headers', 'rawheaders',
  'xgoogapikey', 'xapikey', 'apikey', 'apitoken', 'authtoken', 'accesstoken', 'refreshtoken', 'idtoken', 'bearer',
  'cookie', 'setcookie', 'password', 'secret', 'clientsecret', 'privatekey', 'credentials',
]);
/** A quick pre-check: lines without any of these substrings (case-insensitive) need no second pass. */
const SECRET_HINT = /authori[sz]ation|headers|api.?key|api.?token|auth.?token|access.?token|refresh.?token|id.?token|bearer|cookie|password|secret|private.?key|credentials/i;
const MAX_DEPTH = 12;

function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

/** A copy of `value` with the values of secret keys censored (and in [name, value, …] header lists too). */
function censorSecrets(value: unknown, depth: number): { value: unknown; changed: boolean } {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return { value, changed: false };
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item, i) => {
      const previous = value[i - 1];
      if (typeof previous === 'string' && typeof item === 'string' && isSecretKey(previous)) {
        changed = true;
        return CENSOR;
      }
      const r = censorSecrets(item, depth + 1);
      changed ||= r.changed;
      return r.value;
    });
    return { value: changed ? out : value, changed };
  }
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (isSecretKey(key) && v !== CENSOR) {
      out[key] = CENSOR;
      changed = true;
      continue;
    }
    const r = censorSecrets(v, depth + 1);
    changed ||= r.changed;
    out[key] = r.value;
  }
  return { value: changed ? out : value, changed };
}

/**
 * The last step before a line is written: pino's `redact` paths are case-sensitive and fixed-depth, so this pass
 * censors secret keys in any case at any depth, after serialisers ran (an error's enumerable `config.headers`
 * included). Lines are few (nothing is logged per event), so parsing a suspicious line again costs nothing.
 */
export function censorLogLine(line: string): string {
  if (!SECRET_HINT.test(line)) return line;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return line;
  }
  const r = censorSecrets(parsed, 0);
  return r.changed ? `${JSON.stringify(r.value)}\n` : line;
}

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stderr by default (stdout is kept for command output). Tests pass a memory stream. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: 'prompt-census',
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      hooks: { streamWrite: censorLogLine },
    },
    options.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}
