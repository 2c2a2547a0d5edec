import { LOCAL_CATEGORIES, canonicalPathOf, type LocalCategory } from './categories.js';
import { extractFeatures } from './extract-features.js';
import { compileLexicon } from './lexicon.js';
import { hashString, seededRandom, type LabeledExample } from './labeled-dataset.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelFile } from './local-model.js';
import { softmax } from './predict.js';
import { fitTopLabelCalibration, type TopLabelCalibration } from './top-label-calibration.js';

/**
 * Trains the local model: multinomial logistic regression over the features of extract-features.ts, fitted by
 * AdaGrad SGD with L2 (seeded shuffles, so deterministic), then temperature-calibrated on out-of-fold scores of
 * grouped folds (every example of one template lands in the same fold, so the held-out slice measures unseen
 * wording), then pruned and rounded.
 */

export interface TrainOptions {
  readonly version: string;
  readonly source: string;
  readonly sha256: string;
  /** Hand-written lexicon per category; stored in the model and used for the `l:<category>` features. */
  readonly lexicon: Readonly<Record<string, readonly string[]>>;
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly l2?: number;
  readonly folds?: number;
  readonly minDocumentFrequency?: number;
  /** A bigram becomes a feature only if at least this many training texts have it (default 2). */
  readonly minBigramDocumentFrequency?: number;
  /** Weights whose absolute value is below this are dropped from the file. */
  readonly pruneBelow?: number;
  readonly seed?: number;
  readonly minWords?: number;
  readonly labelFloor?: number;
  readonly maxLabels?: number;
}

export interface TrainReport {
  readonly model: ModelFile;
  /** Accuracy of the out-of-fold predictions (grouped cross-validation on the training set). */
  readonly crossValidationAccuracy: number;
  /** Mean negative log-likelihood of the out-of-fold predictions before and after calibration. */
  readonly nllBefore: number;
  readonly nllAfter: number;
  readonly featureCount: number;
}

interface Encoded {
  readonly idx: Int32Array;
  readonly val: Float64Array;
  readonly y: number;
}

interface Weights {
  readonly w: Float64Array;
  readonly b: Float64Array;
}

const CLASSES: readonly LocalCategory[] = LOCAL_CATEGORIES;

function logits(x: Encoded, m: Weights, k: number): Float64Array {
  const z = Float64Array.from(m.b);
  for (let j = 0; j < x.idx.length; j++) {
    const off = x.idx[j]! * k;
    const v = x.val[j]!;
    for (let c = 0; c < k; c++) z[c]! += v * m.w[off + c]!;
  }
  return z;
}

function fit(data: Encoded[], nFeatures: number, k: number, epochs: number, lr: number, l2: number, seed: number): Weights {
  const w = new Float64Array(nFeatures * k);
  const b = new Float64Array(k);
  const gw = new Float64Array(nFeatures * k).fill(1e-8);
  const gb = new Float64Array(k).fill(1e-8);
  const order = data.map((_, i) => i);
  const rand = seededRandom(seed);
  const m = { w, b };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const x = data[i]!;
      const p = softmax(logits(x, m, k));
      p[x.y]! -= 1;
      for (let c = 0; c < k; c++) {
        const g = p[c]!;
        gb[c]! += g * g;
        b[c]! -= (lr * g) / Math.sqrt(gb[c]!);
      }
      for (let j = 0; j < x.idx.length; j++) {
        const off = x.idx[j]! * k;
        const v = x.val[j]!;
        for (let c = 0; c < k; c++) {
          const g = p[c]! * v + l2 * w[off + c]!;
          gw[off + c]! += g * g;
          w[off + c]! -= (lr * g) / Math.sqrt(gw[off + c]!);
        }
      }
    }
  }
  return m;
}

function meanNll(outOfFold: { z: Float64Array; y: number }[], t: number): number {
  let sum = 0;
  for (const { z, y } of outOfFold) sum -= Math.log(Math.max(softmax(z, t)[y]!, 1e-12));
  return sum / Math.max(outOfFold.length, 1);
}

/** Temperature minimising the NLL: a coarse log-grid, then golden-section refinement. */
function fitTemperature(outOfFold: { z: Float64Array; y: number }[]): number {
  let best = 1;
  let bestNll = Infinity;
  for (let e = -2; e <= 2.0001; e += 0.1) {
    const t = Math.exp(e);
    const nll = meanNll(outOfFold, t);
    if (nll < bestNll) [best, bestNll] = [t, nll];
  }
  let lo = Math.log(best) - 0.1;
  let hi = Math.log(best) + 0.1;
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 40; i++) {
    const a = hi - phi * (hi - lo);
    const c = lo + phi * (hi - lo);
    if (meanNll(outOfFold, Math.exp(a)) < meanNll(outOfFold, Math.exp(c))) hi = c;
    else lo = a;
  }
  return Math.round(Math.exp((lo + hi) / 2) * 10_000) / 10_000;
}

/** Platt map of the top non-others label's probability, fitted on the out-of-fold predictions. */
function fitTopLabel(outOfFold: { z: Float64Array; y: number }[], temperature: number, others: number): TopLabelCalibration {
  const samples = outOfFold.map(({ z, y }) => {
    const p = softmax(z, temperature);
    let top = -1;
    for (let c = 0; c < p.length; c++) if (c !== others && (top < 0 || p[c]! > p[top]!)) top = c;
    return { p: p[top]!, correct: top === y };
  });
  return fitTopLabelCalibration(samples);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

export function trainLocalModel(examples: readonly LabeledExample[], options: TrainOptions): TrainReport {
  const epochs = options.epochs ?? 20;
  const lr = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-3;
  const folds = options.folds ?? 5;
  const minDf = options.minDocumentFrequency ?? 1;
  const minBigramDf = options.minBigramDocumentFrequency ?? 2;
  const pruneBelow = options.pruneBelow ?? 0.01;
  const seed = options.seed ?? 20261122;
  const k = CLASSES.length;
  if (examples.length === 0) throw new Error('The training set is empty.');

  const lexicon = compileLexicon(options.lexicon);
  const featureMaps = examples.map((e) => extractFeatures(e.text, lexicon).values);
  const df = new Map<string, number>();
  for (const values of featureMaps) for (const name of values.keys()) df.set(name, (df.get(name) ?? 0) + 1);
  const names = [...df.entries()]
    .filter(([name, n]) => name.startsWith('s:') || n >= (name.startsWith('b:') ? Math.max(minDf, minBigramDf) : minDf))
    .map(([name]) => name)
    .sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const encoded: Encoded[] = examples.map((e, i) => {
    const entries = [...featureMaps[i]!.entries()].filter(([n]) => index.has(n));
    return {
      idx: Int32Array.from(entries.map(([n]) => index.get(n)!)),
      val: Float64Array.from(entries.map(([, v]) => v)),
      y: CLASSES.indexOf(e.category),
    };
  });

  // Grouped cross-fitting: out-of-fold logits for every training example.
  const foldOf = examples.map((e) => hashString(e.group) % folds);
  const outOfFold: { z: Float64Array; y: number }[] = [];
  let correct = 0;
  for (let f = 0; f < folds; f++) {
    const train = encoded.filter((_, i) => foldOf[i] !== f);
    const m = fit(train, names.length, k, epochs, lr, l2, seed + f);
    encoded.forEach((x, i) => {
      if (foldOf[i] !== f) return;
      const z = logits(x, m, k);
      outOfFold.push({ z, y: x.y });
      let arg = 0;
      for (let c = 1; c < k; c++) if (z[c]! > z[arg]!) arg = c;
      if (arg === x.y) correct++;
    });
  }
  const temperature = fitTemperature(outOfFold);
  const topLabelCalibration = fitTopLabel(outOfFold, temperature, CLASSES.indexOf('others'));

  const final = fit(encoded, names.length, k, epochs, lr, l2, seed);
  const features: Record<string, number[]> = {};
  names.forEach((name, i) => {
    const flat: number[] = [];
    for (let c = 0; c < k; c++) {
      const v = round(final.w[i * k + c]!, 3);
      if (Math.abs(v) >= pruneBelow) flat.push(c, v);
    }
    if (flat.length > 0) features[name] = flat;
  });
  const paths: Record<string, string> = {};
  for (const c of CLASSES) {
    const p = canonicalPathOf(c);
    if (p) paths[c] = p;
  }

  const model: ModelFile = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    version: options.version,
    description:
      'prompt-census offline classifier: multinomial logistic regression over word unigrams/bigrams, 5-letter prefixes, ' +
      'CJK character uni/bigrams, symbol runs, named structural features and lexicon hits; softmax temperature fitted on grouped ' +
      'out-of-fold scores of the training set. Feature prefixes: w word, b bigram, p prefix, c/d CJK char/bigram, ' +
      'y symbol run, s structural, l lexicon hits. Weights: [classIndex, weight, ...].',
    training: {
      source: options.source,
      examples: examples.length,
      sha256: options.sha256,
      folds,
      epochs,
      l2,
      minDocumentFrequency: minDf,
      minBigramDocumentFrequency: minBigramDf,
    },
    classes: [...CLASSES],
    paths,
    temperature,
    topLabelCalibration,
    decision: {
      minWords: options.minWords ?? 3,
      labelFloor: options.labelFloor ?? 0.1,
      maxLabels: options.maxLabels ?? 3,
    },
    lexicon: Object.fromEntries(Object.keys(options.lexicon).sort().map((c) => [c, [...options.lexicon[c]!]])),
    bias: [...final.b].map((v) => round(v, 4)),
    features,
  };
  return {
    model,
    crossValidationAccuracy: correct / examples.length,
    nllBefore: meanNll(outOfFold, 1),
    nllAfter: meanNll(outOfFold, temperature),
    featureCount: Object.keys(features).length,
  };
}
