import { PermanentClassifierError } from '../errors/permanent-classifier-error.js';
import { TransientClassifierError } from '../errors/transient-classifier-error.js';
import { capitalize, type FailureContext } from './failure-context.js';

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const CONNECTION_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'EHOSTDOWN',
  'ENETUNREACH', 'ENETDOWN', 'ENETRESET', 'ERR_SOCKET_CLOSED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET',
  'UND_ERR_CLOSED', 'ERR_HTTP2_STREAM_ERROR',
]);

/**
 * Maps an error thrown before any HTTP answer was read (sockets, DNS, TLS) to a transient error.
 * Classifier errors pass through unchanged. Returns undefined when the error is not a network error,
 * so the caller can try its own mappings. The message names only the error code, never a URL
 * (a configured URL may carry a token in its query string).
 */
export function networkFailure(
  err: unknown,
  context: FailureContext,
): PermanentClassifierError | TransientClassifierError | undefined {
  if (err instanceof PermanentClassifierError || err instanceof TransientClassifierError) return err;
  const code = errorCode(err);
  if (code === undefined) return undefined;
  const Service = capitalize(context.service);
  if (TIMEOUT_CODES.has(code)) {
    return new TransientClassifierError('timeout', `${Service} did not answer in time (${code}). The sample will be retried.`);
  }
  if (CONNECTION_CODES.has(code) || code.startsWith('ERR_TLS_') || code.includes('CERT')) {
    return new TransientClassifierError(
      'connection',
      `Could not reach ${context.service} (${code}). The sample will be retried. ${context.endpointHint}`,
    );
  }
  return undefined;
}

/** The first string `code` on the error or its causes (Node system errors, node-fetch FetchError, GaxiosError). */
export function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    const next = (current as { cause?: unknown; error?: unknown }).cause ?? (current as { error?: unknown }).error;
    current = next;
  }
  return undefined;
}
