import { defaultCatalogPath } from '../catalog/load-catalog.js';
import { bundledModelPath } from '../classifiers/local/load-local-model.js';
import { defaultMappingPath } from '../taxonomy/load-mapping.js';
import type { Config } from './config-schema.js';

/**
 * The config as the process will use it: the validated config with the bundled files that unset paths fall back
 * to written in (taxonomy.mapping, catalog.models, classifier.local.model), so `config check` shows what runs.
 * Pure: the paths are resolved, the files are not read.
 */
export function effectiveConfig(config: Config): Config {
  return {
    ...config,
    classifier: { ...config.classifier, local: { ...config.classifier.local, model: config.classifier.local.model ?? bundledModelPath() } },
    taxonomy: { ...config.taxonomy, mapping: config.taxonomy.mapping ?? defaultMappingPath() },
    catalog: { ...config.catalog, models: config.catalog.models ?? defaultCatalogPath() },
  };
}
