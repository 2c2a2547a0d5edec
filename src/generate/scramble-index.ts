/**
 * A bijective 32-bit mix of `index` under `key`, as 8 hex digits: distinct indexes always give distinct
 * strings (so ids are unique without a lookup table), yet they look random and change with the seed.
 */
export function scrambleIndex(index: number, key: number): string {
  let x = (index ^ key) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  return x.toString(16).padStart(8, '0');
}

/** A 32-bit key derived from a seed and a purpose label, so event and user ids use different keys. */
export function deriveKey(seed: number, label: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  return (h ^ (h >>> 12)) >>> 0;
}
