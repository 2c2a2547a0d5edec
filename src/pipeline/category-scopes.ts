import { FIELD_SEP } from './rollup-fields.js';

/**
 * Scope names of the sampled (category) figures.
 *  - category view scope  k␟<week>␟<classifierVersion>␟<view>: figures that depend on the mapping and threshold
 *    (rebuilt by `rebucket` from raw labels);
 *  - outcome scope        q␟<week>␟<classifierVersion>: classifier outcomes that do not (errors, unclassifiable).
 * A view is "<mappingVersion>@<minConfidence>".
 */
export const viewId = (mappingVersion: string, minConfidence: number) => `${mappingVersion}@${minConfidence}`;

export const categoryScope = (week: string, classifierVersion: string, view: string) =>
  ['k', week, classifierVersion, view].join(FIELD_SEP);

export const outcomeScope = (week: string, classifierVersion: string) => ['q', week, classifierVersion].join(FIELD_SEP);

export interface ParsedCategoryScope {
  family: 'k' | 'q';
  week: string;
  classifier: string;
  view: string | null;
}

export function parseCategoryScope(scope: string): ParsedCategoryScope | null {
  const parts = scope.split(FIELD_SEP);
  if (parts[0] === 'k' && parts.length === 4) return { family: 'k', week: parts[1]!, classifier: parts[2]!, view: parts[3]! };
  if (parts[0] === 'q' && parts.length === 3) return { family: 'q', week: parts[1]!, classifier: parts[2]!, view: null };
  return null;
}

/** Fields inside category scopes. */
export const CATEGORY_FIELDS = {
  outcome: (o: 'classified' | 'belowThreshold' | 'unclassifiable' | 'error') => ['o', o].join(FIELD_SEP),
  reason: (outcome: 'unclassifiable' | 'error', reason: string) => ['r', outcome, reason].join(FIELD_SEP),
  category: (c: string) => ['c', c].join(FIELD_SEP),
  primary: (c: string) => ['p', c].join(FIELD_SEP),
  tag: (t: string) => ['t', t].join(FIELD_SEP),
  /** Samples of a model that received a tag (tags per model; per source type at report time via the catalog). */
  tagModel: (t: string, model: string) => ['tm', t, model].join(FIELD_SEP),
  categoryModel: (c: string, model: string) => ['cm', c, model].join(FIELD_SEP),
  primaryModel: (c: string, model: string) => ['pm', c, model].join(FIELD_SEP),
  /**
   * Primary-category sums: n, pt, ct, cost (nano-USD), and the moments behind the cost-per-1M interval:
   * tok2 (Σ tokens²), cost2 (Σ µUSD²), costtok (Σ µUSD × tokens); each squared term is capped at 1e15.
   */
  categoryTokens: (c: string, metric: 'n' | 'pt' | 'ct' | 'cost' | 'tok2' | 'cost2' | 'costtok') => ['ct', c, metric].join(FIELD_SEP),
  /** Primary-category histograms (histBucket) of total, prompt and completion tokens per request. */
  categoryHistogram: (c: string, bucket: number) => ['ch', c, String(bucket)].join(FIELD_SEP),
  categoryPromptHistogram: (c: string, bucket: number) => ['chp', c, String(bucket)].join(FIELD_SEP),
  categoryCompletionHistogram: (c: string, bucket: number) => ['chc', c, String(bucket)].join(FIELD_SEP),
  language: (code: string, metric: 'n' | 'tok') => ['lang', code, metric].join(FIELD_SEP),
};
