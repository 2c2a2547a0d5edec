import { describe, expect, it } from 'vitest';
import { excerptOf } from '../../../src/event/excerpt.js';

const cps = (s: string) => Array.from(s).length;

describe('excerptOf', () => {
  it('keeps a short string as is', () => {
    expect(excerptOf('hello', 1000)).toBe('hello');
  });

  it('cuts at exactly maxChars code points', () => {
    const s = 'a'.repeat(1500);
    expect(excerptOf(s, 1000)).toBe('a'.repeat(1000));
    expect(excerptOf('a'.repeat(1000), 1000)).toBe('a'.repeat(1000));
    expect(excerptOf('a'.repeat(999), 1000)).toBe('a'.repeat(999));
  });

  it('never splits a surrogate pair (emoji at the boundary)', () => {
    const s = 'a'.repeat(999) + '😀😀';
    const e = excerptOf(s, 1000);
    expect(cps(e)).toBe(1000);
    expect(e.endsWith('😀')).toBe(true);
    expect(e.isWellFormed()).toBe(true);
    expect(e.length).toBe(1001); // 999 units + one pair
  });

  it('counts emoji and CJK as one character each', () => {
    const s = '😀'.repeat(1200);
    expect(cps(excerptOf(s, 1000))).toBe(1000);
    const cjk = '漢字'.repeat(700);
    expect(excerptOf(cjk, 1000)).toBe(cjk.slice(0, 1000));
  });

  it('replaces lone surrogates so the excerpt is well-formed', () => {
    const e = excerptOf('ab\uD800cd', 1000);
    expect(e).toBe('ab\uFFFDcd');
  });

  it('joins chat messages text in order with newlines, ignoring non-text parts', () => {
    const e = excerptOf(
      [
        { role: 'system', content: 'You are helpful.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'image_url', image_url: { url: 'x' } }, { type: 'text', text: 'there' }] },
        { role: 'assistant', content: null },
        { role: 'user', content: 'bye' },
      ] as never,
      1000,
    );
    expect(e).toBe('You are helpful.\nHi\nthere\nbye');
  });

  it('applies the cut across messages, counting the joining newlines', () => {
    const e = excerptOf([{ role: 'user', content: 'a'.repeat(6) }, { role: 'user', content: 'b'.repeat(6) }] as never, 10);
    expect(e).toBe('aaaaaa\nbbb');
  });

  it('reads only what it needs of a huge prompt', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const t = process.hrtime.bigint();
    expect(excerptOf(huge, 1000).length).toBe(1000);
    expect(Number(process.hrtime.bigint() - t) / 1e6).toBeLessThan(200);
  });

  it('returns an empty string when there is no prompt', () => {
    expect(excerptOf(undefined, 1000)).toBe('');
    expect(excerptOf([], 1000)).toBe('');
  });
});
