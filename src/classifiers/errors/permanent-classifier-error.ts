/**
 * The same input will always fail (e.g. 400 INVALID_ARGUMENT "too few tokens", unsupported language).
 * Never retried: the sample is recorded as unclassifiable with `reason`.
 */
export class PermanentClassifierError extends Error {
  override readonly name = 'PermanentClassifierError';
  constructor(
    /** Short machine-readable reason, e.g. "too_few_tokens", "unsupported_language", "invalid_argument". */
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
