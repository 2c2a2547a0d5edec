/**
 * A sampled event on its way to the classifier: the excerpt plus the metadata its category record keeps.
 * The only place prompt text exists outside the gateway; the classify job holding it is deleted when its
 * classification ends (success or failure).
 */
export interface SampleTask {
  /** Keyed hash of the request id (sampler.sampleId); used for idempotency, never stored beside labels. */
  sid: string;
  excerpt: string;
  ts: number;
  model: string;
  provider: string;
  promptTokens: number;
  completionTokens: number;
  costNano: number;
}
