/**
 * Evaluates the bundled local classifier on the held-out evaluation set (taxonomy/local-classifier/evaluation/),
 * prints per-category precision/recall, primary-category accuracy, Cohen's kappa, calibration and throughput, and
 * writes them to BENCHMARKS.md between <!-- eval:classifier:start --> and <!-- eval:classifier:end -->.
 *
 *   npx tsx scripts/eval-local-classifier.ts [--model <model.json>] [--no-write] [--strict]
 *
 * --strict exits 1 when accuracy < 0.85, kappa < 0.8 or throughput < 5,000 excerpts/s.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Writable } from 'node:stream';
import type { ClassifierLabel } from '../src/classifiers/classifier.js';
import { LOCAL_CATEGORIES, categoryOfCanonicalPath, CANONICAL_PATHS, type LocalCategory } from '../src/classifiers/local/categories.js';
import { bundledDatasetDir, loadLabeledDataset } from '../src/classifiers/local/labeled-dataset.js';
import { createLocalClassifier, LANGUAGE_SAMPLE_CHARS } from '../src/classifiers/local/local-classifier.js';
import { bundledModelPath, loadLocalModel } from '../src/classifiers/local/load-local-model.js';
import { predict } from '../src/classifiers/local/predict.js';
import { detectLanguage } from '../src/classifiers/local/detect-language.js';
import { configSchema } from '../src/config/config-schema.js';
import { createLogger } from '../src/logging/create-logger.js';

const THRESHOLD = 0.5;
const TARGET_ACCURACY = 0.85;
const TARGET_KAPPA = 0.8;
const TARGET_RATE = 5000;
const START = '<!-- eval:classifier:start -->';
const END = '<!-- eval:classifier:end -->';

type ToCategory = (labels: ClassifierLabel[]) => string;

/** Uses the taxonomy engine when it exists; otherwise the canonical table of notes/canonical.md. */
async function categoryMapper(root: string): Promise<{ toCategory: ToCategory; via: string }> {
  const loadPath = `${root}src/taxonomy/load-mapping.ts`;
  const mapPath = `${root}src/taxonomy/labels-to-categories.ts`;
  const canonical: ToCategory = (labels) => {
    const top = labels[0];
    return top && top.confidence >= THRESHOLD ? (categoryOfCanonicalPath(top.name) ?? 'others') : 'others';
  };
  if (!existsSync(loadPath) || !existsSync(mapPath)) {
    return { toCategory: canonical, via: 'the canonical table of notes/canonical.md (the taxonomy engine is not in src/taxonomy/ yet)' };
  }
  try {
    const { loadMapping } = (await import(pathToFileURL(loadPath).href)) as { loadMapping: () => unknown };
    const { labelsToCategories } = (await import(pathToFileURL(mapPath).href)) as {
      labelsToCategories: (labels: ClassifierLabel[], min: number, mapping: unknown) => { category: string };
    };
    const mapping = await loadMapping();
    const toCategory: ToCategory = (labels) => labelsToCategories(labels, THRESHOLD, mapping).category;
    const wrong = LOCAL_CATEGORIES.filter((c) => c !== 'others' && toCategory([{ name: CANONICAL_PATHS[c], confidence: 1 }]) !== c);
    if (wrong.length > 0) {
      return { toCategory: canonical, via: `the canonical table (the taxonomy mapping sends the canonical paths of ${wrong.join(', ')} elsewhere)` };
    }
    return { toCategory, via: 'the taxonomy engine (taxonomy/mapping.yaml via loadMapping + labelsToCategories)' };
  } catch (err) {
    return { toCategory: canonical, via: `the canonical table (the taxonomy engine failed: ${(err as Error).message})` };
  }
}

function fmt(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const modelIndex = args.indexOf('--model');
  const modelPath = modelIndex >= 0 ? args[modelIndex + 1] : undefined;
  const root = fileURLToPath(new URL('../', import.meta.url));

  const silent = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
  const config = configSchema.parse({ classifier: { kind: 'local', local: modelPath ? { model: modelPath } : {} } }).classifier;
  const classifier = await createLocalClassifier(config, { logger: silent });
  const { toCategory, via } = await categoryMapper(root);

  const dataset = await loadLabeledDataset(bundledDatasetDir('evaluation'), 4);
  const cats = [...LOCAL_CATEGORIES] as string[];
  const k = cats.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, correct: 0 }));
  let correct = 0;
  for (const example of dataset.examples) {
    const { labels } = await classifier.classify(example.text);
    const predicted = toCategory(labels);
    const p = cats.indexOf(predicted);
    const t = cats.indexOf(example.category);
    confusion[t]![p >= 0 ? p : cats.indexOf('others')]!++;
    if (predicted === example.category) correct++;
    const top = labels[0];
    if (top) {
      const bin = bins[Math.min(9, Math.floor(top.confidence * 10))]!;
      bin.n++;
      bin.conf += top.confidence;
      if (categoryOfCanonicalPath(top.name) === example.category) bin.correct++;
    }
  }
  const n = dataset.examples.length;
  const accuracy = correct / n;
  let pe = 0;
  for (let i = 0; i < k; i++) {
    const rowSum = confusion[i]!.reduce((a, b) => a + b, 0);
    const colSum = confusion.reduce((a, row) => a + row[i]!, 0);
    pe += (rowSum / n) * (colSum / n);
  }
  const kappa = (accuracy - pe) / (1 - pe);
  const labelled = bins.reduce((a, b) => a + b.n, 0);
  const ece = bins.reduce((a, b) => a + (b.n === 0 ? 0 : (b.n / labelled) * Math.abs(b.conf / b.n - b.correct / b.n)), 0);

  const perCategory = cats.map((c, i) => {
    const tp = confusion[i]![i]!;
    const support = confusion[i]!.reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, row) => a + row[i]!, 0);
    const precision = predicted === 0 ? NaN : tp / predicted;
    const recall = support === 0 ? NaN : tp / support;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : NaN;
    return { category: c as LocalCategory, precision, recall, f1, support };
  });

  // Throughput: one 1,000-character excerpt per evaluation example (its text repeated, so each excerpt stays in one
  // language, as real prompts do), classified one after another on this thread.
  const excerpts = dataset.examples.map((e) => {
    let s = e.text;
    while (s.length < 1000) s += `\n${e.text}`;
    return s.slice(0, 1000);
  });
  // Best of 5 timed rounds (after one warm-up round). Both wall-clock and CPU time (process.cpuUsage, user +
  // system) are measured: on a shared machine other processes take wall-clock time from this one, CPU time is what
  // the classifier itself spends on its single thread.
  interface Rate {
    wall: number;
    cpu: number;
  }
  const time = async (f: (s: string) => unknown): Promise<Rate> => {
    for (const e of excerpts) await f(e);
    let bestWall = Infinity;
    let bestCpu = Infinity;
    for (let r = 0; r < 5; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (const e of excerpts) await f(e);
      bestWall = Math.min(bestWall, performance.now() - t0);
      const c = process.cpuUsage(c0);
      bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
    }
    return { wall: excerpts.length / (bestWall / 1000), cpu: excerpts.length / (bestCpu / 1000) };
  };
  const rate = await time((e) => classifier.classify(e));
  const model = await loadLocalModel(config.local.model ?? bundledModelPath());
  const labelRate = await time((e) => predict(model, e));
  const languageRate = await time((e) => detectLanguage(e));
  await classifier.close();

  const met = accuracy >= TARGET_ACCURACY && kappa >= TARGET_KAPPA && rate.wall >= TARGET_RATE;
  const metCpu = accuracy >= TARGET_ACCURACY && kappa >= TARGET_KAPPA && rate.cpu >= TARGET_RATE;
  const cpu = cpus();
  const lines = [
    `## Local classifier evaluation`,
    '',
    `- command: \`npm run eval:classifier\` (scripts/eval-local-classifier.ts)`,
    `- machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}, ${process.platform}/${process.arch}`,
    `- date: ${new Date().toISOString()}; load average at the end of the run: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `- model: ${classifier.version}; evaluation set: ${n} examples from taxonomy/local-classifier/evaluation/ (sha256 ${dataset.sha256.slice(0, 12)})`,
    `- primary category: category of the top label if its confidence >= ${THRESHOLD}, else others; paths mapped via ${via}`,
    '',
    `| metric | value | target |`,
    `|---|---|---|`,
    `| primary-category accuracy | ${fmt(accuracy, 4)} | >= ${TARGET_ACCURACY} |`,
    `| Cohen's kappa | ${fmt(kappa, 4)} | >= ${TARGET_KAPPA} |`,
    `| classify() throughput, wall clock (${excerpts.length} 1,000-char excerpts, one thread, labels + eld language, best of 5 rounds) | ${Math.round(rate.wall)} excerpts/s | >= ${TARGET_RATE} |`,
    `| classify() throughput per CPU-second of this process (same run) | ${Math.round(rate.cpu)} excerpts/s | >= ${TARGET_RATE} |`,
    `| labels alone (features + model, no language detection), wall clock / per CPU-second | ${Math.round(labelRate.wall)} / ${Math.round(labelRate.cpu)} excerpts/s | |`,
    `| eld language detection alone (first ${LANGUAGE_SAMPLE_CHARS} characters), wall clock / per CPU-second | ${Math.round(languageRate.wall)} / ${Math.round(languageRate.cpu)} excerpts/s | |`,
    `| expected calibration error of the top label (10 bins, ${labelled} labelled) | ${fmt(ece, 4)} | |`,
    '',
    `| category | precision | recall | F1 | support |`,
    `|---|---|---|---|---|`,
    ...perCategory.map((r) => `| ${r.category} | ${fmt(r.precision)} | ${fmt(r.recall)} | ${fmt(r.f1)} | ${r.support} |`),
    '',
    `Targets met: ${met ? 'yes' : 'no'} on wall clock; ${metCpu ? 'yes' : 'no'} per CPU-second.`,
  ];
  const section = lines.join('\n');
  process.stdout.write(`${section}\n`);

  if (!args.includes('--no-write')) {
    const file = `${root}BENCHMARKS.md`;
    const existing = existsSync(file) ? await readFile(file, 'utf8') : '# Benchmarks\n';
    const block = `${START}\n${section}\n${END}`;
    const s = existing.indexOf(START);
    const e = existing.indexOf(END);
    const next =
      s >= 0 && e > s ? `${existing.slice(0, s)}${block}${existing.slice(e + END.length)}` : `${existing.replace(/\n*$/, '\n\n')}${block}\n`;
    await writeFile(file, next);
    process.stdout.write(`\nwrote ${file}\n`);
  }
  if (args.includes('--strict') && !met) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
