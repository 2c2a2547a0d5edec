/**
 * An open-addressing hash table from a 64-bit feature key (two int32 halves, see feature-key.ts) to a non-negative
 * int32 value. One Int32Array holds [keyA, keyB, value] per slot, so a probe touches one cache line, and a bit
 * filter (16 bits per key, indexed by other key bits than the slots) answers most absent keys without touching the
 * slots at all. A lookup allocates nothing.
 */
export class KeyTable {
  private readonly mask: number;
  private readonly slots: Int32Array;
  private readonly filter: Int32Array;
  private readonly filterMask: number;
  private count = 0;

  /** A table for up to `expected` keys (kept at most half full). */
  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * 3);
    for (let i = 2; i < this.slots.length; i += 3) this.slots[i] = -1;
    let bits = 1024;
    while (bits < expected * 16) bits *= 2;
    this.filter = new Int32Array(bits >>> 5);
    this.filterMask = bits - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The value of the key, or -1. */
  get(a: number, b: number): number {
    const f = b & this.filterMask;
    if ((this.filter[f >>> 5]! & (1 << (f & 31))) === 0) return -1;
    const slots = this.slots;
    const mask = this.mask;
    let i = a & mask;
    for (;;) {
      const at = i * 3;
      const v = slots[at + 2]!;
      if (v < 0) return -1;
      if (slots[at] === a && slots[at + 1] === b) return v;
      i = (i + 1) & mask;
    }
  }

  /** Stores the key's value; returns the value already stored for the key (nothing is changed then), or -1. */
  setIfAbsent(a: number, b: number, value: number): number {
    if (value < 0) throw new RangeError('KeyTable values must be non-negative.');
    const existing = this.get(a, b);
    if (existing >= 0) return existing;
    if ((this.count + 1) * 2 > this.mask + 1) throw new RangeError(`KeyTable is full (${this.count} keys).`);
    const slots = this.slots;
    const mask = this.mask;
    let i = a & mask;
    while (slots[i * 3 + 2]! >= 0) i = (i + 1) & mask;
    slots[i * 3] = a;
    slots[i * 3 + 1] = b;
    slots[i * 3 + 2] = value;
    const f = b & this.filterMask;
    this.filter[f >>> 5]! |= 1 << (f & 31);
    this.count++;
    return -1;
  }
}
