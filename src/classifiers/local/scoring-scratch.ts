import { Occurrences } from './scan-text.js';

/**
 * Reusable buffers of one model's scoring (predict.ts), so classifying an excerpt allocates almost nothing.
 * Scoring is synchronous, so one set per model is never used by two calls at once.
 */
export class ScoringScratch {
  readonly occurrences = new Occurrences(4096);
  readonly structural: Float64Array;
  /** Slots of the distinct features of the current text (grown with the occurrences buffer). */
  private touchedSlots = new Int32Array(4096);
  /** Class score sums (classes long). */
  readonly sums: Float64Array;

  constructor(structuralFeatures: number, classes: number) {
    this.structural = new Float64Array(structuralFeatures);
    this.sums = new Float64Array(classes);
  }

  /** Scratch for WeightTable.accumulate, at least as long as the current occurrences. */
  touched(): Int32Array {
    if (this.touchedSlots.length < this.occurrences.n) this.touchedSlots = new Int32Array(this.occurrences.kind.length);
    return this.touchedSlots;
  }
}
