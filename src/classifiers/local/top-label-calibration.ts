/**
 * Calibration of the top label's confidence. The pipeline counts a label only at confidence >= 0.5, so the top
 * label's confidence must mean "the probability that this category is right". Temperature scaling (fitted on the
 * whole distribution) leaves the top label of an 18-class softmax under-confident in the middle range, so a Platt
 * map fitted on the training set's out-of-fold predictions turns the top probability p into
 * sigmoid(slope * logit(p) + intercept). The map is monotone (slope > 0): it never changes which label is on top.
 */

export interface TopLabelCalibration {
  readonly slope: number;
  readonly intercept: number;
}

export const IDENTITY_CALIBRATION: TopLabelCalibration = { slope: 1, intercept: 0 };

const EPSILON = 1e-6;

function logit(p: number): number {
  const q = Math.min(1 - EPSILON, Math.max(EPSILON, p));
  return Math.log(q / (1 - q));
}

/** The calibrated confidence of a top label with probability p. */
export function calibrateTop(calibration: TopLabelCalibration, p: number): number {
  return 1 / (1 + Math.exp(-(calibration.slope * logit(p) + calibration.intercept)));
}

/**
 * Fits the map on (probability, correct) pairs by minimising the log loss (Newton's method with a small L2 pull
 * towards the identity map, so a tiny or one-sided sample cannot produce an extreme map). Deterministic.
 */
export function fitTopLabelCalibration(samples: readonly { p: number; correct: boolean }[]): TopLabelCalibration {
  if (samples.length === 0) return IDENTITY_CALIBRATION;
  const xs = samples.map((s) => logit(s.p));
  const ys = samples.map((s) => (s.correct ? 1 : 0));
  const ridge = 1e-3 * samples.length;
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = ridge * (a - 1);
    let gb = ridge * b;
    let haa = ridge;
    let hab = 0;
    let hbb = ridge;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const q = 1 / (1 + Math.exp(-(a * x + b)));
      const r = q - ys[i]!;
      const w = Math.max(q * (1 - q), 1e-12);
      ga += r * x;
      gb += r;
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  if (!(a > 0) || !Number.isFinite(a) || !Number.isFinite(b)) return IDENTITY_CALIBRATION;
  return { slope: Math.round(a * 10_000) / 10_000, intercept: Math.round(b * 10_000) / 10_000 };
}
