import { NS_STEM } from './feature-key.js';
import { compileLexicon, type CompiledLexicon } from './lexicon.js';
import { Occurrences, occurrenceName, scanText } from './scan-text.js';
import { STRUCTURAL_FEATURES, structuralFeatures } from './structural-features.js';

/**
 * The named feature vector of an excerpt, as training and explanations see it. Pure and deterministic. The
 * classifier scores the same features without building their names (predict.ts works on the scanner's integer
 * keys); a unit test checks that both give the same scores.
 *
 * Feature namespaces (the prefix before ':' names the kind, which keeps the model file explainable):
 *   w:<word>        lower-cased word (letters/digits), digits folded to '0'
 *   b:<w1> <w2>     adjacent word bigram
 *   p:<prefix>      first 5 letters of a word of 6+ letters (a cheap stem across inflections and languages)
 *   c:<char>        one Han/Kana character (CJK has no spaces)
 *   d:<c1c2>        two adjacent Han/Kana characters
 *   y:<symbols>     a run of punctuation/symbols, e.g. "();", "=>", "{{", "*" (code and markup shape)
 *   s:<name>        hand-named structural feature (structural-features.ts)
 *   l:<category>    hits of the category's hand-written lexicon (lexicon.ts)
 * Lexical features (w b p c d y) are (1 + ln count) / sqrt(number of lexical occurrences in the text); structural and
 * lexicon features keep their own 0..1 values.
 */
export interface Features {
  /** Feature name → value. */
  readonly values: Map<string, number>;
  /** Words counted the way the short-text rule counts them (a Han/Kana run counts one word per two characters). */
  readonly wordCount: number;
  /** True when the text looks like source code, markup or a shell/SQL line (the short-text rule never drops code). */
  readonly codeSignal: boolean;
}

/** Longer texts are cut here first (the classifier itself only ever sees 1,000 code points). */
export const MAX_FEATURE_CHARS = 4000;

/** The text the features are computed on: at most MAX_FEATURE_CHARS, never ending inside a surrogate pair. */
export function featureText(input: string): string {
  if (input.length <= MAX_FEATURE_CHARS) return input;
  const last = input.charCodeAt(MAX_FEATURE_CHARS - 1);
  return input.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_FEATURE_CHARS - 1 : MAX_FEATURE_CHARS);
}

/** Lexical value of a feature seen `count` times in a text with `occurrences` lexical occurrences. */
export function lexicalValue(count: number, inverseSqrtOccurrences: number): number {
  return (count === 1 ? 1 : 1 + Math.log(count)) * inverseSqrtOccurrences;
}

/** Lexicon feature value for `hits` distinct terms. */
export function lexiconValue(hits: number): number {
  return 1 - 0.5 ** hits;
}

/**
 * Extracts the named features of one excerpt; with a lexicon, adds `l:<category>` for every category it hits
 * (without one, only the cue terms of the structural features are matched).
 */
export function extractFeatures(input: string, lexicon?: CompiledLexicon): Features {
  const text = featureText(input);
  const lower = text.toLowerCase();
  // Without a category lexicon the cue terms still count (structural features need them).
  const lex = lexicon ?? compileLexicon({});
  const occ = new Occurrences(Math.max(64, lower.length * 2));
  scanText(lower, occ, lex.stems);

  const counts = new Map<string, number>();
  for (let i = 0; i < occ.n; i++) {
    if (occ.kind[i] === NS_STEM) continue; // lexicon stems are not model features
    const name = occurrenceName(occ, i, lower);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const inverse = occ.lexical > 0 ? 1 / Math.sqrt(occ.lexical) : 0;
  const values = new Map<string, number>();
  for (const [name, count] of counts) values.set(name, lexicalValue(count, inverse));

  const hits = lex.match(occ, lower);
  const structural = new Float64Array(STRUCTURAL_FEATURES.length);
  const codeSignal = structuralFeatures(text, lower, occ, hits, lex.featureNames.length, structural);
  structural.forEach((v, i) => {
    if (v !== 0) values.set(STRUCTURAL_FEATURES[i]!, v);
  });
  lex.featureNames.forEach((name, slot) => {
    if (hits[slot]! > 0) values.set(name, lexiconValue(hits[slot]!));
  });
  return { values, wordCount: occ.wordCount, codeSignal };
}
