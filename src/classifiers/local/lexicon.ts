import { NS_CJK, NS_CJK_PAIR, NS_STEM, NS_WORD, NS_BIGRAM, featureKey, namespacedKey, rawHash } from './feature-key.js';
import { CUE_TERMS } from './cue-terms.js';
import { KeyTable } from './key-table.js';
import { MAX_STEM_LENGTH, stemFilter, type Occurrences, type StemFilter } from './scan-text.js';

/**
 * Hand-written domain lexicons (taxonomy/local-classifier/lexicons.yaml, copied into the model file). Each category
 * lists terms; a text's hits per category become one feature `l:<category>` = 1 - 0.5^hits, whose weight training
 * learns. Lexicons carry vocabulary the training set cannot (any listed term, in any language, counts the same).
 *
 * Term syntax: `word` (exact word), `stem*` (a word starting with the stem; 4+ letters), `two words` (adjacent
 * words), or a CJK string (one or two characters: that character or pair; longer: found anywhere in a CJK run).
 * Each distinct term counts once per text. Terms are matched on the scanner's integer keys (scan-text.ts).
 */

export interface CompiledLexicon {
  /** `l:<category>` per category slot (categories in sorted order). */
  readonly featureNames: readonly string[];
  /** The cue groups (cue-terms.ts), matched in the same pass; their hits follow the categories' in match(). */
  readonly cueNames: readonly string[];
  /** Which word prefixes the scanner must report as stem occurrences. */
  readonly stems: StemFilter;
  /** Matches one scanned text; returns hits per category slot, then per cue (the same array each call: read it before the next). */
  match(occ: Occurrences, lower: string): Float64Array;
}

const CJK_RE = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
const WORD_SPLIT_RE = /[^\p{L}\p{M}\p{N}_]+/u;

/** A CJK term of 3+ characters, found by its first two characters' key and then compared in the text. */
interface LongTerm {
  readonly term: string;
  /** Stamp slot (after the table's entries). */
  readonly id: number;
  readonly mask: number;
}

/** A stem needs 4+ letters (2+ in Hangul, where one syllable is a whole consonant-vowel block). */
function stemLongEnough(stem: string): boolean {
  return stem.length >= 4 || (stem.length >= 2 && /[\uac00-\ud7af]/.test(stem));
}

/**
 * Compiles `{category: terms[]}` plus the cue groups of cue-terms.ts; categories are taken in sorted order so the
 * result is deterministic.
 */
export function compileLexicon(lexicon: Readonly<Record<string, readonly string[]>>): CompiledLexicon {
  const categories = Object.keys(lexicon).sort();
  const cueNames = Object.keys(CUE_TERMS);
  const groups: [string, readonly string[]][] = [
    ...categories.map((c): [string, readonly string[]] => [c, lexicon[c]!]),
    ...cueNames.map((c): [string, readonly string[]] => [c, CUE_TERMS[c]!]),
  ];
  if (groups.length > 31) throw new Error(`A lexicon can have at most ${31 - cueNames.length} categories; this one has ${categories.length}.`);
  const entries: { a: number; b: number; mask: number; long?: { term: string; slot: number }[] }[] = [];
  const byKey = new Map<string, number>();
  let longCount = 0;
  const stemKeys: { rawB: number; length: number }[] = [];
  const entry = (key: [number, number]): (typeof entries)[number] => {
    const id = `${key[0]}/${key[1]}`;
    let index = byKey.get(id);
    if (index === undefined) {
      index = entries.length;
      entries.push({ a: key[0], b: key[1], mask: 0 });
      byKey.set(id, index);
    }
    return entries[index]!;
  };

  groups.forEach(([category, terms], slot) => {
    const bit = 1 << slot;
    for (const raw of terms) {
      const term = raw.trim().toLowerCase();
      if (term.length === 0) continue;
      if (CJK_RE.test(term)) {
        if (term.length === 1) entry(namespacedKey(term, NS_CJK)).mask |= bit;
        else if (term.length === 2) entry(namespacedKey(term, NS_CJK_PAIR)).mask |= bit;
        else {
          const carrier = entry(namespacedKey(term.slice(0, 2), NS_CJK_PAIR));
          carrier.long ??= [];
          carrier.long.push({ term, slot });
        }
      } else if (term.endsWith('*')) {
        const stem = term.slice(0, -1);
        if (!stemLongEnough(stem) || stem.length > MAX_STEM_LENGTH || /[^\p{L}\p{M}\p{N}_]/u.test(stem)) {
          throw new Error(`lexicon stem "${raw}" of "${category}" must be one word of 4+ letters (at most ${MAX_STEM_LENGTH})`);
        }
        const folded = stem.replace(/[0-9]/g, '0');
        stemKeys.push({ rawB: rawHash(folded)[1], length: stem.length });
        entry(namespacedKey(folded, NS_STEM)).mask |= bit;
      } else {
        // Split like the scanner does: word characters only, digits folded to 0.
        const parts = term.split(WORD_SPLIT_RE).filter((p) => p.length > 0).map((p) => p.replace(/[0-9]/g, '0'));
        if (parts.length === 1) entry(namespacedKey(parts[0]!, NS_WORD)).mask |= bit;
        else if (parts.length === 2) entry(featureKey(`b:${parts[0]} ${parts[1]}`)!).mask |= bit;
        else throw new Error(`lexicon term "${raw}" of "${category}" must be one word or two adjacent words`);
      }
    }
  });

  // Long CJK terms: one id each (after the entries), the same term listed by two categories merged into one mask.
  const longTerms: LongTerm[][] = entries.map(() => []);
  entries.forEach((e, index) => {
    if (!e.long) return;
    const merged = new Map<string, number>();
    for (const t of e.long) merged.set(t.term, (merged.get(t.term) ?? 0) | (1 << t.slot));
    for (const [term, mask] of [...merged.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
      longTerms[index]!.push({ term, id: entries.length + longCount, mask });
      longCount++;
    }
  });

  const table = new KeyTable(entries.length);
  const masks = new Int32Array(entries.length);
  entries.forEach((e, index) => {
    table.setIfAbsent(e.a, e.b, index);
    masks[index] = e.mask;
  });
  const long: (readonly LongTerm[] | undefined)[] = longTerms.map((l) => (l.length > 0 ? l : undefined));
  const stamps = new Int32Array(entries.length + longCount);
  let generation = 0;
  const slots = groups.length;
  const hits = new Float64Array(slots);

  return {
    featureNames: categories.map((c) => `l:${c}`),
    cueNames,
    stems: stemFilter(stemKeys),
    match(occ: Occurrences, lower: string): Float64Array {
      hits.fill(0);
      generation++;
      if (generation === 0x7fffffff) {
        stamps.fill(0);
        generation = 1;
      }
      const n = occ.n;
      const kinds = occ.kind;
      for (let i = 0; i < n; i++) {
        const kind = kinds[i]!;
        if (kind !== NS_WORD && kind !== NS_STEM && kind !== NS_BIGRAM && kind !== NS_CJK && kind !== NS_CJK_PAIR) continue;
        const t = table.get(occ.a[i]!, occ.b[i]!);
        if (t < 0) continue;
        if (stamps[t] !== generation) {
          stamps[t] = generation;
          addBits(hits, masks[t]!);
        }
        const longList = long[t];
        if (longList !== undefined) {
          const at = occ.start[i]!;
          for (const l of longList) {
            if (stamps[l.id] !== generation && lower.startsWith(l.term, at)) {
              stamps[l.id] = generation;
              addBits(hits, l.mask);
            }
          }
        }
      }
      return hits;
    },
  };
}

function addBits(hits: Float64Array, mask: number): void {
  let m = mask;
  while (m !== 0) {
    const bit = 31 - Math.clz32(m & -m);
    hits[bit]! += 1;
    m &= m - 1;
  }
}
