import { CUE_TERMS } from './cue-terms.js';
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

const CODE_KEYWORD_RE =
  /\b(?:def\s+\w+\s*\(|function\s*\w*\s*\(|class\s+\w+\s*[:{(]|#include\s*<|import\s+[\w.{*]|from\s+[\w.]+\s+import|public\s+(?:static\s+)?(?:void|class|int|String)|console\.log|printf\s*\(|System\.out|fn\s+\w+\s*\(|func\s+\w+\s*\(|SELECT\s+[\w*,\s().]+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|GROUP\s+BY|ORDER\s+BY|CREATE\s+TABLE|let\s+\w+\s*=|const\s+\w+\s*=|var\s+\w+\s*=|return\s+[\w(]|std::|#!\/bin\/|\$\(\w+|npm\s+install|pip\s+install|git\s+(?:commit|push|clone|rebase))/i;
const CODE_FENCE_RE = /```|~~~/;
const SEMICOLON_EOL_RE = /;[ \t]*$/gm;
const INDENTED_LINE_RE = /^(?: {2,}|\t)\S/gm;
const HTML_TAG_RE = /<\/?[a-zA-Z][\w-]*(?:\s[^<>]*)?>/;
const ARROW_OR_SCOPE_RE = /=>|->|::|!=|==|\+\+|&&|\|\|/g;
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

function countMatches(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
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
export function structuralFeatures(text: string, occ: Occurrences, hits: Float64Array, cueOffset: number, out: Float64Array): boolean {
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
  let dashes = 0;
  let pipes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 125) braces++; // { }
    else if (c === 59) semicolons++; // ;
    else if (c === 40) parens++; // (
    else if (c === 42) stars++; // *
    else if (c === 58) colons++; // :
    else if (c === 60) angles++; // <
    else if (c === 45) dashes++; // -
    else if (c === 124) pipes++; // |
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
  const shell = ((dashes > 0 && FLAG_RE.test(text)) || (pipes > 0 && PIPE_RE.test(text))) && COMMAND_START_RE.test(text);
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
  const actions = stars >= 2 ? countMatches(ACTION_SPAN_RE, text) : 0;
  if (placeholder) out[INDEX['s:char_placeholder']] = 1;
  if (actions >= 1) out[INDEX['s:action_spans']] = Math.min(1, actions / 2);
  if (hits[cueOffset + IN_CHARACTER]! > 0) out[INDEX['s:in_character']] = 1;
  if (hits[cueOffset + YOU_ARE]! > 0 && hits[cueOffset + I_AM]! > 0) out[INDEX['s:you_and_i']] = 1;
  if (colons >= 2 && countMatches(DIALOGUE_TURN_RE, text) >= 2) out[INDEX['s:dialogue_turns']] = 1;

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
