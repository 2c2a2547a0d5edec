import type { ModelFile } from './local-model.js';

/**
 * Model file bytes: pretty header, one feature per line with its sparse weights, features in sorted order.
 * Readable in a diff and deterministic (same model object → same string).
 */
export function serializeModel(model: ModelFile): string {
  const { features, ...header } = model;
  const head = JSON.stringify(header, null, 2);
  const names = Object.keys(features).sort();
  const lines = names.map((name) => `    ${JSON.stringify(name)}: ${JSON.stringify(features[name])}`);
  return `${head.slice(0, -2)},\n  "features": {\n${lines.join(',\n')}\n  }\n}\n`;
}
