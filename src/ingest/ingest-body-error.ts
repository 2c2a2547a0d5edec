/**
 * The request body as a whole cannot be decoded (400) or has a content type the route does not accept (415).
 * The message says what is wrong and how to fix it; it never quotes the body, so it cannot leak prompt text.
 */
export class IngestBodyError extends Error {
  override readonly name = 'IngestBodyError';

  constructor(
    readonly status: 400 | 415,
    message: string,
  ) {
    super(message);
  }
}
