import {
  NS_BIGRAM,
  NS_CJK,
  NS_CJK_PAIR,
  NS_PREFIX,
  NS_STEM,
  NS_SYMBOL,
  NS_WORD,
  SEED_A,
  SEED_B,
  bigramA,
  bigramB,
  keyA,
  keyB,
  stepA,
  stepB,
  type Namespace,
} from './feature-key.js';

/**
 * One pass over a lower-cased excerpt that lists its lexical feature occurrences with their integer keys
 * (feature-key.ts), without building a string per token:
 *   w  a word (letters/digits of any script), digits folded to 0, at most MAX_WORD_LENGTH code units hashed
 *   b  two adjacent words (sentence punctuation and CJK runs break the chain)
 *   p  the first PREFIX_LENGTH code units of a word of PREFIX_MIN_WORD or more (a cheap stem)
 *   c  one Han/Kana character; d  two adjacent ones (CJK has no spaces)
 *   y  a run of punctuation/symbols, at most MAX_SYMBOL_RUN code units hashed
 * and, for the lexicon, `stem` occurrences: the word's prefixes of the lengths the lexicon's stems have.
 * Each occurrence keeps its span(s) in the text, so the names can be rebuilt for training and explanations.
 */

export const MAX_WORD_LENGTH = 32;
export const PREFIX_LENGTH = 5;
export const PREFIX_MIN_WORD = 6;
export const MAX_SYMBOL_RUN = 4;
/** Longest lexicon stem the scanner can match (bit positions of the stem-length mask). */
export const MAX_STEM_LENGTH = 30;

const SPACE = 0;
const WORD = 1;
const CJK = 2;
const SYMBOL = 3;

/**
 * Character class. Letters, marks and digits of every script are WORD; Hiragana, Katakana and Han are CJK;
 * punctuation, symbols and emoji (astral code units) are SYMBOL.
 */
function charClass(c: number): number {
  if (c < 128) {
    if (c <= 32 || c === 127) return SPACE;
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) return WORD;
    return SYMBOL;
  }
  if (c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000) {
    return SPACE;
  }
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba ? WORD : SYMBOL;
  if (c === 0xd7 || c === 0xf7) return SYMBOL;
  if (c < 0x2000) return WORD;
  if (c <= 0x2bff) return c >= 0x2070 && c <= 0x209f ? WORD : SYMBOL; // punctuation, arrows, maths, boxes, dingbats
  if (c >= 0x2e00 && c <= 0x2e7f) return SYMBOL;
  if (c >= 0x3001 && c <= 0x303f) return c === 0x3005 ? CJK : SYMBOL; // CJK punctuation (々 is a letter)
  if (c >= 0x3040 && c <= 0x30ff) return c === 0x30fb ? SYMBOL : CJK;
  if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) return CJK;
  if (c >= 0xd800 && c <= 0xdfff) return SYMBOL; // astral plane: mostly emoji
  if (c >= 0xfe10 && c <= 0xfe6f) return SYMBOL;
  if (c >= 0xff01 && c <= 0xff65) {
    if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return WORD;
    return SYMBOL;
  }
  return WORD;
}

/** Sentence punctuation that breaks the bigram chain: . ! ? ; : 。 ！ ？ */
function breaksChain(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 59 || c === 58 || c === 0x3002 || c === 0xff01 || c === 0xff1f;
}

const URL_RE = /(?:https?|ftp):\/\/[^\s<>"'`)\]]+|www\.[^\s<>"'`)\]]+/g;

/**
 * Which word prefixes the scanner reports as `stem` occurrences: only prefixes of a length some lexicon stem has
 * (bit L of `lengths`) and whose raw hash passes the stems' bit filter (bit `rawB & mask` of `bits`, checked before
 * the key is finished). False positives only cost an occurrence that matches nothing.
 */
export interface StemFilter {
  readonly lengths: number;
  readonly bits: Int32Array;
  readonly mask: number;
}

/** Builds the filter of a set of stems from their raw hash states (rawHash(stem)[1]) and lengths. */
export function stemFilter(stems: readonly { rawB: number; length: number }[]): StemFilter {
  let size = 1024;
  while (size < stems.length * 16) size *= 2;
  const bits = new Int32Array(size >>> 5);
  let lengths = 0;
  for (const { rawB, length } of stems) {
    const f = rawB & (size - 1);
    bits[f >>> 5]! |= 1 << (f & 31);
    lengths |= 1 << length;
  }
  return { lengths, bits, mask: size - 1 };
}

/** Reusable buffer of one text's occurrences (grows as needed; reset by every scan). */
export class Occurrences {
  n = 0;
  /** Lexical occurrences (everything but lexicon stems): the normaliser of the lexical values. */
  lexical = 0;
  /** Words, a Han/Kana run counting one word per two characters; words inside URLs are not counted. */
  wordCount = 0;
  /** Words inside URLs. */
  urlWords = 0;
  urls = 0;
  latin = false;
  otherScript = false;
  kind: Uint8Array;
  a: Int32Array;
  b: Int32Array;
  /** Span of the occurrence (for a bigram: of its first word). */
  start: Int32Array;
  end: Int32Array;
  /** Span of a bigram's second word. */
  start2: Int32Array;
  end2: Int32Array;

  constructor(capacity = 1024) {
    this.kind = new Uint8Array(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.start2 = new Int32Array(capacity);
    this.end2 = new Int32Array(capacity);
  }

  reset(): void {
    this.n = 0;
    this.lexical = 0;
    this.wordCount = 0;
    this.urlWords = 0;
    this.urls = 0;
    this.latin = false;
    this.otherScript = false;
  }

  push(kind: Namespace, a: number, b: number, start: number, end: number, start2 = 0, end2 = 0): void {
    const n = this.n;
    if (n === this.kind.length) this.grow();
    this.kind[n] = kind;
    this.a[n] = a;
    this.b[n] = b;
    this.start[n] = start;
    this.end[n] = end;
    this.start2[n] = start2;
    this.end2[n] = end2;
    this.n = n + 1;
    if (kind !== NS_STEM) this.lexical++;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const grow32 = (old: Int32Array): Int32Array => {
      const next = new Int32Array(size);
      next.set(old);
      return next;
    };
    const kind = new Uint8Array(size);
    kind.set(this.kind);
    this.kind = kind;
    this.a = grow32(this.a);
    this.b = grow32(this.b);
    this.start = grow32(this.start);
    this.end = grow32(this.end);
    this.start2 = grow32(this.start2);
    this.end2 = grow32(this.end2);
  }
}

/** Scans `lower` (an already lower-cased text) into `out`; `stems` selects the lexicon's stem occurrences. */
export function scanText(lower: string, out: Occurrences, stems: StemFilter): void {
  out.reset();
  const stemLengths = stems.lengths;
  const stemBits = stems.bits;
  const stemMask = stems.mask;
  const len = lower.length;

  // URL spans: their words still give features but do not count as words for the short-text rule.
  let urlStarts: number[] | undefined;
  let urlEnds: number[] | undefined;
  if (lower.includes('://') || lower.includes('www.')) {
    urlStarts = [];
    urlEnds = [];
    URL_RE.lastIndex = 0;
    for (let m = URL_RE.exec(lower); m !== null; m = URL_RE.exec(lower)) {
      urlStarts.push(m.index);
      urlEnds.push(m.index + m[0].length);
    }
    URL_RE.lastIndex = 0;
    out.urls = urlStarts.length;
  }
  let url = 0;

  let latin = false;
  let prevA = 0;
  let prevB = 0;
  let prevStart = 0;
  let prevEnd = 0;
  let hasPrev = false;
  let i = 0;
  while (i < len) {
    const c = lower.charCodeAt(i);
    const cls = charClass(c);
    if (cls === SPACE) {
      i++;
    } else if (cls === WORD) {
      const start = i;
      let a = SEED_A;
      let b = SEED_B;
      let pa = 0;
      let pb = 0;
      let hashed = 0;
      for (; i < len; i++) {
        let ch = lower.charCodeAt(i);
        if (ch < 128) {
          if (!((ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57) || ch === 95 || (ch >= 65 && ch <= 90))) break;
          if (ch <= 57) ch = 48; // digits fold to 0
          else if (ch >= 97) latin = true;
        } else {
          if (charClass(ch) !== WORD) break;
          if ((ch >= 0x0400 && ch <= 0x06ff) || (ch >= 0xac00 && ch <= 0xd7af)) out.otherScript = true;
        }
        if (hashed < MAX_WORD_LENGTH) {
          a = stepA(a, ch);
          b = stepB(b, ch);
          hashed++;
          if (hashed === PREFIX_LENGTH) {
            pa = a;
            pb = b;
          }
          if ((stemLengths & (1 << hashed)) !== 0 && hashed <= MAX_STEM_LENGTH) {
            const f = b & stemMask;
            if ((stemBits[f >>> 5]! & (1 << (f & 31))) !== 0) out.push(NS_STEM, keyA(a, NS_STEM), keyB(b, NS_STEM), start, start + hashed);
          }
        }
      }
      const end = start + hashed;
      if (urlStarts !== undefined) {
        while (url < urlStarts.length && urlEnds![url]! <= start) url++;
        if (url < urlStarts.length && urlStarts[url]! <= start) out.urlWords++;
        else out.wordCount++;
      } else out.wordCount++;
      out.push(NS_WORD, keyA(a, NS_WORD), keyB(b, NS_WORD), start, end);
      if (i - start >= PREFIX_MIN_WORD) out.push(NS_PREFIX, keyA(pa, NS_PREFIX), keyB(pb, NS_PREFIX), start, start + PREFIX_LENGTH);
      if (hasPrev) out.push(NS_BIGRAM, bigramA(prevA, a), bigramB(prevB, b), prevStart, prevEnd, start, end);
      prevA = a;
      prevB = b;
      prevStart = start;
      prevEnd = end;
      hasPrev = true;
    } else if (cls === CJK) {
      out.otherScript = true;
      const start = i;
      while (i < len && charClass(lower.charCodeAt(i)) === CJK) i++;
      out.wordCount += Math.ceil((i - start) / 2);
      for (let j = start; j < i; j++) {
        const c1 = lower.charCodeAt(j);
        const a1 = stepA(SEED_A, c1);
        const b1 = stepB(SEED_B, c1);
        out.push(NS_CJK, keyA(a1, NS_CJK), keyB(b1, NS_CJK), j, j + 1);
        if (j + 1 < i) {
          const c2 = lower.charCodeAt(j + 1);
          out.push(NS_CJK_PAIR, keyA(stepA(a1, c2), NS_CJK_PAIR), keyB(stepB(b1, c2), NS_CJK_PAIR), j, j + 2);
        }
      }
      hasPrev = false;
    } else {
      const start = i;
      let a = SEED_A;
      let b = SEED_B;
      let hashed = 0;
      let breaks = false;
      for (; i < len; i++) {
        const ch = lower.charCodeAt(i);
        if (charClass(ch) !== SYMBOL) break;
        if (hashed < MAX_SYMBOL_RUN) {
          a = stepA(a, ch);
          b = stepB(b, ch);
          hashed++;
          if (!breaks && breaksChain(ch)) breaks = true;
        }
      }
      out.push(NS_SYMBOL, keyA(a, NS_SYMBOL), keyB(b, NS_SYMBOL), start, start + hashed);
      if (breaks) hasPrev = false;
    }
  }
  out.latin = latin;
}

function foldDigits(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 48 && c <= 57 ? '0' : s[i];
  }
  return out;
}

const NAME_PREFIX = ['w:', 'b:', 'p:', 'c:', 'd:', 'y:'];

/** The feature name of lexical occurrence `i` of `occ` scanned from `lower` (training and explanations only). */
export function occurrenceName(occ: Occurrences, i: number, lower: string): string {
  const kind = occ.kind[i]!;
  const text = lower.slice(occ.start[i], occ.end[i]);
  if (kind === NS_WORD || kind === NS_PREFIX) return NAME_PREFIX[kind] + foldDigits(text);
  if (kind === NS_BIGRAM) return `b:${foldDigits(text)} ${foldDigits(lower.slice(occ.start2[i], occ.end2[i]))}`;
  if (kind === NS_STEM) throw new Error('A lexicon stem occurrence is not a model feature and has no feature name.');
  return NAME_PREFIX[kind] + text;
}
