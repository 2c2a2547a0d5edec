/**
 * The request body as a whole cannot be decoded (400) or has a content type the route does not accept (415).
 * The message says what is wrong and how to fix it; it never quotes the body, so it cannot leak prompt text.
 * `code` is the stable error code of the answer: `invalid_body`, `empty_body` or `unsupported_media_type`.
 */
export class IngestBodyError extends Error {
  override readonly name = 'IngestBodyError';
  readonly code: string;

  constructor(
    readonly status: 400 | 415,
    message: string,
    code?: string,
  ) {
    super(message);
    this.code = code ?? (status === 415 ? 'unsupported_media_type' : 'invalid_body');
  }
}
