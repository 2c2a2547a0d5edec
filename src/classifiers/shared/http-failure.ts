import { PermanentClassifierError } from '../errors/permanent-classifier-error.js';
import { TransientClassifierError } from '../errors/transient-classifier-error.js';
import { capitalize, sentence, type FailureContext } from './failure-context.js';
import { parseRetryAfter } from './retry-after.js';
import { readUpstreamError, safeUpstreamMessage } from './upstream-message.js';

export interface HttpFailure {
  status: number;
  /** The response body as text ('' when unknown). */
  body: string;
  /** The Retry-After header value, if any. */
  retryAfter?: string | null | undefined;
}

/**
 * Turns a non-2xx classifyText answer into the error the classify queue understands.
 *
 * Permanent (the same excerpt would fail again; recorded as unclassifiable, never retried):
 *   400 → "too_few_tokens" | "unsupported_language" | "invalid_argument"; 404 → "not_found";
 *   other 4xx except 401/403/408/409/425/429 → "rejected".
 * Transient (retried with backoff; after the last attempt counted as a classifier error):
 *   429 → "rate_limited" (rateLimited, retryAfterMs from Retry-After when given: the queue pauses for it, or for an
 *   exponential backoff, without spending the job's attempt);
 *   401 → "unauthenticated", 403 → "permission_denied" (a deployment problem, not a property of the
 *   excerpt: recording samples as unclassifiable would hide it in the statistics);
 *   408/504 → "timeout"; 409/425/other 5xx → "unavailable" (with retryAfterMs from Retry-After when given: the
 *   queue pauses for it and the job's retry waits at least that long); 1xx/3xx → "bad_response".
 */
export function httpFailure(failure: HttpFailure, context: FailureContext): PermanentClassifierError | TransientClassifierError {
  const { status } = failure;
  const upstream = readUpstreamError(failure.body);
  const said = safeUpstreamMessage(upstream.message, context.excerpt);
  const answer = `HTTP ${status}${upstream.status ? ` ${upstream.status}` : ''}`;
  const detail = said ? `: ${said}` : '';
  const Service = capitalize(context.service);
  /** "<lead><: upstream message>." with exactly one full stop, whatever the upstream message ends with. */
  const told = (lead: string): string => sentence(`${lead}${detail}`);

  if (status === 400) {
    const reason = invalidArgumentReason(upstream.message);
    return new PermanentClassifierError(
      reason,
      `${told(`${Service} refused to classify this excerpt (${answer})`)} The sample is recorded as unclassifiable (${reason}).`,
    );
  }
  if (status === 404) {
    return new PermanentClassifierError(
      'not_found',
      `${told(`${Service} answered ${answer} (not found)`)} ${context.endpointHint}`,
    );
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(failure.retryAfter);
    const pause =
      retryAfterMs === undefined
        ? 'for an exponential backoff'
        : `for the ${retryAfterMs} ms its Retry-After header asks (at most classifier.rateLimit.maxPauseMs)`;
    return new TransientClassifierError(
      'rate_limited',
      `${told(`${Service} is rate limiting requests (${answer})`)} The classify queue pauses ${pause} without ` +
        'spending an attempt; ' +
        'raise the service quota or lower classifier.rateLimit.perMinute if this keeps happening.',
      { rateLimited: true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
    );
  }
  if (status === 401 || status === 403) {
    const reason = status === 401 ? 'unauthenticated' : 'permission_denied';
    return new TransientClassifierError(
      reason,
      `${told(`${Service} rejected the request's credentials (${answer})`)} ${context.authHint} The sample will be retried.`,
    );
  }
  if (status === 408 || status === 504) {
    return new TransientClassifierError('timeout', `${told(`${Service} timed out (${answer})`)} The sample will be retried.`);
  }
  if (status === 409 || status === 425 || status >= 500) {
    const retryAfterMs = parseRetryAfter(failure.retryAfter);
    return new TransientClassifierError(
      'unavailable',
      `${told(`${Service} is unavailable (${answer})`)} The sample will be retried` +
        (retryAfterMs === undefined
          ? '.'
          : `; the classify queue pauses for the ${retryAfterMs} ms its Retry-After header asks (at most classifier.rateLimit.maxPauseMs).`),
      retryAfterMs === undefined ? {} : { retryAfterMs },
    );
  }
  if (status >= 400) {
    return new PermanentClassifierError(
      'rejected',
      `${told(`${Service} rejected the request (${answer})`)} The sample is recorded as unclassifiable (rejected).`,
    );
  }
  return new TransientClassifierError(
    'bad_response',
    `${Service} answered ${answer}, which is not a classifyText answer. The sample will be retried. ${context.endpointHint}`,
  );
}

/** The reason for a 400 / INVALID_ARGUMENT, read from Google's message. */
export function invalidArgumentReason(message: string): string {
  if (/too few tokens/i.test(message)) return 'too_few_tokens';
  if (/\blanguage\b/i.test(message) && /support/i.test(message)) return 'unsupported_language';
  return 'invalid_argument';
}
