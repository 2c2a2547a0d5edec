/** The model catalog file is missing, unreadable or invalid. Permanent: fix the file and restart. */
export class ModelCatalogError extends Error {
  override readonly name = 'ModelCatalogError';

  constructor(
    message: string,
    /** The catalog file the error is about. */
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
