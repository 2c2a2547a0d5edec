import type { ModelInfo } from './model-catalog.js';

/**
 * The study's three-way split of traffic: closed models, open-weight models from developers in China,
 * and open-weight models from the rest of the world. Anything not known well enough is `unknown`.
 */
export function sourceTypeOf(
  openWeights: boolean | null,
  origin: ModelInfo['origin'],
): ModelInfo['sourceType'] {
  if (openWeights === false) return 'closed';
  if (openWeights === true && origin === 'chinese') return 'chinese-oss';
  if (openWeights === true && origin === 'row') return 'row-oss';
  return 'unknown';
}
