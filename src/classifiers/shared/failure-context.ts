/** What the failure mappers need to write useful messages without leaking the excerpt or secrets. */
export interface FailureContext {
  /** Who was called, lower-case so it reads mid-sentence: "Google Cloud Natural Language", "the classifier endpoint at host:port". */
  service: string;
  /** The text that was sent; upstream messages that quote it are withheld. */
  excerpt: string;
  /** A sentence on how to fix credentials, e.g. "Check classifier.google.apiKey …". */
  authHint: string;
  /** A sentence on how to fix the address, e.g. "Check classifier.http.url.". */
  endpointHint: string;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * `text` as a finished sentence: a full stop is added unless it already ends with one (or with "!", "?", "…"),
 * so an upstream message that ends in a period ("… to process.") does not become "to process.. The sample".
 */
export function sentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
