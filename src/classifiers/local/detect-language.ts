import { eld } from 'eld/small';

/**
 * The excerpt's language (ISO 639-1), from the `eld` package (Efficient Language Detector, "small" database).
 * eld costs about 0.7 µs per character here, so it reads a bounded prefix: the first LANGUAGE_SAMPLE_CHARS
 * characters, ended at a word boundary (the opening sentence tells a prompt's language: on 1,000-character excerpts
 * of one language, 70 characters give the excerpt's language 98.6% of the time, against 98.7% for 80 and 99.2% for
 * 100, at two thirds of the cost).
 *
 * undefined when the answer would be noise: fewer than MIN_LANGUAGE_LETTERS letters in the sample (a Han, Kana or
 * Hangul character counts as two), or, for a sample of fewer than SURE_LANGUAGE_LETTERS letters, eld itself not
 * sure (`isReliable()` false), e.g. "hi" or "ok". (On a longer sample eld's answer is kept: its reliability check
 * sorts every language's score and costs a tenth of the detection.)
 */
export const LANGUAGE_SAMPLE_CHARS = 70;
export const MIN_LANGUAGE_LETTERS = 10;
export const SURE_LANGUAGE_LETTERS = 40;

/** Letters in `s` (ASCII letters, Latin/Greek/Cyrillic/... letters; a CJK or Hangul character counts as two). */
function letterWeight(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) n++;
    else if (c < 0xc0) continue;
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)) n += 2;
    else if (c < 0x2000 && c !== 0xd7 && c !== 0xf7) n++;
  }
  return n;
}

/** The first `max` characters, cut back to the last whitespace when there is one in the second half. */
export function languageSample(excerpt: string, max = LANGUAGE_SAMPLE_CHARS): string {
  if (excerpt.length <= max) return excerpt;
  let end = max;
  // Never split a surrogate pair.
  const last = excerpt.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  for (let i = end; i > max / 2; i--) {
    const c = excerpt.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) return excerpt.slice(0, i);
  }
  return excerpt.slice(0, end);
}

export function detectLanguage(excerpt: string): string | undefined {
  const sample = languageSample(excerpt);
  const letters = letterWeight(sample);
  if (letters < MIN_LANGUAGE_LETTERS) return undefined;
  const result = eld.detect(sample);
  if (!result.language || (letters < SURE_LANGUAGE_LETTERS && !result.isReliable())) return undefined;
  return result.language;
}
