import type { AggregationStore } from '../store/aggregation-store.js';
import { emptyDeltas } from './batch-deltas.js';
import { parseCategoryScope } from './category-scopes.js';
import { addClassifiedSample, type CategoryView } from './classification-deltas.js';

export interface RebucketResult {
  view: string;
  mappingVersion: string;
  minConfidence: number;
  samples: number;
  scopes: number;
}

/**
 * Recompute every category figure of `view` from the stored raw labels (no text needed) and replace the
 * view's scopes atomically. Uses the same addClassifiedSample as the classify worker, so the figures equal a
 * fresh run under that mapping and threshold.
 */
export async function rebucket(store: AggregationStore, view: CategoryView): Promise<RebucketResult> {
  const deltas = emptyDeltas();
  let samples = 0;
  for await (const raw of store.readRawLabels()) {
    addClassifiedSample(
      deltas,
      {
        week: raw.week,
        classifier: raw.classifier,
        labels: raw.labels,
        languageCode: raw.languageCode,
        model: raw.model,
        promptTokens: raw.promptTokens,
        completionTokens: raw.completionTokens,
        costNano: raw.costNano,
      },
      view,
    );
    samples++;
  }
  await store.replaceCounters((scope) => parseCategoryScope(scope)?.view === view.id, deltas);
  const result = {
    view: view.id,
    mappingVersion: view.mapping.version,
    minConfidence: view.minConfidence,
    samples,
    scopes: deltas.counters.size,
  };
  await store.setMeta('lastRebucket', JSON.stringify(result));
  return result;
}
