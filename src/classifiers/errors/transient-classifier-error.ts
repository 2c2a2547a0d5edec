/**
 * Might succeed later (429, 5xx, timeouts, connection errors, garbage bodies): retried with backoff.
 * `rateLimited` with `retryAfterMs` parks the whole classify queue instead of burning attempts.
 */
export class TransientClassifierError extends Error {
  override readonly name = 'TransientClassifierError';
  constructor(
    /** Short machine-readable reason, e.g. "rate_limited", "unavailable", "timeout", "bad_response". */
    readonly reason: string,
    message: string,
    readonly options: { cause?: unknown; rateLimited?: boolean; retryAfterMs?: number } = {},
  ) {
    super(message, { cause: options.cause });
  }
  get rateLimited(): boolean {
    return this.options.rateLimited === true;
  }
  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }
}
