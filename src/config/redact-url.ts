/** What stands in for a secret in anything printed or logged. */
export const REDACTED = '[redacted]';

/**
 * Query and fragment parameters whose value is secret, by name, whatever its case: names containing key, token,
 * secret, pass, pwd, auth, sig, credential, session or jwt (api_key, apikey, access_token, X-Amz-Signature, …).
 */
const SECRET_PARAM = /key|token|secret|pass|pwd|auth|sig|credential|session|jwt/i;

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
