import { IngestBodyError } from './ingest-body-error.js';

/** "Application/JSON; charset=utf-8" → "application/json"; undefined or empty → "". */
export function normalizeContentType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/** Returns the normalized content type, or throws IngestBodyError 415 naming the accepted ones. */
export function requireContentType(contentType: string, accepted: readonly string[], route: string): string {
  const ct = normalizeContentType(contentType);
  if (!accepted.includes(ct)) {
    const got = ct === '' ? 'no Content-Type' : `Content-Type ${JSON.stringify(ct.slice(0, 100))}`;
    throw new IngestBodyError(
      415,
      `${route} does not accept ${got}; send the body as ${accepted.join(' or ')} and set the Content-Type header accordingly.`,
    );
  }
  return ct;
}
