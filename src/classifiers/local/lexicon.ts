/**
 * Hand-written domain lexicons (taxonomy/local-classifier/lexicons.yaml, copied into the model file). Each category
 * lists terms; a text's hits per category become one feature `l:<category>` whose weight training learns. Lexicons
 * carry vocabulary the templated training set cannot (any term, in any listed language, counts the same).
 *
 * Term syntax: `word` (exact word), `stem*` (word starting with stem, stem of 4+ letters), `two words` (adjacent
 * words), or a CJK string (matched anywhere inside a CJK run).
 */

export interface CompiledLexicon {
  /** Category index per feature slot, and the feature names `l:<category>`. */
  readonly featureNames: readonly string[];
  readonly words: Map<string, number[]>;
  /** First 4 letters → stems starting with them. */
  readonly stems: Map<string, { stem: string; slots: number[] }[]>;
  readonly bigrams: Map<string, number[]>;
  /** First 2 characters → CJK terms starting with them. */
  readonly cjk: Map<string, { term: string; slots: number[] }[]>;
  /** Single CJK characters that are terms on their own. */
  readonly cjkChars: Map<string, number[]>;
}

const CJK_RE = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addSlot(map: Map<string, number[]>, key: string, slot: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [slot]);
  else if (!list.includes(slot)) list.push(slot);
}

/** Compiles `{category: terms[]}`; categories are taken in sorted order so the result is deterministic. */
export function compileLexicon(lexicon: Readonly<Record<string, readonly string[]>>): CompiledLexicon {
  const categories = Object.keys(lexicon).sort();
  const words = new Map<string, number[]>();
  const stems = new Map<string, { stem: string; slots: number[] }[]>();
  const bigrams = new Map<string, number[]>();
  const cjk = new Map<string, { term: string; slots: number[] }[]>();
  const cjkChars = new Map<string, number[]>();
  categories.forEach((category, slot) => {
    for (const raw of lexicon[category]!) {
      const term = raw.trim().toLowerCase();
      if (term.length === 0) continue;
      if (CJK_RE.test(term)) {
        if (term.length === 1) addSlot(cjkChars, term, slot);
        else push(cjk, term.slice(0, 2), { term, slots: [slot] });
      } else if (term.endsWith('*')) {
        const stem = term.slice(0, -1);
        if (stem.length < 4 || /[^\p{L}\p{M}\p{N}_]/u.test(stem)) {
          throw new Error(`lexicon stem "${raw}" of "${category}" must be one word of 4+ letters`);
        }
        push(stems, stem.slice(0, 4), { stem, slots: [slot] });
      } else {
        // Split like the feature extractor does: word characters only, digits folded to 0.
        const parts = term.split(/[^\p{L}\p{M}\p{N}_]+/u).filter((p) => p.length > 0).map((p) => p.replace(/[0-9]/g, '0'));
        if (parts.length === 1) addSlot(words, parts[0]!, slot);
        else if (parts.length === 2) addSlot(bigrams, `${parts[0]} ${parts[1]}`, slot);
        else throw new Error(`lexicon term "${raw}" of "${category}" must be one word or two adjacent words`);
      }
    }
  });
  return { featureNames: categories.map((c) => `l:${c}`), words, stems, bigrams, cjk, cjkChars };
}

/**
 * Counts lexicon hits over the distinct feature keys of a text (w: words, b: bigrams, c:/d: CJK characters and
 * pairs); `text` (lower-cased) is only read to confirm CJK terms longer than two characters. Each distinct term
 * counts once.
 */
export function matchLexicon(lexicon: CompiledLexicon, keys: Iterable<string>, text: string): Float64Array {
  const hits = new Float64Array(lexicon.featureNames.length);
  for (const key of keys) {
    const kind = key.charCodeAt(0);
    if (kind === 119 /* w */) {
      const word = key.slice(2);
      const exact = lexicon.words.get(word);
      if (exact) for (const s of exact) hits[s]! += 1;
      if (word.length >= 4) {
        const candidates = lexicon.stems.get(word.slice(0, 4));
        if (candidates) {
          for (const { stem, slots } of candidates) if (word.startsWith(stem)) for (const s of slots) hits[s]! += 1;
        }
      }
    } else if (kind === 98 /* b */) {
      const phrase = lexicon.bigrams.get(key.slice(2));
      if (phrase) for (const s of phrase) hits[s]! += 1;
    } else if (kind === 99 /* c */) {
      const slots = lexicon.cjkChars.get(key.slice(2));
      if (slots) for (const s of slots) hits[s]! += 1;
    } else if (kind === 100 /* d */) {
      const candidates = lexicon.cjk.get(key.slice(2));
      if (candidates) {
        for (const { term, slots } of candidates) {
          if (term.length === 2 || text.includes(term)) for (const s of slots) hits[s]! += 1;
        }
      }
    }
  }
  return hits;
}
