import { CUE_TERMS } from './cue-terms.js';
import { NS_WORD, namespacedKey } from './feature-key.js';
import { KeyTable } from './key-table.js';
import type { Occurrences } from './scan-text.js';

/**
 * Hand-named structural features (`s:<name>`) of an excerpt: code shape, shell lines, roleplay cues, translation
 * requests, quoting, mixed scripts, links, shortness. Each has a value in 0..1. One pass counts the characters the
 * regular expressions need, so an expression only runs when it can match.
 */

export const STRUCTURAL_FEATURES = [
  's:code_fence',
  's:code_keyword',
  's:html_tag',
  's:braces',
  's:semicolon_lines',
  's:indented_lines',
  's:code_operators',
  's:calls',
  's:shell_line',
  's:sql_statement',
  's:char_placeholder',
  's:action_spans',
  's:in_character',
  's:you_and_i',
  's:dialogue_turns',
  's:translate_verb',
  's:translate_into',
  's:into_language',
  's:quoted_passage',
  's:mixed_scripts',
  's:url',
  's:few_words',
] as const;

export type StructuralFeature = (typeof STRUCTURAL_FEATURES)[number];

const INDEX = Object.fromEntries(STRUCTURAL_FEATURES.map((name, i) => [name, i])) as Record<StructuralFeature, number>;

/**
 * Keywords of source code and SQL, each checked only where the scanner found its first word: a sticky regular
 * expression at that position (so a text pays for the words it has, not for every pattern at every position).
 * Code keywords are case-sensitive (code is written in lower case: "Return the book" is prose); SQL is any case.
 * `lineStart`: only at the start of a line (after spaces or tabs); `hash`: only right after '#'.
 */
interface CodeTrigger {
  readonly re: RegExp;
  readonly lineStart?: boolean;
  readonly hash?: boolean;
}
const CODE_TRIGGERS: Readonly<Record<string, CodeTrigger>> = {
  def: { re: /def\s+\w+\s*\(/y },
  function: { re: /function\s*\w*\s*\(/y },
  class: { re: /class\s+\w+\s*[:{(]/y },
  include: { re: /include\s*</y, hash: true },
  from: { re: /from\s+[\w.]+\s+import\s/y },
  public: { re: /public\s+(?:static\s+)?(?:void|class|int|String)/y },
  console: { re: /console\.log/y },
  printf: { re: /printf\s*\(/y },
  system: { re: /System\.out/y },
  fn: { re: /fn\s+\w+\s*\(/y },
  func: { re: /func\s+\w+\s*\(/y },
  let: { re: /let\s+\w+\s*=/y },
  const: { re: /const\s+\w+\s*=/y },
  var: { re: /var\s+\w+\s*=/y },
  std: { re: /std::/y },
  npm: { re: /npm\s+install/y },
  pip: { re: /pip\s+install/y },
  yarn: { re: /yarn\s+(?:add|install)/y },
  git: { re: /git\s+(?:commit|push|pull|clone|rebase|merge|checkout)/y },
  import: { re: /import\s+[\w.{*]/y, lineStart: true },
  return: { re: /return\s+\S/y, lineStart: true },
  select: { re: /select\s+[\w*,\s().]+\s+from\b/iy },
  insert: { re: /insert\s+into\b/iy },
  update: { re: /update\s+\w+\s+set\b/iy },
  group: { re: /group\s+by\b/iy },
  order: { re: /order\s+by\b/iy },
  create: { re: /create\s+table\b/iy },
};
const TRIGGER_LIST: readonly CodeTrigger[] = Object.values(CODE_TRIGGERS);
const TRIGGER_KEYS = (() => {
  const table = new KeyTable(TRIGGER_LIST.length);
  Object.keys(CODE_TRIGGERS).forEach((word, i) => {
    const [a, b] = namespacedKey(word, NS_WORD);
    table.setIfAbsent(a, b, i);
  });
  return table;
})();

/** True when a code keyword starts at one of the text's words (see CODE_TRIGGERS). */
function hasCodeKeyword(text: string, lower: string, occ: Occurrences): boolean {
  if (text.includes('#!/') || text.includes('$(')) return true;
  // Lower-casing may change the length of a few characters (e.g. İ); positions then no longer match: use lower.
  const subject = text.length === lower.length ? text : lower;
  for (let i = 0; i < occ.n; i++) {
    if (occ.kind[i] !== NS_WORD) continue;
    const t = TRIGGER_KEYS.get(occ.a[i]!, occ.b[i]!);
    if (t < 0) continue;
    const trigger = TRIGGER_LIST[t]!;
    const at = occ.start[i]!;
    if (trigger.hash && (at === 0 || subject.charCodeAt(at - 1) !== 35)) continue;
    if (trigger.lineStart) {
      let j = at - 1;
      while (j >= 0 && (subject.charCodeAt(j) === 32 || subject.charCodeAt(j) === 9)) j--;
      if (j >= 0 && subject.charCodeAt(j) !== 10) continue;
    }
    trigger.re.lastIndex = at;
    if (trigger.re.test(subject)) return true;
  }
  return false;
}
const CODE_FENCE_RE = /```|~~~/;
const HTML_TAG_RE = /<\/?[a-zA-Z][\w-]*(?:\s[^<>]*)?>/;
const CALL_RE = /\b[A-Za-z_][\w.]*\([^()\n]{0,60}\)/g;
/** A command-line flag: -x, -la, --name, --dry-run (after a space or at a line start, before a space, = or the end). */
const FLAG_RE = /(?:^|[ \t])--?[a-zA-Z][\w-]*(?=[ \t=]|$)/m;
/** A line that starts like a command: an optional "$ " prompt or sudo, then a lower-case program name and a space. */
const COMMAND_START_RE = /^[ \t]*(?:\$[ \t]+)?(?:sudo[ \t]+)?[a-z][\w.-]*[ \t]/m;
/** Output piped into one of the common filters. */
const PIPE_RE = /\S[ \t]*\|[ \t]*(?:grep|egrep|wc|sort|uniq|head|tail|awk|sed|xargs|cut|tr|less|more|jq|tee|column|nl)\b/;
const SQL_STATEMENT_RE = /^[ \t]*(?:select|insert|update|delete|create|drop|alter|with|truncate)\b[^\n]*;[ \t]*$/im;
const CHAR_PLACEHOLDER_RE = /\{\{\s*(?:char|user)\s*\}\}|<(?:BOT|USER)>/i;
const ACTION_SPAN_RE = /(?:^|[^*\w])\*[^*\s\n][^*\n]{1,120}[^*\s\n]\*(?![*\w])/g;
const QUOTED_RE = /["“«„「『'][^"”»“」』'\n]{12,}["”»“」』']/;
const DIALOGUE_TURN_RE = /^(?:\{\{\s*(?:user|char)\s*\}\}|user|you|me|assistant|bot|narrator|[A-Z][a-z]+)\s*:/gm;
/** At most this many words count as "few" (s:few_words). */
export const FEW_WORDS = 5;

/** Matches of a global expression, counting at most `limit` (the features saturate there). */
function countMatches(re: RegExp, text: string, limit = Infinity): number {
  re.lastIndex = 0;
  let n = 0;
  while (n < limit && re.exec(text) !== null) n++;
  re.lastIndex = 0;
  return n;
}

const CUES = Object.keys(CUE_TERMS);
const TRANSLATE_VERB = CUES.indexOf('s:translate_verb');
const INTO_LANGUAGE = CUES.indexOf('s:into_language');
const IN_CHARACTER = CUES.indexOf('s:in_character');
const YOU_ARE = CUES.indexOf('s:you_are');
const I_AM = CUES.indexOf('s:i_am');

/**
 * Fills `out` (indexed like STRUCTURAL_FEATURES, zeroed first) from the excerpt `text`, its scan `occ` and the
 * lexicon's hits (`hits[cueOffset + i]` is the i-th cue of cue-terms.ts).
 * Returns true when the text looks like source code, markup or a shell/SQL line (the short-text rule never drops
 * code).
 */
export function structuralFeatures(
  text: string,
  lower: string,
  occ: Occurrences,
  hits: Float64Array,
  cueOffset: number,
  out: Float64Array,
): boolean {
  out.fill(0);
  const len = Math.max(text.length, 1);
  let braces = 0;
  let parens = 0;
  let stars = 0;
  let colons = 0;
  let semicolons = 0;
  let angles = 0;
  let fences = 0;
  let quotes = 0;
  let flags = 0;
  let pipes = 0;
  // Counted in the same pass: lines ending in ';', indented lines (2+ spaces or a tab, then text), operators
  // (=> -> :: != == ++ && ||).
  let semicolonLines = 0;
  let indented = 0;
  let operators = 0;
  let lineStart = true;
  let lastSemicolon = -2;
  let prev = 10;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      let j = i;
      let spaces = 0;
      while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) {
        spaces += text.charCodeAt(j) === 9 ? 2 : 1;
        j++;
      }
      if (spaces >= 2 && j < n && text.charCodeAt(j) > 32) indented++;
    }
    // Letters, digits and non-ASCII characters (most of a text) need no further test.
    if (c > 126) {
      if (c === 0x201c || c === 0xab || c === 0x201e || c === 0x300c || c === 0x300e) quotes++;
      lastSemicolon = -2;
      prev = c;
      continue;
    }
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
      lastSemicolon = -2;
      prev = c;
      continue;
    }
    if (c === 10) {
      if (lastSemicolon >= 0) semicolonLines++;
      lastSemicolon = -2;
      lineStart = true;
    } else if (c === 59) {
      semicolons++; // ;
      lastSemicolon = i;
    } else if (c !== 32 && c !== 9 && c !== 13) lastSemicolon = -2;
    if (c === 123 || c === 125) braces++; // { }
    else if (c === 40) parens++; // (
    else if (c === 42) stars++; // *
    else if (c === 58) {
      colons++; // :
      if (prev === 58) operators++;
    } else if (c === 60) angles++; // <
    else if (c === 62) {
      if (prev === 61 || prev === 45) operators++; // => ->
    } else if (c === 61) {
      if (prev === 61 || prev === 33) operators++; // == !=
    } else if (c === 43) {
      if (prev === 43) operators++; // ++
    } else if (c === 38) {
      if (prev === 38) operators++; // &&
    } else if (c === 45) {
      // A command-line flag starts after a space or a line start: " -x", " --name".
      if (prev === 32 || prev === 9 || prev === 10) {
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (next === 45 || (next >= 97 && next <= 122) || (next >= 65 && next <= 90)) flags++;
      }
    } else if (c === 124) {
      pipes++; // |
      if (prev === 124) operators++; // ||
    } else if (c === 96 || c === 126) fences++; // ` ~
    else if (c === 34 || c === 39) quotes++;
    prev = c;
  }
  if (lastSemicolon >= 0) semicolonLines++;
  const braceDensity = (braces + semicolons) / len;
  const calls = parens > 0 ? countMatches(CALL_RE, text, 4) : 0;
  const fence = fences >= 3 && CODE_FENCE_RE.test(text);
  const keyword = hasCodeKeyword(text, lower, occ);
  const html = angles > 0 && HTML_TAG_RE.test(text);
  const shell = ((flags > 0 && FLAG_RE.test(text)) || (pipes > 0 && PIPE_RE.test(text))) && COMMAND_START_RE.test(text);
  const sql = semicolons > 0 && SQL_STATEMENT_RE.test(text);

  if (fence) out[INDEX['s:code_fence']] = 1;
  if (keyword) out[INDEX['s:code_keyword']] = 1;
  if (html) out[INDEX['s:html_tag']] = 1;
  if (braceDensity > 0.01) out[INDEX['s:braces']] = Math.min(1, braceDensity * 20);
  if (semicolonLines >= 2) out[INDEX['s:semicolon_lines']] = Math.min(1, semicolonLines / 5);
  if (indented >= 2) out[INDEX['s:indented_lines']] = Math.min(1, indented / 5);
  if (operators >= 1) out[INDEX['s:code_operators']] = Math.min(1, operators / 4);
  if (calls >= 1) out[INDEX['s:calls']] = Math.min(1, calls / 4);
  if (shell) out[INDEX['s:shell_line']] = 1;
  if (sql) out[INDEX['s:sql_statement']] = 1;

  const placeholder = (braces >= 4 || angles > 0) && CHAR_PLACEHOLDER_RE.test(text);
  const actions = stars >= 2 ? countMatches(ACTION_SPAN_RE, text, 2) : 0;
  if (placeholder) out[INDEX['s:char_placeholder']] = 1;
  if (actions >= 1) out[INDEX['s:action_spans']] = Math.min(1, actions / 2);
  if (hits[cueOffset + IN_CHARACTER]! > 0) out[INDEX['s:in_character']] = 1;
  if (hits[cueOffset + YOU_ARE]! > 0 && hits[cueOffset + I_AM]! > 0) out[INDEX['s:you_and_i']] = 1;
  if (colons >= 2 && countMatches(DIALOGUE_TURN_RE, text, 2) >= 2) out[INDEX['s:dialogue_turns']] = 1;

  const intoLanguage = hits[cueOffset + INTO_LANGUAGE]! > 0;
  if (intoLanguage) out[INDEX['s:into_language']] = 1;
  if (hits[cueOffset + TRANSLATE_VERB]! > 0) {
    out[INDEX['s:translate_verb']] = 1;
    if (intoLanguage) out[INDEX['s:translate_into']] = 1;
  }
  if (quotes > 0 && QUOTED_RE.test(text)) out[INDEX['s:quoted_passage']] = 1;
  if (occ.latin && occ.otherScript) out[INDEX['s:mixed_scripts']] = 1;
  if (occ.urls > 0) out[INDEX['s:url']] = 1;
  if (occ.wordCount <= FEW_WORDS) out[INDEX['s:few_words']] = 1;

  return (
    fence ||
    keyword ||
    html ||
    shell ||
    sql ||
    semicolonLines >= 2 ||
    (braceDensity > 0.02 && operators + calls >= 1) ||
    calls >= 2 ||
    // A lone call or statement such as print('hello') or print(len(sys.argv)).
    (calls >= 1 && occ.wordCount <= 6)
  );
}
