/**
 * What `config check` prints instead of secrets. Redacted:
 * - the value of every key whose name looks secret (salt, userHashKey, apiKey, authToken, credentials, private_key,
 *   password, secret, token, …); for `headers` and `authTokens` the names stay and every value is redacted;
 * - inside any URL string (scheme://…): the password of `user:password@`, and the value of every query (or
 *   fragment) parameter whose name looks secret, whatever its case: names containing key, token, secret, pass,
 *   pwd, auth, sig, credential, session or jwt (api_key, apikey, access_token, X-Amz-Signature, sig, …).
 *   Other parameters (db=2, sslmode=require, timeout=5) are kept, since they explain the connection.
 */
export const REDACTED = '[redacted]';

const SECRET_KEY = /salt|hashkey|apikey|api_key|token|secret|passw|pwd|credential|private_?key/i;
const KEEP_NAMES_KEYS = new Set(['headers', 'authTokens']);
const SECRET_PARAM = /key|token|secret|pass|pwd|auth|sig|credential|session|jwt/i;
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

/** A URL with its password and secret-looking query/fragment values redacted; everything else as written. */
export function redactUrl(url: string): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const fragment = hashAt < 0 ? undefined : url.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt < 0 ? undefined : beforeHash.slice(queryAt + 1);

  // scheme://user:password@host → scheme://user:[redacted]@host (the authority ends at the first "/").
  const authorityStart = base.indexOf('//') + 2;
  const slash = base.indexOf('/', authorityStart);
  const authority = slash < 0 ? base.slice(authorityStart) : base.slice(authorityStart, slash);
  const at = authority.lastIndexOf('@');
  let safeAuthority = authority;
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    if (colon >= 0) safeAuthority = `${userinfo.slice(0, colon)}:${REDACTED}${authority.slice(at)}`;
  }
  let out = `${base.slice(0, authorityStart)}${safeAuthority}${slash < 0 ? '' : base.slice(slash)}`;
  if (query !== undefined) out += `?${redactParams(query)}`;
  if (fragment !== undefined) out += `#${fragment.includes('=') ? redactParams(fragment) : fragment}`;
  return out;
}

function redactParams(params: string): string {
  return params
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // a malformed escape: judge the name as written
      }
      return SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join('&');
}
