import type { ModelInfo } from './model-catalog.js';

/** Below this many billion parameters a model is `small` (the study's threshold). */
export const SMALL_BELOW_B = 15;
/** From this many billion parameters on a model is `large`; in between it is `medium`. */
export const LARGE_FROM_B = 70;

/**
 * The study's size class: small < 15B, medium 15B to < 70B, large >= 70B total parameters.
 * Without a count, a closed model is `undisclosed` (its developer does not publish sizes) and anything
 * else is `unknown`.
 */
export function sizeClassOf(parametersB: number | null, openWeights: boolean | null): ModelInfo['sizeClass'] {
  if (parametersB === null || !Number.isFinite(parametersB) || parametersB <= 0) {
    return openWeights === false ? 'undisclosed' : 'unknown';
  }
  if (parametersB < SMALL_BELOW_B) return 'small';
  if (parametersB < LARGE_FROM_B) return 'medium';
  return 'large';
}
