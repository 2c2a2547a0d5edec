import type { ClassifierLabel } from '../classifier.js';
import type { LocalCategory } from './categories.js';
import { extractFeatures, featureText, lexiconValue } from './extract-features.js';
import { weightsOf, type LocalModel } from './local-model.js';
import { scanText } from './scan-text.js';
import { structuralFeatures } from './structural-features.js';
import { calibrateTop } from './top-label-calibration.js';

export interface LocalPrediction {
  /** Labels as the classifier returns them: canonical paths, calibrated confidence desc, at most maxLabels. */
  readonly labels: ClassifierLabel[];
  /**
   * Temperature-scaled probability per class (same order as model.classes); empty when the text was too short. The
   * top label's confidence is this probability through the model's top-label calibration.
   */
  readonly probabilities: Float64Array;
  /** True when the short-text rule answered "nothing confident" without scoring. */
  readonly tooShort: boolean;
  /** Words as the short-text rule counts them (words inside URLs do not count). */
  readonly wordCount: number;
  /** True when the text looks like source code, markup or a shell/SQL line. */
  readonly codeSignal: boolean;
}

/** Raw (uncalibrated) class scores of a named feature vector: bias + Σ value × weight. */
export function scoreFeatures(model: LocalModel, values: Map<string, number>): Float64Array {
  const k = model.classes.length;
  const logits = Float64Array.from(model.bias);
  for (const [name, value] of values) {
    const w = weightsOf(model, name);
    if (!w) continue;
    for (let c = 0; c < k; c++) logits[c]! += value * w[c]!;
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
 * Scans the text and scores it on integer keys, without building feature names: equal to
 * scoreFeatures(model, extractFeatures(text, model.lexicon).values). Returns undefined logits when the short-text
 * rule applies.
 */
function scoreText(model: LocalModel, input: string): { logits: Float64Array | undefined; wordCount: number; codeSignal: boolean } {
  const text = featureText(input);
  const lower = text.toLowerCase();
  const s = model.scratch;
  const occ = s.occurrences;
  scanText(lower, occ, model.lexicon.stems);
  const hits = model.lexicon.match(occ, lower);
  const codeSignal = structuralFeatures(text, lower, occ, hits, model.lexicon.featureNames.length, s.structural);
  const wordCount = occ.wordCount;
  if (isTooShort(model, { wordCount, codeSignal })) return { logits: undefined, wordCount, codeSignal };

  const k = model.classes.length;
  const sums = s.sums.fill(0);
  model.lexical.accumulate(occ, sums, s.touched());
  const inverse = occ.lexical > 0 ? 1 / Math.sqrt(occ.lexical) : 0;
  const logits = Float64Array.from(model.bias);
  for (let c = 0; c < k; c++) logits[c]! += sums[c]! * inverse;

  const named = model.namedWeights;
  const structural = s.structural;
  for (let i = 0; i < structural.length; i++) {
    const v = structural[i]!;
    if (v === 0) continue;
    for (let c = 0; c < k; c++) logits[c]! += v * named[i * k + c]!;
  }
  for (let slot = 0; slot < model.lexicon.featureNames.length; slot++) {
    if (hits[slot]! === 0) continue;
    const v = lexiconValue(hits[slot]!);
    const offset = (structural.length + slot) * k;
    for (let c = 0; c < k; c++) logits[c]! += v * named[offset + c]!;
  }
  return { logits, wordCount, codeSignal };
}

/** Classifies one excerpt: features → probabilities → canonical paths (never `others`), top label calibrated. */
export function predict(model: LocalModel, text: string): LocalPrediction {
  const { logits, wordCount, codeSignal } = scoreText(model, text);
  if (logits === undefined) return { labels: [], probabilities: new Float64Array(0), tooShort: true, wordCount, codeSignal };
  const probabilities = softmax(logits, model.temperature);
  const ranked: { index: number; p: number }[] = [];
  probabilities.forEach((p, index) => {
    if (model.paths[index] !== undefined && p >= model.labelFloor) ranked.push({ index, p });
  });
  ranked.sort((a, b) => b.p - a.p || a.index - b.index);
  // The top label's confidence is calibrated as "the probability that it is right"; the others keep their softmax
  // probability (never above the top label's, and below 0.5, so only the top label can count at the threshold).
  const labels: ClassifierLabel[] = [];
  let top = 1;
  for (const { index, p } of ranked.slice(0, model.maxLabels)) {
    const confidence = labels.length === 0 ? calibrateTop(model.topLabelCalibration, p) : Math.min(p, top);
    if (confidence < model.labelFloor) break;
    if (labels.length === 0) top = confidence;
    labels.push({ name: model.paths[index]!, confidence: Math.round(confidence * 10_000) / 10_000 });
  }
  return { labels, probabilities, tooShort: false, wordCount, codeSignal };
}

/** Raw class scores of a text through the fast path (for tests that compare it with scoreFeatures). */
export function scoreTextLogits(model: LocalModel, text: string): Float64Array | undefined {
  return scoreText(model, text).logits;
}

export interface FeatureContribution {
  readonly feature: string;
  /** value × weight for the class, before calibration. */
  readonly contribution: number;
}

/** The features that pushed a text towards (positive) or away from (negative) one category the most. */
export function explainPrediction(model: LocalModel, text: string, category: LocalCategory, topK = 10): FeatureContribution[] {
  const cls = model.classes.indexOf(category);
  if (cls < 0) return [];
  const k = model.classes.length;
  const out: FeatureContribution[] = [];
  for (const [feature, value] of extractFeatures(text, model.lexicon).values) {
    const w = weightsOf(model, feature);
    if (!w) continue;
    const contribution = value * w[cls]!;
    if (contribution !== 0) out.push({ feature, contribution });
  }
  out.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.feature < b.feature ? -1 : 1));
  return out.slice(0, topK);
}
