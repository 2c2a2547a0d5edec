import type { GenerationEvent } from './generation-event-schema.js';

type Prompt = NonNullable<GenerationEvent['prompt']>;

/**
 * The first `maxChars` Unicode code points of a prompt, never splitting a surrogate pair.
 * A string prompt is used as is; chat messages' text is joined in order with "\n" (non-text parts ignored).
 * Lone surrogates are replaced by U+FFFD so the excerpt is always well-formed UTF-16.
 * Stops reading as soon as the cut is reached, so a 10 MB prompt costs no more than a short one.
 */
export function excerptOf(prompt: Prompt | undefined, maxChars: number): string {
  if (prompt === undefined) return '';
  if (typeof prompt === 'string') return cut(prompt, maxChars).text;
  let out = '';
  let left = maxChars;
  let first = true;
  for (const message of prompt) {
    for (const piece of messageTexts(message)) {
      if (left <= 0) return out;
      if (!first) {
        out += '\n';
        left -= 1;
        if (left <= 0) return out;
      }
      first = false;
      const c = cut(piece, left);
      out += c.text;
      left -= c.codePoints;
    }
  }
  return out;
}

function messageTexts(message: unknown): string[] {
  const content = (message as { content?: unknown }).content;
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  const texts: string[] = [];
  for (const part of content) {
    if (part && typeof part === 'object' && (part as { type?: unknown }).type === 'text') {
      const t = (part as { text?: unknown }).text;
      if (typeof t === 'string') texts.push(t);
    }
  }
  return texts.length ? [texts.join('\n')] : [];
}

/** Cut `s` to at most `max` code points; returns the text and how many code points it holds. */
export function cut(s: string, max: number): { text: string; codePoints: number } {
  // Fast path: even if every unit were a code point, it fits.
  if (s.length <= max) {
    let cps = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
      cps++;
    }
    return { text: s.toWellFormed(), codePoints: cps };
  }
  let i = 0;
  let cps = 0;
  while (i < s.length && cps < max) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i += 2;
        cps++;
        continue;
      }
    }
    i++;
    cps++;
  }
  return { text: s.slice(0, i).toWellFormed(), codePoints: cps };
}
