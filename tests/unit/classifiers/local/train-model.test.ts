import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LOCAL_CATEGORIES } from '../../../../src/classifiers/local/categories.js';
import { bundledDatasetDir, loadLabeledDataset } from '../../../../src/classifiers/local/labeled-dataset.js';
import { bundledLexiconPath, loadLexiconFile } from '../../../../src/classifiers/local/lexicon-file.js';
import { bundledModelPath } from '../../../../src/classifiers/local/load-local-model.js';
import { buildLocalModel } from '../../../../src/classifiers/local/local-model.js';
import { predict } from '../../../../src/classifiers/local/predict.js';
import { serializeModel } from '../../../../src/classifiers/local/serialize-model.js';
import { trainLocalModel } from '../../../../src/classifiers/local/train-model.js';

describe('local model training', () => {
  it('builds the same bytes from the same data', async () => {
    const dataset = await loadLabeledDataset(bundledDatasetDir('training'));
    const lexicon = await loadLexiconFile();
    // Every 6th example keeps the test fast while covering all categories.
    const subset = dataset.examples.filter((_, i) => i % 6 === 0);
    const options = { version: 'test', source: 'test', sha256: 'test', lexicon, epochs: 3, folds: 2 };
    const a = serializeModel(trainLocalModel(subset, options).model);
    const b = serializeModel(trainLocalModel(subset, options).model);
    expect(a).toBe(b);
    const model = buildLocalModel(JSON.parse(a));
    expect(model.version).toBe('test');
    expect(predict(model, 'Translate into French: good morning, how are you today?').labels.length).toBeGreaterThan(0);
  });

  it('expands the example files deterministically', async () => {
    const a = await loadLabeledDataset(bundledDatasetDir('training'));
    const b = await loadLabeledDataset(bundledDatasetDir('training'));
    expect(b.examples).toEqual(a.examples);
    expect(b.sha256).toBe(a.sha256);
  });

  it('keeps the dev and held-out test sets apart from the training set', async () => {
    const training = new Set((await loadLabeledDataset(bundledDatasetDir('training'))).examples.map((e) => e.text.trim().toLowerCase()));
    const evaluation = (await loadLabeledDataset(bundledDatasetDir('evaluation'), 4)).examples;
    expect(evaluation.length).toBeGreaterThan(700);
    expect(evaluation.filter((e) => training.has(e.text.trim().toLowerCase()))).toEqual([]);
    const test = (await loadLabeledDataset(bundledDatasetDir('test'), 1)).examples;
    // Short content-free texts ("thanks", "ok") may occur in both; anything of 4+ words must not.
    const overlapping = test.filter((e) => e.text.trim().split(/\s+/).length >= 4 && training.has(e.text.trim().toLowerCase()));
    expect(overlapping).toEqual([]);
  });

  it('holds at least 40 held-out test examples per category, including empty and short texts for others', async () => {
    const test = (await loadLabeledDataset(bundledDatasetDir('test'), 1)).examples;
    const counts = new Map<string, number>();
    for (const e of test) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
    for (const category of LOCAL_CATEGORIES) expect(counts.get(category) ?? 0, category).toBeGreaterThanOrEqual(40);
    expect(test.some((e) => e.category === 'others' && e.text === '')).toBe(true);
  });

  it('ships a model built from the current training files and lexicon', async () => {
    const dataset = await loadLabeledDataset(bundledDatasetDir('training'));
    const lexiconBytes = await readFile(bundledLexiconPath());
    const expected = createHash('sha256').update(dataset.sha256).update(lexiconBytes).digest('hex');
    const model = JSON.parse(await readFile(bundledModelPath(), 'utf8')) as { training: { sha256: string } };
    expect(model.training.sha256, 'run `npm run train:classifier` after changing taxonomy/local-classifier/').toBe(expected);
  });
});
