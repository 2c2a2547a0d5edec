import { REDACTED, redactUrl } from './redact-url.js';

/**
 * What `config check` prints instead of secrets. Redacted:
 * - the value of every key whose name looks secret (salt, userHashKey, apiKey, authToken, credentials, private_key,
 *   password, secret, token, …); for `headers` and `authTokens` the names stay and every value is redacted;
 * - inside any URL string (scheme://…): the password of `user:password@`, and the value of every query (or
 *   fragment) parameter whose name looks secret, whatever its case: names containing key, token, secret, pass,
 *   pwd, auth, sig, credential, session or jwt (api_key, apikey, access_token, X-Amz-Signature, sig, …).
 *   Other parameters (db=2, sslmode=require, timeout=5) are kept, since they explain the connection.
 */
export { REDACTED };

const SECRET_KEY = /salt|hashkey|apikey|api_key|token|secret|passw|pwd|credential|private_?key/i;
const KEEP_NAMES_KEYS = new Set(['headers', 'authTokens']);
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

export function redactConfig(config: unknown): unknown {
  const walk = (v: unknown, key?: string): unknown => {
    if (key !== undefined && v !== undefined && v !== null) {
      if (KEEP_NAMES_KEYS.has(key) && typeof v === 'object' && !Array.isArray(v)) {
        return Object.fromEntries(Object.keys(v).map((name) => [name, REDACTED]));
      }
      if (SECRET_KEY.test(key)) return REDACTED;
    }
    if (typeof v === 'string') return URL_LIKE.test(v) ? redactUrl(v) : v;
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(config);
}
