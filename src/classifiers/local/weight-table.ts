import { NS_STEM } from './feature-key.js';
import type { Occurrences } from './scan-text.js';

/**
 * The lexical features of a model: an open-addressing hash table from a feature key (two int32 halves, see
 * feature-key.ts) to the feature's class weights, stored in the slot next to the key, so looking a feature up and
 * reading its weights touch the same cache line or two. The weights of a feature are stored as int8 with one scale
 * per feature (max |weight| / 127: the error of a weight is at most 0.4% of the feature's largest weight), which
 * keeps a slot at 40 bytes and the table mostly in cache. A bit filter answers most absent keys (a text's bigrams
 * are mostly unknown to the model) without touching the slots. Each slot also holds the last text that saw it and
 * how often, so repeated features need no separate map. Nothing is allocated per lookup.
 *
 * Slot layout (Int32 words): [keyA, keyB, generation, count (-1: empty), scale (float32), weights (int8 × classes)].
 */
export class WeightTable {
  readonly classes: number;
  private readonly stride: number;
  private readonly mask: number;
  private readonly slots: Int32Array;
  private readonly scales: Float32Array;
  private readonly weights: Int8Array;
  private readonly filter: Int32Array;
  private readonly filterMask: number;
  private count = 0;
  private generation = 0;

  /** A table for up to `capacity` features of `classes` weights each (slots kept at most 70% full). */
  constructor(capacity: number, classes: number) {
    this.classes = classes;
    this.stride = 5 + Math.ceil(classes / 4);
    let size = 16;
    while (size * 0.7 < capacity) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size * this.stride);
    this.scales = new Float32Array(this.slots.buffer);
    this.weights = new Int8Array(this.slots.buffer);
    for (let i = 0; i < size; i++) this.slots[i * this.stride + 3] = -1;
    let bits = 1024;
    while (bits < capacity * 16) bits *= 2;
    this.filter = new Int32Array(bits >>> 5);
    this.filterMask = bits - 1;
  }

  get size(): number {
    return this.count;
  }

  private slotOf(a: number, b: number): number {
    const f = b & this.filterMask;
    if ((this.filter[f >>> 5]! & (1 << (f & 31))) === 0) return -1;
    const slots = this.slots;
    const stride = this.stride;
    let i = a & this.mask;
    for (;;) {
      const at = i * stride;
      if (slots[at + 3]! < 0) return -1;
      if (slots[at] === a && slots[at + 1] === b) return at;
      i = (i + 1) & this.mask;
    }
  }

  /** Adds a feature; returns false (and changes nothing) when the key is already there. */
  add(a: number, b: number, weights: ArrayLike<number>): boolean {
    if (weights.length !== this.classes) throw new RangeError(`A feature needs ${this.classes} weights, not ${weights.length}.`);
    if (this.slotOf(a, b) >= 0) return false;
    if ((this.count + 1) > (this.mask + 1) * 0.7) throw new RangeError(`WeightTable is full (${this.count} features).`);
    let max = 0;
    for (let c = 0; c < this.classes; c++) {
      const w = weights[c]!;
      if (!Number.isFinite(w)) throw new RangeError(`weight ${w} is not a finite number`);
      max = Math.max(max, Math.abs(w));
    }
    const slots = this.slots;
    const stride = this.stride;
    let i = a & this.mask;
    while (slots[i * stride + 3]! >= 0) i = (i + 1) & this.mask;
    const at = i * stride;
    slots[at] = a;
    slots[at + 1] = b;
    slots[at + 2] = 0;
    slots[at + 3] = 0;
    const scale = max / 127;
    this.scales[at + 4] = scale;
    const w8 = (at + 5) * 4;
    for (let c = 0; c < this.classes; c++) this.weights[w8 + c] = scale === 0 ? 0 : Math.round(weights[c]! / scale);
    const f = b & this.filterMask;
    this.filter[f >>> 5]! |= 1 << (f & 31);
    this.count++;
    return true;
  }

  /** The feature's weights as stored (dequantized), or undefined when the model does not have it. */
  weightsOf(a: number, b: number): Float64Array | undefined {
    const at = this.slotOf(a, b);
    if (at < 0) return undefined;
    const out = new Float64Array(this.classes);
    const scale = this.scales[at + 4]!;
    const w8 = (at + 5) * 4;
    for (let c = 0; c < this.classes; c++) out[c] = this.weights[w8 + c]! * scale;
    return out;
  }

  /**
   * Adds Σ (1 + ln count) × weights over the distinct lexical features of `occ` to `sums`. `touched` is scratch space
   * for the slots seen (at least occ.n long). Two passes: count each feature's occurrences, then add each distinct
   * feature's weights once.
   */
  accumulate(occ: Occurrences, sums: Float64Array, touched: Int32Array): void {
    this.generation++;
    if (this.generation === 0x7fffffff) {
      for (let i = 0; i <= this.mask; i++) this.slots[i * this.stride + 2] = 0;
      this.generation = 1;
    }
    const generation = this.generation;
    const slots = this.slots;
    const filter = this.filter;
    const filterMask = this.filterMask;
    const mask = this.mask;
    const stride = this.stride;
    const kinds = occ.kind;
    const as = occ.a;
    const bs = occ.b;
    const n = occ.n;
    let distinct = 0;
    for (let i = 0; i < n; i++) {
      if (kinds[i] === NS_STEM) continue;
      const b = bs[i]!;
      const f = b & filterMask;
      if ((filter[f >>> 5]! & (1 << (f & 31))) === 0) continue;
      const a = as[i]!;
      let j = a & mask;
      for (;;) {
        const s = j * stride;
        if (slots[s + 3]! < 0) break;
        if (slots[s] === a && slots[s + 1] === b) {
          if (slots[s + 2] !== generation) {
            slots[s + 2] = generation;
            slots[s + 3] = 1;
            touched[distinct++] = s;
          } else slots[s + 3]!++;
          break;
        }
        j = (j + 1) & mask;
      }
    }
    const scales = this.scales;
    const weights = this.weights;
    const k = this.classes;
    for (let t = 0; t < distinct; t++) {
      const at = touched[t]!;
      const count = slots[at + 3]!;
      const factor = (count === 1 ? 1 : 1 + Math.log(count)) * scales[at + 4]!;
      const w8 = (at + 5) * 4;
      for (let c = 0; c < k; c++) sums[c]! += factor * weights[w8 + c]!;
    }
  }
}
