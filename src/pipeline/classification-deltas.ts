import type { ClassifierLabel } from '../classifiers/classifier.js';
import { labelsToCategories } from '../taxonomy/labels-to-categories.js';
import type { TaxonomyMapping } from '../taxonomy/taxonomy-mapping.js';
import { addCounter, emptyDeltas, type BatchDeltas } from './batch-deltas.js';
import { CATEGORY_FIELDS as F, categoryScope, outcomeScope } from './category-scopes.js';
import { histBucket } from './rollup-fields.js';

/** Cap of one sample's squared term, so the sums stay exact in a double and far from int64 overflow in Redis. */
const MOMENT_CAP = 1e15;

export interface ClassifiedSample {
  week: string;
  classifier: string;
  labels: readonly ClassifierLabel[];
  languageCode?: string | undefined;
  model: string;
  promptTokens: number;
  completionTokens: number;
  costNano: number;
}

export interface CategoryView {
  mapping: TaxonomyMapping;
  minConfidence: number;
  id: string;
}

/**
 * Category figures of one classified sample under one view (mapping + threshold). Pure; used by the classify
 * worker for new samples and by `rebucket` for stored raw labels, so both give identical figures.
 */
export function addClassifiedSample(d: BatchDeltas, s: ClassifiedSample, view: CategoryView) {
  const c = labelsToCategories(s.labels, view.minConfidence, view.mapping);
  const scope = categoryScope(s.week, s.classifier, view.id);
  const tokens = s.promptTokens + s.completionTokens;
  addCounter(d, scope, F.outcome(c.kept.length > 0 ? 'classified' : 'belowThreshold'), 1);
  for (const cat of c.categories) {
    addCounter(d, scope, F.category(cat), 1);
    addCounter(d, scope, F.categoryModel(cat, s.model), 1);
  }
  for (const tag of c.tags) {
    addCounter(d, scope, F.tag(tag), 1);
    addCounter(d, scope, F.tagModel(tag, s.model), 1);
  }
  addCounter(d, scope, F.primary(c.category), 1);
  addCounter(d, scope, F.primaryModel(c.category, s.model), 1);
  addCounter(d, scope, F.categoryTokens(c.category, 'n'), 1);
  addCounter(d, scope, F.categoryTokens(c.category, 'pt'), s.promptTokens);
  addCounter(d, scope, F.categoryTokens(c.category, 'ct'), s.completionTokens);
  addCounter(d, scope, F.categoryTokens(c.category, 'cost'), s.costNano);
  // Second moments for the ratio-estimator interval of cost per 1M tokens (µUSD keeps the squares in int64).
  const micro = Math.round(s.costNano / 1000);
  addCounter(d, scope, F.categoryTokens(c.category, 'tok2'), Math.min(tokens * tokens, MOMENT_CAP));
  addCounter(d, scope, F.categoryTokens(c.category, 'cost2'), Math.min(micro * micro, MOMENT_CAP));
  addCounter(d, scope, F.categoryTokens(c.category, 'costtok'), Math.min(micro * tokens, MOMENT_CAP));
  addCounter(d, scope, F.categoryHistogram(c.category, histBucket(tokens)), 1);
  addCounter(d, scope, F.categoryPromptHistogram(c.category, histBucket(s.promptTokens)), 1);
  addCounter(d, scope, F.categoryCompletionHistogram(c.category, histBucket(s.completionTokens)), 1);
  const lang = s.languageCode || 'und';
  addCounter(d, scope, F.language(lang, 'n'), 1);
  addCounter(d, scope, F.language(lang, 'tok'), tokens);
  return c;
}

export function classifiedDeltas(s: ClassifiedSample, view: CategoryView) {
  const d = emptyDeltas();
  const categorization = addClassifiedSample(d, s, view);
  return { deltas: d, categorization };
}

/** A sample that ended without labels: permanently unclassifiable, or a classifier error after the last retry. */
export function failedSampleDeltas(week: string, classifier: string, outcome: 'unclassifiable' | 'error', reason: string): BatchDeltas {
  const d = emptyDeltas();
  const scope = outcomeScope(week, classifier);
  addCounter(d, scope, F.outcome(outcome), 1);
  addCounter(d, scope, F.reason(outcome, reason), 1);
  return d;
}
