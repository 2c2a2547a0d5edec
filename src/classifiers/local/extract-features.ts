import { matchLexicon, type CompiledLexicon } from './lexicon.js';

/**
 * Turns an excerpt into the sparse feature vector the local model scores. Pure and deterministic.
 *
 * Feature namespaces (the prefix before ':' names the kind, which keeps the model file explainable):
 *   w:<word>        lower-cased word (letters/digits), digits folded to '0'
 *   b:<w1> <w2>     adjacent word bigram
 *   p:<prefix>      first 5 letters of a word of 6+ letters (a cheap stem across inflections and languages)
 *   c:<char>        one Han/Kana character (CJK has no spaces)
 *   d:<c1c2>        two adjacent Han/Kana characters
 *   y:<symbols>     a run of punctuation/symbols, e.g. "();", "=>", "{{", "*" (code and markup shape)
 *   s:<name>        hand-named structural feature (code fences, brace density, {{char}}, *actions*, ...)
 *   l:<category>    hits of the category's hand-written lexicon (see lexicon.ts)
 * Lexical features are 1 + ln(count), L2-normalised together; structural features keep their own 0..1 values.
 */
export interface RawFeatures {
  /** Lexical feature name → count in the text (before the 1 + ln(count) and L2 normalisation). */
  readonly counts: Map<string, number>;
  /** 1 / L2 norm of the 1 + ln(count) lexical values (0 when there are none). */
  readonly inverseNorm: number;
  /** Structural and lexicon features with their final values. */
  readonly extra: Map<string, number>;
  /** Words counted the way the short-text rule counts them (a Han/Kana run counts one word per two characters). */
  readonly wordCount: number;
  /** True when the text looks like source code or markup (the short-text rule never drops code). */
  readonly codeSignal: boolean;
}

export interface Features {
  /** Feature name → value. */
  readonly values: Map<string, number>;
  /** Words counted the way the short-text rule counts them (a Han/Kana run counts one word per two characters). */
  readonly wordCount: number;
  /** True when the text looks like source code or markup (the short-text rule never drops code). */
  readonly codeSignal: boolean;
}

const MAX_CHARS = 4000;
const MAX_WORD_LENGTH = 32;
const MAX_SYMBOL_RUN = 4;

const SPACE = 0;
const WORD = 1;
const CJK = 2;
const SYMBOL = 3;

/**
 * Character class for the hand-rolled scanner (a regex with Unicode properties is several times slower).
 * Letters, marks and digits of every script are WORD; Hiragana, Katakana and Han are CJK; punctuation, symbols and
 * emoji are SYMBOL.
 */
function charClass(c: number): number {
  if (c < 128) {
    if (c <= 32 || c === 127) return SPACE;
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) return WORD;
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

function foldDigits(word: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      out += '0';
      changed = true;
    } else out += word[i];
  }
  return changed ? out : word;
}

function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

const CODE_KEYWORD_RE =
  /\b(?:def\s+\w+\s*\(|function\s*\w*\s*\(|class\s+\w+\s*[:{(]|#include\s*<|import\s+[\w.{*]|from\s+[\w.]+\s+import|public\s+(?:static\s+)?(?:void|class|int|String)|console\.log|printf\s*\(|System\.out|fn\s+\w+\s*\(|func\s+\w+\s*\(|SELECT\s+[\w*,\s().]+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|GROUP\s+BY|ORDER\s+BY|CREATE\s+TABLE|let\s+\w+\s*=|const\s+\w+\s*=|var\s+\w+\s*=|return\s+[\w(]|std::|#!\/bin\/|\$\(\w+|npm\s+install|pip\s+install|git\s+(?:commit|push|clone|rebase))/i;
const CODE_FENCE_RE = /```|~~~/;
const SEMICOLON_EOL_RE = /;[ \t]*$/gm;
const INDENTED_LINE_RE = /^(?: {2,}|\t)\S/gm;
const HTML_TAG_RE = /<\/?[a-zA-Z][\w-]*(?:\s[^<>]*)?>/;
const ARROW_OR_SCOPE_RE = /=>|->|::|!=|==|\+\+|&&|\|\|/g;
const CALL_RE = /\b[A-Za-z_]\w*\([^()\n]{0,60}\)/g;
const CHAR_PLACEHOLDER_RE = /\{\{\s*(?:char|user)\s*\}\}|<(?:BOT|USER)>/i;
const ACTION_SPAN_RE = /(?:^|[^*\w])\*[^*\s\n][^*\n]{1,120}[^*\s\n]\*(?![*\w])/g;
const STAY_IN_CHARACTER_RE =
  /\b(?:stay|remain|keep|break)(?:ing)?\s+(?:in|out of)\s+(?:character|role)\b|\bin[- ]character\b|\bOOC\b|\broleplay|\brole-play|\bpersona\b|\bjuego de rol|\bjeu de rôle|\brollenspiel|ролев|角色扮演|ロールプレイ|なりきり/i;
const TRANSLATE_RE =
  /(?<!\p{L})(?:translat\p{L}*|traduc\p{L}*|tradu[zçi]\p{L}*|übersetz\p{L}*|uebersetz\p{L}*|vertaal\p{L}*|перев[её]д\p{L}*|перевести)|翻译|翻譯|翻訳|訳して|번역/iu;
const TARGET_LANGUAGE_RE =
  /(?<!\p{L})(?:into|to|in|en|al|à|para|ins|auf|на)\s+(?:english|spanish|french|german|italian|portuguese|chinese|japanese|russian|korean|arabic|dutch|polish|turkish|hindi|inglés|español|francés|alemán|anglais|espagnol|français|allemand|englische?|spanische?|französische?|deutsche?|inglês|espanhol|francês|alemão|английский|испанский|французский|немецкий|русский|китайский|японский)(?!\p{L})|(?:成|为|為|に|を)(?:英文|英语|中文|日语|法语|德语|西班牙语|俄语|英語|日本語|中国語|フランス語|ドイツ語)/iu;
const QUOTED_RE = /["“«„「『'][^"”»“」』'\n]{12,}["”»“」』']/;
const DIALOGUE_TURN_RE = /^(?:\{\{\s*(?:user|char)\s*\}\}|user|you|me|assistant|bot|narrator|[A-Z][a-z]+)\s*:/gm;

function countMatches(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  re.lastIndex = 0;
  return n;
}

function add(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * Extracts the features of one excerpt. Texts longer than 4,000 characters are cut there first. With a lexicon,
 * adds `l:<category>` = 1 - 0.5^hits for every category with at least one lexicon hit (each distinct term counts
 * once, so repeating a text does not change its features).
 */
export function extractFeatures(input: string, lexicon?: CompiledLexicon): Features {
  const raw = extractRawFeatures(input, lexicon);
  const values = new Map<string, number>();
  for (const [key, count] of raw.counts) values.set(key, (count === 1 ? 1 : 1 + Math.log(count)) * raw.inverseNorm);
  for (const [key, value] of raw.extra) values.set(key, value);
  return { values, wordCount: raw.wordCount, codeSignal: raw.codeSignal };
}

/** The same features before they are put into one map; the classifier scores these directly (fewer allocations). */
export function extractRawFeatures(input: string, lexicon?: CompiledLexicon): RawFeatures {
  const text = input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input;
  const lower = text.toLowerCase();
  const counts = new Map<string, number>();
  let wordCount = 0;
  let prevWord: string | undefined;

  const addWord = (raw: string): void => {
    let word = raw.length > MAX_WORD_LENGTH ? raw.slice(0, MAX_WORD_LENGTH) : raw;
    if (hasDigit(word)) word = foldDigits(word);
    wordCount++;
    add(counts, `w:${word}`);
    if (word.length >= 6) add(counts, `p:${word.slice(0, 5)}`);
    const bigram = prevWord === undefined ? undefined : `${prevWord} ${word}`;
    if (bigram !== undefined) add(counts, `b:${bigram}`);
    prevWord = word;
  };
  const addCjk = (run: string): void => {
    wordCount += Math.ceil(run.length / 2);
    for (let i = 0; i < run.length; i++) {
      const char = run[i]!;
      add(counts, `c:${char}`);
      if (i + 1 < run.length) {
        const pair = run.slice(i, i + 2);
        add(counts, `d:${pair}`);
      }
    }
    prevWord = undefined;
  };
  const addSymbols = (raw: string): void => {
    const sym = raw.length > MAX_SYMBOL_RUN ? raw.slice(0, MAX_SYMBOL_RUN) : raw;
    add(counts, `y:${sym}`);
    for (let i = 0; i < sym.length; i++) {
      const c = sym.charCodeAt(i);
      // Sentence punctuation breaks bigrams: . ! ? ; : 。 ！ ？
      if (c === 46 || c === 33 || c === 63 || c === 59 || c === 58 || c === 0x3002 || c === 0xff01 || c === 0xff1f) {
        prevWord = undefined;
        break;
      }
    }
  };

  let start = 0;
  let cls = SPACE;
  let latin = false;
  let otherScript = false;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 32;
    const next = charClass(code);
    if (next === CJK || (code >= 0x0400 && code <= 0x06ff) || (code >= 0xac00 && code <= 0xd7af)) otherScript = true;
    else if (code >= 97 && code <= 122) latin = true;
    if (next === cls) continue;
    if (cls === WORD) addWord(lower.slice(start, i));
    else if (cls === CJK) addCjk(lower.slice(start, i));
    else if (cls === SYMBOL) addSymbols(lower.slice(start, i));
    cls = next;
    start = i;
  }

  let norm = 0;
  for (const count of counts.values()) {
    const v = count === 1 ? 1 : 1 + Math.log(count);
    norm += v * v;
  }
  const inverseNorm = norm > 0 ? 1 / Math.sqrt(norm) : 0;

  const extra = new Map<string, number>();
  if (lexicon) {
    const hits = matchLexicon(lexicon, counts.keys(), lower);
    hits.forEach((h, slot) => {
      if (h > 0) extra.set(lexicon.featureNames[slot]!, 1 - 0.5 ** h);
    });
  }
  if (latin && otherScript) extra.set('s:mixed_scripts', 1);
  const codeSignal = addStructuralFeatures(text, extra);
  return { counts, inverseNorm, extra, wordCount, codeSignal };
}

function addStructuralFeatures(text: string, out: Map<string, number>): boolean {
  const len = Math.max(text.length, 1);

  // One pass counts the characters the regexes below need, so a regex only runs when it can match.
  let braces = 0;
  let parens = 0;
  let stars = 0;
  let colons = 0;
  let semicolons = 0;
  let angles = 0;
  let fences = 0;
  let quotes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 125) braces++; // { }
    else if (c === 59) semicolons++; // ;
    else if (c === 40) parens++; // (
    else if (c === 42) stars++; // *
    else if (c === 58) colons++; // :
    else if (c === 60) angles++; // <
    else if (c === 96 || c === 126) fences++; // ` ~
    else if (c === 34 || c === 39 || c === 0x201c || c === 0xab || c === 0x201e || c === 0x300c || c === 0x300e) quotes++;
  }
  const braceDensity = (braces + semicolons) / len;
  const semicolonLines = semicolons >= 2 ? countMatches(SEMICOLON_EOL_RE, text) : 0;
  const indented = countMatches(INDENTED_LINE_RE, text);
  const operators = countMatches(ARROW_OR_SCOPE_RE, text);
  const calls = parens > 0 ? countMatches(CALL_RE, text) : 0;
  const fence = fences >= 3 && CODE_FENCE_RE.test(text);
  const keyword = CODE_KEYWORD_RE.test(text);
  const html = angles > 0 && HTML_TAG_RE.test(text);

  if (fence) out.set('s:code_fence', 1);
  if (keyword) out.set('s:code_keyword', 1);
  if (html) out.set('s:html_tag', 1);
  if (braceDensity > 0.01) out.set('s:braces', Math.min(1, braceDensity * 20));
  if (semicolonLines >= 2) out.set('s:semicolon_lines', Math.min(1, semicolonLines / 5));
  if (indented >= 2) out.set('s:indented_lines', Math.min(1, indented / 5));
  if (operators >= 1) out.set('s:code_operators', Math.min(1, operators / 4));
  if (calls >= 1) out.set('s:calls', Math.min(1, calls / 4));

  const placeholder = (braces >= 4 || angles > 0) && CHAR_PLACEHOLDER_RE.test(text);
  const actions = stars >= 2 ? countMatches(ACTION_SPAN_RE, text) : 0;
  if (placeholder) out.set('s:char_placeholder', 1);
  if (actions >= 1) out.set('s:action_spans', Math.min(1, actions / 2));
  if (STAY_IN_CHARACTER_RE.test(text)) out.set('s:in_character', 1);
  if (colons >= 2 && countMatches(DIALOGUE_TURN_RE, text) >= 2) out.set('s:dialogue_turns', 1);

  if (TRANSLATE_RE.test(text)) {
    out.set('s:translate_verb', 1);
    if (TARGET_LANGUAGE_RE.test(text)) out.set('s:translate_into', 1);
  }
  if (quotes > 0 && QUOTED_RE.test(text)) out.set('s:quoted_passage', 1);

  return fence || keyword || semicolonLines >= 2 || (braceDensity > 0.02 && operators + calls >= 1) || calls >= 2 || html;
}
