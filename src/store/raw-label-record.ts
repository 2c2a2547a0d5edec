import type { ClassifierLabel } from '../classifiers/classifier.js';

/**
 * What the store keeps of a classified sample for rebucketing: the raw labels and the metadata the category
 * figures need. No request id, no user, no text.
 */
export interface RawLabelRecord {
  week: string;
  day: string;
  /** Classifier kind and version string, e.g. "local" and "local/2026.11.1". */
  kind: string;
  classifier: string;
  labels: ClassifierLabel[];
  languageCode?: string;
  languageSupported?: boolean;
  model: string;
  provider: string;
  promptTokens: number;
  completionTokens: number;
  costNano: number;
}
