import { PermanentClassifierError } from '../errors/permanent-classifier-error.js';
import { TransientClassifierError } from '../errors/transient-classifier-error.js';
import { capitalize, type FailureContext } from '../shared/failure-context.js';
import { httpFailure } from '../shared/http-failure.js';
import { networkFailure } from '../shared/thrown-failure.js';
import { safeUpstreamMessage } from '../shared/upstream-message.js';

/** gRPC status codes (google.rpc.Code) and the HTTP status Google maps each to. */
const RPC_TO_HTTP: Readonly<Record<number, number>> = {
  1: 499, // CANCELLED
  2: 500, // UNKNOWN
  3: 400, // INVALID_ARGUMENT
  4: 504, // DEADLINE_EXCEEDED
  5: 404, // NOT_FOUND
  7: 403, // PERMISSION_DENIED
  8: 429, // RESOURCE_EXHAUSTED
  9: 400, // FAILED_PRECONDITION
  10: 409, // ABORTED
  11: 400, // OUT_OF_RANGE
  12: 501, // UNIMPLEMENTED
  13: 500, // INTERNAL
  14: 503, // UNAVAILABLE
  15: 500, // DATA_LOSS
  16: 401, // UNAUTHENTICATED
};

/**
 * Turns anything the Google client threw into a PermanentClassifierError or TransientClassifierError.
 *
 * In REST mode (google-gax 5 + gaxios 7) a failed call is a GaxiosError: `status`/`code` hold the HTTP
 * status, `message` the raw JSON error body and `response.headers` the Retry-After. A gax GoogleError with a
 * gRPC code (gax 6, or an injected gRPC client) is mapped through Google's gRPC → HTTP table. Socket errors are
 * "connection"/"timeout"; an undecodable body (SyntaxError, protobuf JSON decoding) is "bad_response";
 * missing credentials are "unauthenticated"; anything else is transient "unknown".
 * The original error is never attached as `cause`: a GaxiosError carries the request body (the excerpt).
 */
export function googleFailure(err: unknown, context: FailureContext): PermanentClassifierError | TransientClassifierError {
  if (err instanceof PermanentClassifierError || err instanceof TransientClassifierError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    status?: unknown;
    code?: unknown;
    message?: unknown;
    response?: { headers?: unknown };
    details?: unknown;
  };
  const message = typeof e.message === 'string' ? e.message : '';

  const httpStatus = typeof e.status === 'number' ? e.status : typeof e.code === 'number' && e.code >= 100 ? e.code : undefined;
  if (httpStatus !== undefined) {
    return httpFailure({ status: httpStatus, body: message, retryAfter: header(e.response?.headers, 'retry-after') }, context);
  }
  if (typeof e.code === 'number' && RPC_TO_HTTP[e.code] !== undefined) {
    if (e.code === 1) {
      return new TransientClassifierError('aborted', `The call to ${context.service} was cancelled. The sample will be retried.`);
    }
    const details = typeof e.details === 'string' ? e.details : message;
    return httpFailure({ status: RPC_TO_HTTP[e.code]!, body: JSON.stringify({ error: { message: details } }) }, context);
  }

  const network = networkFailure(err, context);
  if (network) return network;

  const Service = capitalize(context.service);
  if (err instanceof SyntaxError || /proto3|JSON|decod/i.test(message)) {
    return new TransientClassifierError(
      'bad_response',
      `${Service} answered with a body that could not be decoded as a classifyText answer. The sample will be retried.`,
    );
  }
  if (/credential|invalid_grant|unauthori[sz]ed|token/i.test(message)) {
    return new TransientClassifierError(
      'unauthenticated',
      `The Google client could not authenticate. ${context.authHint} The sample will be retried.`,
    );
  }
  const name = err instanceof Error ? err.name : typeof err;
  const said = safeUpstreamMessage(message, context.excerpt);
  return new TransientClassifierError(
    'unknown',
    `The call to ${context.service} failed with an unexpected ${name}${said ? ` (${said})` : ''}. The sample will be retried.`,
  );
}

function header(headers: unknown, name: string): string | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    const value: unknown = get.call(headers, name);
    return typeof value === 'string' ? value : undefined;
  }
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
