import type { ModelCatalog } from '../catalog/model-catalog.js';
import type { UsageDimension } from './census-report.js';

/** The catalog-derived dimensions of a report; 'model' and 'provider' come straight from the counters. */
export const CATALOG_DIMENSIONS = ['author', 'openness', 'sourceType', 'sizeClass', 'reasoning'] as const;
export type CatalogDimension = (typeof CATALOG_DIMENSIONS)[number];

export const USAGE_DIMENSIONS: readonly UsageDimension[] = ['model', 'provider', ...CATALOG_DIMENSIONS];

/**
 * The value of every catalog dimension for a model id, looked up when the report is built (so a catalog fix
 * applies to all history). Unknown models are reported as 'unknown' in every dimension but author, which
 * falls back to the id's prefix.
 */
export function modelDimensions(catalog: ModelCatalog, model: string): Record<CatalogDimension, string> {
  const info = catalog.lookup(model);
  return {
    author: info.author,
    openness: info.openWeights === true ? 'open' : info.openWeights === false ? 'closed' : 'unknown',
    sourceType: info.sourceType,
    sizeClass: info.sizeClass,
    reasoning: info.reasoning === true ? 'reasoning' : info.reasoning === false ? 'non-reasoning' : 'unknown',
  };
}

/** Memoised per report build (the catalog's own memo is bounded; this one lives only as long as the build). */
export function dimensionResolver(catalog: ModelCatalog): (model: string) => Record<CatalogDimension, string> {
  const memo = new Map<string, Record<CatalogDimension, string>>();
  return (model) => {
    let d = memo.get(model);
    if (!d) memo.set(model, (d = modelDimensions(catalog, model)));
    return d;
  };
}
