import type { ClassifierLabel } from '../classifier.js';
import type { LocalCategory } from './categories.js';
import { extractFeatures, extractRawFeatures } from './extract-features.js';
import type { LocalModel } from './local-model.js';

export interface LocalPrediction {
  /** Labels as the classifier returns them: canonical paths, calibrated confidence desc, at most maxLabels. */
  readonly labels: ClassifierLabel[];
  /** Calibrated probability per class (same order as model.classes); empty when the text was too short. */
  readonly probabilities: Float64Array;
  /** True when the short-text rule answered "nothing confident" without scoring. */
  readonly tooShort: boolean;
}

/** Raw (uncalibrated) class scores: bias + Σ value × weight. */
export function scoreFeatures(model: LocalModel, values: Map<string, number>): Float64Array {
  const k = model.classes.length;
  const logits = Float64Array.from(model.bias);
  const w = model.weights;
  for (const [name, value] of values) {
    const offset = model.rows.get(name);
    if (offset === undefined) continue;
    for (let c = 0; c < k; c++) logits[c]! += value * w[offset + c]!;
  }
  return logits;
}

/** Softmax of logits / temperature, numerically stable. */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  const n = logits.length;
  const out = new Float64Array(n);
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[i]! / temperature);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(logits[i]! / temperature - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) out[i]! /= sum;
  return out;
}

/** True when the short-text rule applies: fewer than model.minWords words and nothing that looks like code. */
export function isTooShort(model: LocalModel, features: { wordCount: number; codeSignal: boolean }): boolean {
  return features.wordCount < model.minWords && !features.codeSignal;
}

/**
 * Raw class scores straight from the counts: bias + inverseNorm × Σ (1 + ln count) × weight + Σ extra × weight.
 * Equal to scoreFeatures(model, extractFeatures(text).values), without building the value map.
 */
function scoreRaw(model: LocalModel, counts: Map<string, number>, inverseNorm: number, extra: Map<string, number>): Float64Array {
  const k = model.classes.length;
  const lexical = new Float64Array(k);
  const w = model.weights;
  for (const [name, count] of counts) {
    const offset = model.rows.get(name);
    if (offset === undefined) continue;
    const v = count === 1 ? 1 : 1 + Math.log(count);
    for (let c = 0; c < k; c++) lexical[c]! += v * w[offset + c]!;
  }
  const logits = Float64Array.from(model.bias);
  for (let c = 0; c < k; c++) logits[c]! += lexical[c]! * inverseNorm;
  for (const [name, value] of extra) {
    const offset = model.rows.get(name);
    if (offset === undefined) continue;
    for (let c = 0; c < k; c++) logits[c]! += value * w[offset + c]!;
  }
  return logits;
}

/** Classifies one excerpt: features → calibrated probabilities → canonical paths (never `others`). */
export function predict(model: LocalModel, text: string): LocalPrediction {
  const raw = extractRawFeatures(text, model.lexicon);
  if (isTooShort(model, raw)) return { labels: [], probabilities: new Float64Array(0), tooShort: true };
  const probabilities = softmax(scoreRaw(model, raw.counts, raw.inverseNorm, raw.extra), model.temperature);
  const ranked: { index: number; p: number }[] = [];
  probabilities.forEach((p, index) => {
    if (model.paths[index] !== undefined && p >= model.labelFloor) ranked.push({ index, p });
  });
  ranked.sort((a, b) => b.p - a.p || a.index - b.index);
  const labels = ranked.slice(0, model.maxLabels).map(({ index, p }) => ({
    name: model.paths[index]!,
    confidence: Math.round(p * 10_000) / 10_000,
  }));
  return { labels, probabilities, tooShort: false };
}

export interface FeatureContribution {
  readonly feature: string;
  /** value × weight for the class, before calibration. */
  readonly contribution: number;
}

/** The features that pushed a text towards (positive) or away from (negative) one category the most. */
export function explainPrediction(
  model: LocalModel,
  text: string,
  category: LocalCategory,
  topK = 10,
): FeatureContribution[] {
  const cls = model.classes.indexOf(category);
  if (cls < 0) return [];
  const k = model.classes.length;
  const out: FeatureContribution[] = [];
  for (const [feature, value] of extractFeatures(text, model.lexicon).values) {
    const offset = model.rows.get(feature);
    if (offset === undefined) continue;
    const contribution = value * model.weights[offset + cls]!;
    if (contribution !== 0) out.push({ feature, contribution });
  }
  out.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.feature < b.feature ? -1 : 1));
  return out.slice(0, topK);
}
