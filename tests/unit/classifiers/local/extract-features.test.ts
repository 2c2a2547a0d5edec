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

  it('folds digits and L2-normalises the lexical features', () => {
    const f = extractFeatures('room 101 and room 202');
    expect(f.values.has('w:000')).toBe(true);
    let norm = 0;
    for (const [k, v] of f.values) if (!k.startsWith('s:')) norm += v * v;
    expect(norm).toBeCloseTo(1, 10);
  });

  it('counts lexicon hits per category, each distinct term once', () => {
    const lexicon = compileLexicon({ legal: ['lawyer', 'contract*', 'small claims', '律师'], finance: ['loan'] });
    const f = extractFeatures('My lawyer said the contracts, the contractor and small claims court... lawyer again. 律师说', lexicon);
    // lawyer + contract* (contracts, contractor) + "small claims" + 律师 = 5 distinct hits
    expect(f.values.get('l:legal')).toBeCloseTo(1 - 0.5 ** 5, 10);
    expect(f.values.has('l:finance')).toBe(false);
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
