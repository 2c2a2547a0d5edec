import { describe, expect, it } from 'vitest';
import { CompiledGrammar } from '../../../src/generate/prompt-text/compiled-grammar.js';
import { PromptWriter } from '../../../src/generate/prompt-text/prompt-writer.js';
import { createSeededRandom } from '../../../src/generate/seeded-random.js';
import { CATEGORY_IDS } from '../../../src/generate/study-shares.js';

const textOf = (p: unknown) => JSON.stringify(p);

describe('PromptWriter', () => {
  const writer = new PromptWriter();

  it('writes varied prompts for every category with no unexpanded slot', () => {
    const random = createSeededRandom(3);
    for (const c of CATEGORY_IDS) {
      const texts = new Set<string>();
      for (let i = 0; i < 60; i++) {
        const { prompt, chars } = writer.write(random, c);
        const text = textOf(prompt);
        expect(text, c).not.toContain('§');
        expect(chars, c).toBeGreaterThan(5);
        texts.add(text);
      }
      expect(texts.size, c).toBeGreaterThan(40);
    }
  });

  it('writes the marks of each genre: code fences, roleplay macros and actions, translation asks', () => {
    const random = createSeededRandom(11);
    const many = (c: (typeof CATEGORY_IDS)[number]) => Array.from({ length: 200 }, () => textOf(writer.write(random, c).prompt)).join('\n');
    const programming = many('programming');
    for (const fence of ['```python', '```ts', '```go', '```rust', '```java', '```sql']) expect(programming).toContain(fence);
    const roleplay = many('roleplay');
    expect(roleplay).toContain('{{char}}');
    expect(roleplay).toMatch(/stay in character/i);
    expect(roleplay).toMatch(/\*[a-z][^*]+\*/);
    expect(many('translation')).toMatch(/Translate|翻译|Переведи|Traduce|翻訳/);
  });

  it('writes some prompts longer than 1,000 characters and some with CJK or emoji', () => {
    const random = createSeededRandom(5);
    const texts = CATEGORY_IDS.flatMap((c) => Array.from({ length: 100 }, () => textOf(writer.write(random, c).prompt)));
    expect(texts.some((t) => t.length > 1000)).toBe(true);
    expect(texts.some((t) => /[\u4e00-\u9fff]/.test(t))).toBe(true);
    expect(texts.some((t) => /\p{Extended_Pictographic}/u.test(t))).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const a = createSeededRandom(9);
    const b = createSeededRandom(9);
    for (let i = 0; i < 50; i++) expect(textOf(writer.write(a, 'roleplay').prompt)).toBe(textOf(writer.write(b, 'roleplay').prompt));
  });
});

describe('CompiledGrammar', () => {
  it('expands nested slots and keeps braces literal', () => {
    const g = new CompiledGrammar({ greeting: ['hello §{name}'], name: ['{{user}}'] }, 'test');
    expect(g.expand(createSeededRandom(1), g.compileList(['§{greeting} {x}'], 'test'))).toBe('hello {{user}} {x}');
  });

  it('rejects an unknown slot when compiling, naming it', () => {
    expect(() => new CompiledGrammar({ a: ['§{missing}'] }, 'test')).toThrow(/unknown slot "missing"/);
  });

  it('rejects a self-referencing grammar instead of recursing forever', () => {
    const g = new CompiledGrammar({ loop: ['x§{loop}'] }, 'test');
    expect(() => g.expand(createSeededRandom(1), g.compileList(['§{loop}'], 'test'))).toThrow(/deeper than 8/);
  });
});
