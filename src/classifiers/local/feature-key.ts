/**
 * Integer keys for the local model's lexical features, so the classifier looks features up without building a
 * string per token. A key is two independent 32-bit hashes (64 bits: the chance that a text's feature takes the key
 * of a different model feature is about 10^-14 per lookup) of the feature's content in its namespace.
 *
 * The scanner (scan-text.ts) computes keys incrementally while it reads a word; featureKey() computes the same key
 * from a feature's name ("w:word", "b:two words", "p:prefi", "c:字", "d:字字", "y:();") when the model is loaded. A
 * unit test checks that both agree on every feature of many texts.
 */

/** Namespaces (the feature-name prefix) and their salts. */
export const NS_WORD = 0;
export const NS_BIGRAM = 1;
export const NS_PREFIX = 2;
export const NS_CJK = 3;
export const NS_CJK_PAIR = 4;
export const NS_SYMBOL = 5;
/** Lexicon stems (`stem*` terms); not a model feature. */
export const NS_STEM = 6;
export type Namespace = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const SALT_A = Int32Array.of(0x1b873593, 0x2f7c5e11, 0x5a3d2e6b, 0x6c8e9cf5, 0x7f4a7c15, 0x3c6ef372, 0x4a7c15f9);
const SALT_B = Int32Array.of(0x68e31da4, 0x0b4b7e35, 0x1d8e4e27, 0x29a1b7d3, 0x55c8f0a1, 0x71e3a9c7, 0x13198a2e);

/** Raw per-string hash states; feed code units with stepA/stepB, then finish with keyA/keyB. */
export const SEED_A = 0x811c9dc5 | 0;
export const SEED_B = 0x9747b28c | 0;

/** FNV-1a step. */
export function stepA(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

/** A multiply-rotate step, independent of stepA. */
export function stepB(h: number, c: number): number {
  const x = Math.imul((h + c) | 0, 0x5bd1e995);
  return x ^ (x >>> 15);
}

/** murmur3's 32-bit finaliser. */
export function mix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x | 0;
}

export function keyA(raw: number, ns: Namespace): number {
  return mix(raw ^ SALT_A[ns]!);
}

export function keyB(raw: number, ns: Namespace): number {
  return mix(raw ^ SALT_B[ns]!);
}

/** Key halves of a bigram from the raw states of its two words (order matters). */
export function bigramA(rawA1: number, rawA2: number): number {
  return mix(((Math.imul(rawA1, 0x27d4eb2f) + rawA2) | 0) ^ SALT_A[NS_BIGRAM]!);
}

export function bigramB(rawB1: number, rawB2: number): number {
  return mix(((Math.imul(rawB1, 0x165667b1) + rawB2) | 0) ^ SALT_B[NS_BIGRAM]!);
}

/** Raw hash states of a whole string. */
export function rawHash(s: string): [number, number] {
  let a = SEED_A;
  let b = SEED_B;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = stepA(a, c);
    b = stepB(b, c);
  }
  return [a, b];
}

export function namespacedKey(content: string, ns: Namespace): [number, number] {
  const [a, b] = rawHash(content);
  return [keyA(a, ns), keyB(b, ns)];
}

const PREFIX_NAMESPACE: Readonly<Record<string, Namespace>> = {
  w: NS_WORD,
  p: NS_PREFIX,
  c: NS_CJK,
  d: NS_CJK_PAIR,
  y: NS_SYMBOL,
};

/**
 * The key of a lexical feature name, or undefined when the name is not a hashed (lexical) feature (`s:` and `l:`
 * features are named, not hashed).
 */
export function featureKey(name: string): [number, number] | undefined {
  if (name.length < 3 || name.charCodeAt(1) !== 58 /* : */) return undefined;
  const kind = name[0]!;
  const content = name.slice(2);
  if (kind === 'b') {
    const space = content.indexOf(' ');
    if (space <= 0 || space === content.length - 1) return undefined;
    const [a1, b1] = rawHash(content.slice(0, space));
    const [a2, b2] = rawHash(content.slice(space + 1));
    return [bigramA(a1, a2), bigramB(b1, b2)];
  }
  const ns = PREFIX_NAMESPACE[kind];
  return ns === undefined ? undefined : namespacedKey(content, ns);
}
