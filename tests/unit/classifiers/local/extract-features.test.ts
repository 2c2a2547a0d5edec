import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../../../../src/classifiers/local/extract-features.js';
import { compileLexicon } from '../../../../src/classifiers/local/lexicon.js';

describe('extractFeatures', () => {
  it('names code structure', () => {
    const f = extractFeatures('```js\nconst total = items.reduce((a, b) => a + b, 0);\nconsole.log(total);\n```');
    expect(f.values.get('s:code_fence')).toBe(1);
    expect(f.values.get('s:code_keyword')).toBe(1);
    expect(f.values.has('s:code_operators')).toBe(true);
    expect(f.codeSignal).toBe(true);
  });

  it('names roleplay cues: {{char}} placeholders, *action* spans and "stay in character"', () => {
    const f = extractFeatures('{{char}} smiles. *leans closer and whispers* Stay in character, {{user}}.');
    expect(f.values.get('s:char_placeholder')).toBe(1);
    expect(f.values.has('s:action_spans')).toBe(true);
    expect(f.values.get('s:in_character')).toBe(1);
    expect(extractFeatures('This is **bold** text').values.has('s:action_spans')).toBe(false);
  });

  it('names "translate … into <language>" in several languages', () => {
    for (const text of ['Translate this into German please', 'Traduce esto al inglés', 'Übersetze das ins Englische', 'Переведи на английский', '请翻译成英文']) {
      expect(extractFeatures(text).values.get('s:translate_into'), text).toBe(1);
    }
  });

  it('tokenises words, bigrams, prefixes, symbols and CJK characters', () => {
    const f = extractFeatures('Translating documents quickly: 翻訳してください');
    const keys = [...f.values.keys()];
    expect(keys).toEqual(expect.arrayContaining(['w:translating', 'b:translating documents', 'p:trans', 'y::', 'c:翻', 'd:翻訳']));
    expect(f.wordCount).toBe(3 + Math.ceil('翻訳してください'.length / 2));
  });

  it('folds digits and divides the lexical values by the square root of the lexical occurrences', () => {
    // 5 words + 4 bigrams = 9 occurrences; "room" and "000" twice each, "room 000" twice.
    const f = extractFeatures('room 101 and room 202');
    expect(f.values.get('w:000')).toBeCloseTo((1 + Math.log(2)) / 3, 12);
    expect(f.values.get('w:room')).toBeCloseTo((1 + Math.log(2)) / 3, 12);
    expect(f.values.get('b:room 000')).toBeCloseTo((1 + Math.log(2)) / 3, 12);
    expect(f.values.get('w:and')).toBeCloseTo(1 / 3, 12);
    expect(f.values.get('b:000 and')).toBeCloseTo(1 / 3, 12);
  });

  it('counts lexicon hits per category, each distinct term once', () => {
    const lexicon = compileLexicon({ legal: ['lawyer', 'contract*', 'small claims', '律师', '劳动仲裁'], finance: ['loan'] });
    const f = extractFeatures('My lawyer said the contracts, the contractor and small claims court... lawyer again. 律师说去劳动仲裁', lexicon);
    // lawyer + contract* (once, though two words match it) + "small claims" + 律师 + 劳动仲裁 = 5 distinct terms
    expect(f.values.get('l:legal')).toBeCloseTo(1 - 0.5 ** 5, 10);
    expect(f.values.has('l:finance')).toBe(false);
  });

  it('names shell lines, SQL statements and short calls as code, and links as links', () => {
    for (const text of ['tar -xzf release.tar.gz', 'ps aux | grep python', 'sudo apt update && sudo apt upgrade -y']) {
      const f = extractFeatures(text);
      expect(f.values.get('s:shell_line'), text).toBe(1);
      expect(f.codeSignal, text).toBe(true);
    }
    expect(extractFeatures('DROP TABLE audit_log;').values.get('s:sql_statement')).toBe(1);
    expect(extractFeatures('DROP TABLE audit_log;').codeSignal).toBe(true);
    expect(extractFeatures("console.log('x')").codeSignal).toBe(true);
    expect(extractFeatures('I think the meeting went well - thanks for asking').values.has('s:shell_line')).toBe(false);
    const link = extractFeatures('https://shop.example.org/items/42?ref=mail');
    expect(link.values.get('s:url')).toBe(1);
    expect(link.wordCount).toBe(0);
    expect(extractFeatures('see https://example.org for the agenda').wordCount).toBe(4);
  });

  it('names a persona set-up and a target language on their own', () => {
    expect(extractFeatures('Put this into Spanish for me: the shop is closed').values.get('s:into_language')).toBe(1);
    expect(extractFeatures('You are a tired innkeeper and I am a traveller looking for a bed').values.get('s:you_and_i')).toBe(1);
    expect(extractFeatures('Are you sure this is right?').values.has('s:you_and_i')).toBe(false);
  });

  it('is deterministic and does not depend on previous calls', () => {
    const text = 'def f(x):\n    return x * 2\n\nwhy is this slow?';
    const a = [...extractFeatures(text).values];
    extractFeatures('something else entirely, 完全に別の文章');
    expect([...extractFeatures(text).values]).toEqual(a);
  });

  it('counts no words in empty or symbol-only text', () => {
    expect(extractFeatures('').wordCount).toBe(0);
    expect(extractFeatures('!!! ??? ...').wordCount).toBe(0);
  });
});

describe('compileLexicon', () => {
  it('rejects terms it cannot match', () => {
    expect(() => compileLexicon({ seo: ['abc*'] })).toThrow(/4\+ letters/);
    expect(() => compileLexicon({ seo: ['core web vitals'] })).toThrow(/two adjacent words/);
  });
});
