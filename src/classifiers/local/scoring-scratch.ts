import { Occurrences } from './scan-text.js';

/**
 * Reusable buffers of one model's scoring (predict.ts), so classifying an excerpt allocates almost nothing.
 * Scoring is synchronous, so one set per model is never used by two calls at once.
 */
export class ScoringScratch {
  readonly occurrences = new Occurrences(4096);
  readonly structural: Float64Array;

  constructor(structuralFeatures: number) {
    this.structural = new Float64Array(structuralFeatures);
  }
}
