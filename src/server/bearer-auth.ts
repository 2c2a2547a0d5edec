import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time check of an "Authorization: Bearer <token>" header against the configured token. */
export function createBearerCheck(token: string | undefined): (header: string | undefined) => boolean {
  if (!token) return () => true;
  const expected = createHash('sha256').update(token).digest();
  return (header) => {
    const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
    const given = createHash('sha256').update(m?.[1] ?? '').digest();
    // Both digests are 32 bytes, so the comparison time does not depend on the token.
    return timingSafeEqual(given, expected) && m !== null;
  };
}
