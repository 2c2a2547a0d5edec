import { NS_STEM } from './feature-key.js';
import type { Occurrences } from './scan-text.js';

/** Weights are stored as integers of 1/WEIGHT_SCALE: the model file rounds them to 3 decimals, so this is exact. */
export const WEIGHT_SCALE = 1000;
const MAX_STORED = 32767;

/**
 * The lexical features of a model: an open-addressing hash table from a feature key (two int32 halves, see
 * feature-key.ts) to a row of class weights. The slots are small ([keyA, keyB, row]: 12 bytes, so the table stays
 * in cache) and a bit filter answers most absent keys (a text's words and bigrams are mostly unknown to the model)
 * without touching them. A row holds [generation, count, weights as Int16 pairs...]: the last text that saw the
 * feature and how often, so repeated features need no separate map. Nothing is allocated per lookup.
 */
export class WeightTable {
  readonly classes: number;
  private readonly stride: number;
  private readonly mask: number;
  private readonly slots: Int32Array;
  private readonly rows: Int32Array;
  private readonly weights: Int16Array;
  private readonly filter: Int32Array;
  private readonly filterMask: number;
  private count = 0;
  private generation = 0;

  /** A table for up to `capacity` features of `classes` weights each (slots kept at most half full). */
  constructor(capacity: number, classes: number) {
    this.classes = classes;
    this.stride = 2 + Math.ceil(classes / 2);
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size * 3);
    for (let i = 2; i < this.slots.length; i += 3) this.slots[i] = -1;
    this.rows = new Int32Array(Math.max(capacity, 1) * this.stride);
    this.weights = new Int16Array(this.rows.buffer);
    let bits = 1024;
    while (bits < capacity * 16) bits *= 2;
    this.filter = new Int32Array(bits >>> 5);
    this.filterMask = bits - 1;
  }

  get size(): number {
    return this.count;
  }

  private rowOf(a: number, b: number): number {
    const f = b & this.filterMask;
    if ((this.filter[f >>> 5]! & (1 << (f & 31))) === 0) return -1;
    const slots = this.slots;
    let i = a & this.mask;
    for (;;) {
      const at = i * 3;
      const row = slots[at + 2]!;
      if (row < 0) return -1;
      if (slots[at] === a && slots[at + 1] === b) return row;
      i = (i + 1) & this.mask;
    }
  }

  /** Adds a feature; returns false (and changes nothing) when the key is already there. */
  add(a: number, b: number, weights: ArrayLike<number>): boolean {
    if (weights.length !== this.classes) throw new RangeError(`A feature needs ${this.classes} weights, not ${weights.length}.`);
    if (this.rowOf(a, b) >= 0) return false;
    if ((this.count + 1) * this.stride > this.rows.length) throw new RangeError(`WeightTable is full (${this.count} features).`);
    const quantized = new Int16Array(this.classes);
    for (let c = 0; c < this.classes; c++) {
      const q = Math.round(weights[c]! * WEIGHT_SCALE);
      if (Math.abs(q) > MAX_STORED) throw new RangeError(`weight ${weights[c]} is outside ±${MAX_STORED / WEIGHT_SCALE}`);
      quantized[c] = q;
    }
    const row = this.count++;
    const slots = this.slots;
    let i = a & this.mask;
    while (slots[i * 3 + 2]! >= 0) i = (i + 1) & this.mask;
    slots[i * 3] = a;
    slots[i * 3 + 1] = b;
    slots[i * 3 + 2] = row;
    this.weights.set(quantized, (row * this.stride + 2) * 2);
    const f = b & this.filterMask;
    this.filter[f >>> 5]! |= 1 << (f & 31);
    return true;
  }

  /** The feature's weights, or undefined when the model does not have it. */
  weightsOf(a: number, b: number): Float64Array | undefined {
    const row = this.rowOf(a, b);
    if (row < 0) return undefined;
    const out = new Float64Array(this.classes);
    const w16 = (row * this.stride + 2) * 2;
    for (let c = 0; c < this.classes; c++) out[c] = this.weights[w16 + c]! / WEIGHT_SCALE;
    return out;
  }

  /**
   * Adds Σ (1 + ln count) × weights over the distinct lexical features of `occ` to `sums` (in 1/WEIGHT_SCALE units:
   * the caller divides). A feature seen a c-th time adds ln(c / (c - 1)) × its weights, so the total for a feature
   * seen n times is (1 + ln n) × weights.
   */
  accumulate(occ: Occurrences, sums: Float64Array): void {
    this.generation++;
    if (this.generation === 0x7fffffff) {
      for (let r = 0; r < this.count; r++) this.rows[r * this.stride] = 0;
      this.generation = 1;
    }
    const generation = this.generation;
    const slots = this.slots;
    const rows = this.rows;
    const weights = this.weights;
    const filter = this.filter;
    const filterMask = this.filterMask;
    const mask = this.mask;
    const stride = this.stride;
    const k = this.classes;
    const kinds = occ.kind;
    const as = occ.a;
    const bs = occ.b;
    const n = occ.n;
    for (let i = 0; i < n; i++) {
      if (kinds[i] === NS_STEM) continue;
      const b = bs[i]!;
      const f = b & filterMask;
      if ((filter[f >>> 5]! & (1 << (f & 31))) === 0) continue;
      const a = as[i]!;
      let j = a & mask;
      let row = -1;
      for (;;) {
        const at = j * 3;
        const r = slots[at + 2]!;
        if (r < 0) break;
        if (slots[at] === a && slots[at + 1] === b) {
          row = r;
          break;
        }
        j = (j + 1) & mask;
      }
      if (row < 0) continue;
      const base = row * stride;
      let factor: number;
      if (rows[base] !== generation) {
        rows[base] = generation;
        rows[base + 1] = 1;
        factor = 1;
      } else {
        const seen = ++rows[base + 1]!;
        factor = Math.log(seen / (seen - 1));
      }
      const w16 = (base + 2) * 2;
      for (let c = 0; c < k; c++) sums[c]! += factor * weights[w16 + c]!;
    }
  }
}
