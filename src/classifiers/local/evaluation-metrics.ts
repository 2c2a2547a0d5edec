/**
 * Agreement figures of a labeled evaluation: primary-category accuracy, Cohen's kappa, per-category precision and
 * recall, and the expected calibration error of the top label. Pure: the evaluation script feeds it one outcome per
 * example.
 */

export interface Outcome {
  /** The example's labeled category. */
  readonly truth: string;
  /** The primary category the classifier's answer maps to (`others` when no label is confident). */
  readonly predicted: string;
  /** Confidence of the top label, if the classifier answered any label. */
  readonly topConfidence?: number;
  /** Whether the top label's category is the labeled one (only read when topConfidence is set). */
  readonly topCorrect?: boolean;
}

export interface CategoryMetrics {
  readonly category: string;
  /** NaN when the category was never predicted. */
  readonly precision: number;
  /** NaN when the category has no example. */
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface EvaluationMetrics {
  readonly n: number;
  readonly accuracy: number;
  readonly kappa: number;
  readonly perCategory: CategoryMetrics[];
  /** Expected calibration error of the top label over 10 equal-width confidence bins. */
  readonly ece: number;
  /** Examples that got at least one label (the ECE's population). */
  readonly labelled: number;
  /** confusion[truth][predicted], indexed like `categories`. */
  readonly confusion: number[][];
}

/**
 * Computes the figures over `categories` (a predicted or true category outside the list counts as `fallback`,
 * which must be in the list).
 */
export function evaluationMetrics(outcomes: readonly Outcome[], categories: readonly string[], fallback = 'others'): EvaluationMetrics {
  const k = categories.length;
  const fallbackIndex = categories.indexOf(fallback);
  if (fallbackIndex < 0) throw new Error(`The fallback category "${fallback}" is not one of the evaluated categories.`);
  const indexOf = (c: string): number => {
    const i = categories.indexOf(c);
    return i >= 0 ? i : fallbackIndex;
  };
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const bins = Array.from({ length: 10 }, () => ({ n: 0, confidence: 0, correct: 0 }));
  let correct = 0;
  for (const o of outcomes) {
    const t = indexOf(o.truth);
    const p = indexOf(o.predicted);
    confusion[t]![p]!++;
    if (t === p) correct++;
    if (o.topConfidence !== undefined) {
      const bin = bins[Math.min(9, Math.max(0, Math.floor(o.topConfidence * 10)))]!;
      bin.n++;
      bin.confidence += o.topConfidence;
      if (o.topCorrect) bin.correct++;
    }
  }
  const n = outcomes.length;
  const accuracy = n === 0 ? NaN : correct / n;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    const row = confusion[i]!.reduce((a, b) => a + b, 0);
    const column = confusion.reduce((a, r) => a + r[i]!, 0);
    expected += (row / n) * (column / n);
  }
  const kappa = n === 0 ? NaN : expected === 1 ? (accuracy === 1 ? 1 : 0) : (accuracy - expected) / (1 - expected);
  const labelled = bins.reduce((a, b) => a + b.n, 0);
  const ece =
    labelled === 0 ? NaN : bins.reduce((a, b) => a + (b.n === 0 ? 0 : (b.n / labelled) * Math.abs(b.confidence / b.n - b.correct / b.n)), 0);
  const perCategory = categories.map((category, i) => {
    const tp = confusion[i]![i]!;
    const support = confusion[i]!.reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, r) => a + r[i]!, 0);
    const precision = predicted === 0 ? NaN : tp / predicted;
    const recall = support === 0 ? NaN : tp / support;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : NaN;
    return { category, precision, recall, f1, support };
  });
  return { n, accuracy, kappa, perCategory, ece, labelled, confusion };
}
