import type { Config } from '../config/config-schema.js';
import { viewId } from '../pipeline/category-scopes.js';
import type { CategoryView } from '../pipeline/classification-deltas.js';
import { loadMapping } from '../taxonomy/load-mapping.js';

/** The category view (mapping + threshold) a config asks for. */
export function categoryViewFor(config: Config, overrides: { mapping?: string; minConfidence?: number } = {}): CategoryView {
  const mapping = loadMapping(overrides.mapping ?? config.taxonomy.mapping);
  const minConfidence = overrides.minConfidence ?? config.classifier.minConfidence;
  return { mapping, minConfidence, id: viewId(mapping.version, minConfidence) };
}
