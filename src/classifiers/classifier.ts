/**
 * The one shape every classifier kind answers in: Google's classifyText output.
 * Kinds live in one folder each (src/classifiers/<kind>/) and are created through the registry.
 */

export interface ClassifierLabel {
  /** A Google content-category path, e.g. "/Computers & Electronics/Programming". */
  name: string;
  /** 0..1 */
  confidence: number;
}

export interface ClassifyResult {
  /** Every label the classifier returned, unfiltered (the pipeline applies minConfidence). */
  labels: ClassifierLabel[];
  /** BCP-47 / ISO 639-1 language of the excerpt when known. */
  languageCode?: string;
  languageSupported?: boolean;
}

export interface ClassifyOptions {
  /** Aborted on shutdown or timeout; a kind must stop waiting and reject promptly. */
  signal?: AbortSignal;
}

export interface Classifier {
  /** The config kind: 'local' | 'http' | 'google'. */
  readonly kind: string;
  /** A version string stored with every category record, e.g. "local/2026.11.1". */
  readonly version: string;
  /** True when the kind calls a network service (the classify queue then applies the rate limit). */
  readonly remote: boolean;
  classify(excerpt: string, options?: ClassifyOptions): Promise<ClassifyResult>;
  /**
   * The billing units a *successful* `classify(excerpt)` is charged: 0 when nothing is sent (a blank excerpt),
   * else one per started 1,000 code points of what is sent (always 1: kinds cut at 1,000). Only answered requests
   * count: a 429, 5xx, timeout or connection error returns no classification and is not billed. Network kinds
   * implement it; a kind without it is free (the local model). Feeds `prompt_census_classifier_units_total`.
   */
  billedUnits?(excerpt: string): number;
  close(): Promise<void>;
}
