import { beforeAll, describe, expect, it } from 'vitest';
import { extractFeatures } from '../../../../src/classifiers/local/extract-features.js';
import { NS_STEM, featureKey } from '../../../../src/classifiers/local/feature-key.js';
import { bundledDatasetDir, loadLabeledDataset } from '../../../../src/classifiers/local/labeled-dataset.js';
import { loadLocalModel } from '../../../../src/classifiers/local/load-local-model.js';
import type { LocalModel } from '../../../../src/classifiers/local/local-model.js';
import { scoreFeatures, scoreTextLogits } from '../../../../src/classifiers/local/predict.js';
import { Occurrences, occurrenceName, scanText } from '../../../../src/classifiers/local/scan-text.js';
import { WeightTable } from '../../../../src/classifiers/local/weight-table.js';

/** Texts of every shape: the labeled sets, code, CJK, emoji, very long words, digits, URLs. */
async function sampleTexts(): Promise<string[]> {
  const dev = (await loadLabeledDataset(bundledDatasetDir('evaluation'), 4)).examples.map((e) => e.text);
  const training = (await loadLabeledDataset(bundledDatasetDir('training'))).examples.filter((_, i) => i % 7 === 0).map((e) => e.text);
  return [
    ...dev,
    ...training,
    'x'.repeat(80) + ' supercalifragilisticexpialidocious antidisestablishmentarianism',
    'Prices: 12.50€, 3,000 units, version 2.4.1 — call 555-0100 😀👍🏽 done!!!',
    'mixed 中文 English 日本語テキスト русский текст ελληνικά 한국어 문장',
    'see https://example.org/a/b?c=1 and www.example.com/x for details',
    'İstanbul ŞEHİR straße ǅemal',
  ];
}

describe('integer feature keys', () => {
  it('the scanner computes for every lexical occurrence the key featureKey() computes from its name', async () => {
    const occ = new Occurrences(16);
    let checked = 0;
    for (const text of await sampleTexts()) {
      const lower = text.toLowerCase();
      scanText(lower, occ, { lengths: 0, bits: new Int32Array(32), mask: 1023 });
      for (let i = 0; i < occ.n; i++) {
        if (occ.kind[i] === NS_STEM) continue;
        const name = occurrenceName(occ, i, lower);
        expect(featureKey(name), name).toEqual([occ.a[i], occ.b[i]]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });
});

describe('fast scoring', () => {
  let model: LocalModel;
  beforeAll(async () => {
    model = await loadLocalModel();
  });

  it('gives the same class scores as the named features (what training and explanations see)', async () => {
    for (const text of await sampleTexts()) {
      const fast = scoreTextLogits(model, text);
      if (fast === undefined) continue; // the short-text rule applies
      const named = scoreFeatures(model, extractFeatures(text, model.lexicon).values);
      for (let c = 0; c < fast.length; c++) expect(fast[c]!, text).toBeCloseTo(named[c]!, 9);
    }
  });

  it('does not depend on the texts scored before', () => {
    const text = 'Write a limerick about a cat who runs a bakery.';
    const first = scoreTextLogits(model, text)!;
    scoreTextLogits(model, 'Completely different: SELECT * FROM orders; 翻訳してください');
    expect([...scoreTextLogits(model, text)!]).toEqual([...first]);
  });
});

describe('WeightTable', () => {
  it('adds (1 + ln count) × weights once per distinct feature and answers weights by key', () => {
    const table = new WeightTable(4, 3);
    expect(table.add(11, 22, [0.5, -1, 0])).toBe(true);
    expect(table.add(11, 22, [1, 1, 1])).toBe(false);
    expect(table.add(33, 44, [0, 0.25, 2])).toBe(true);
    const w = table.weightsOf(11, 22)!;
    [0.5, -1, 0].forEach((x, c) => expect(Math.abs(w[c]! - x)).toBeLessThanOrEqual(0.5 / 127 + 1e-9));
    expect(table.weightsOf(1, 2)).toBeUndefined();
    const occ = new Occurrences(2);
    for (const [a, b] of [[11, 22], [11, 22], [11, 22], [33, 44], [5, 6]]) occ.push(0, a!, b!, 0, 0);
    const sums = new Float64Array(3);
    table.accumulate(occ, sums, new Int32Array(16));
    const f = 1 + Math.log(3);
    const w2 = table.weightsOf(33, 44)!;
    expect(sums[0]!).toBeCloseTo(w[0]! * f, 9);
    expect(sums[1]!).toBeCloseTo(w[1]! * f + w2[1]!, 9);
    expect(sums[2]!).toBeCloseTo(w2[2]!, 9);
    // A second text starts from zero counts.
    const again = new Float64Array(3);
    table.accumulate(occ, again, new Int32Array(16));
    expect([...again]).toEqual([...sums]);
  });

  it('stores each weight within 0.4% of the feature\'s largest weight', () => {
    const table = new WeightTable(1, 5);
    const weights = [2.5, -0.013, 0.777, -1.9, 0];
    table.add(1, 1, weights);
    const stored = table.weightsOf(1, 1)!;
    weights.forEach((x, c) => expect(Math.abs(stored[c]! - x)).toBeLessThanOrEqual((2.5 / 127) * 0.5 + 1e-9));
    expect(() => table.add(2, 2, [Number.NaN, 0, 0, 0, 0])).toThrow(/finite/);
  });
});
