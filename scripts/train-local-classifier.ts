/**
 * Builds taxonomy/local-classifier/model.json from the labeled training set in taxonomy/local-classifier/training/.
 * Deterministic: the same training files give the same model bytes.
 *
 *   npx tsx scripts/train-local-classifier.ts [--out <model.json>] [--check]
 *
 * --check rebuilds in memory and exits 1 if the bytes differ from the file (used to verify the committed model).
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_CATEGORIES } from '../src/classifiers/local/categories.js';
import { bundledDatasetDir, loadLabeledDataset } from '../src/classifiers/local/labeled-dataset.js';
import { bundledLexiconPath, loadLexiconFile } from '../src/classifiers/local/lexicon-file.js';
import { bundledModelPath } from '../src/classifiers/local/load-local-model.js';
import { serializeModel } from '../src/classifiers/local/serialize-model.js';
import { trainLocalModel } from '../src/classifiers/local/train-model.js';

/** Bump when the training set, features or hyper-parameters change. */
const MODEL_VERSION = '2026.12.2';
const MIN_EXAMPLES_PER_CATEGORY = 150;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1]! : bundledModelPath();
  const check = args.includes('--check');
  const root = fileURLToPath(new URL('..', import.meta.url));

  const dir = bundledDatasetDir('training');
  const dataset = await loadLabeledDataset(dir);
  const counts = new Map<string, number>();
  for (const e of dataset.examples) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
  const thin = LOCAL_CATEGORIES.filter((c) => (counts.get(c) ?? 0) < MIN_EXAMPLES_PER_CATEGORY);
  if (thin.length > 0) {
    throw new Error(
      `The training set has fewer than ${MIN_EXAMPLES_PER_CATEGORY} examples for: ${thin
        .map((c) => `${c} (${counts.get(c) ?? 0})`)
        .join(', ')}. Add templates or fillers in ${dir}.`,
    );
  }

  const lexiconPath = bundledLexiconPath();
  const lexicon = await loadLexiconFile(lexiconPath);
  const lexiconBytes = await readFile(lexiconPath);
  const sha256 = createHash('sha256').update(dataset.sha256).update(lexiconBytes).digest('hex');

  const started = performance.now();
  const report = trainLocalModel(dataset.examples, {
    version: MODEL_VERSION,
    source: `${relative(root, dir)} + ${relative(root, lexiconPath)}`,
    sha256,
    lexicon,
  });
  const bytes = serializeModel(report.model);
  const seconds = (performance.now() - started) / 1000;

  process.stdout.write(
    [
      `training examples: ${dataset.examples.length} from ${dataset.files.length} files (sha256 ${dataset.sha256.slice(0, 12)})`,
      `per category: ${LOCAL_CATEGORIES.map((c) => `${c}=${counts.get(c) ?? 0}`).join(' ')}`,
      `grouped ${report.model.training.folds}-fold cross-validation accuracy: ${report.crossValidationAccuracy.toFixed(4)}`,
      `temperature: ${report.model.temperature} (out-of-fold NLL ${report.nllBefore.toFixed(4)} -> ${report.nllAfter.toFixed(4)})`,
      `features kept: ${report.featureCount}, model size: ${(Buffer.byteLength(bytes) / 1024).toFixed(1)} KiB, trained in ${seconds.toFixed(1)} s`,
      '',
    ].join('\n'),
  );

  if (check) {
    const existing = await readFile(out, 'utf8').catch(() => '');
    if (existing !== bytes) {
      process.stderr.write(`${out} differs from a fresh build; run \`npm run train:classifier\` and commit the result.\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${out} is up to date.\n`);
    return;
  }
  await writeFile(out, bytes);
  process.stdout.write(`wrote ${out} (version ${MODEL_VERSION})\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
