import { MODEL_CATALOG, type CatalogModel } from './model-catalog.js';
import {
  CATEGORY_IDS, SOURCE_TOKEN_SHARE, alongTrend, categorySharesAt, type CategoryId, type ModelSource,
} from './study-shares.js';
import {
  CATEGORY_COMPLETION_FACTOR, CATEGORY_PROMPT_FACTOR, COMPLETION_TOKENS_MEAN, OPTIONAL_REASONING_SHARE,
  PROMPT_TOKENS_MEAN, REASONING_TOKENS_MEAN,
} from './token-shapes.js';

export const WEEK_MS = 7 * 86_400_000;

/** What one week of synthetic traffic looks like: which models, how often, and about what. */
export interface WeekPlan {
  week: number;
  startMs: number;
  /** Models released by the week's first day. */
  models: readonly CatalogModel[];
  /** Request share of each model (same order as `models`); sums to 1. */
  modelShare: readonly number[];
  /** Category request shares given each model, in CATEGORY_IDS order; each row sums to 1. */
  categoryGivenModel: readonly (readonly number[])[];
  /** Target category request shares of the week (the marginal the joint table is fitted to). */
  categoryShare: Readonly<Record<CategoryId, number>>;
}

const FIT_ROUNDS = 500;
const FIT_TOLERANCE = 1e-12;
const TOKEN_ROUNDS = 8;

/**
 * Fit a model × category table whose row sums are the model request shares and whose column sums are
 * the study's category shares, starting from each model's category affinities (iterative proportional
 * fitting). Both published marginals then hold exactly while the per-model mixes keep their shape.
 */
function fitJoint(rowTargets: readonly number[], colTargets: readonly number[], seed: number[][]): number[][] {
  const t = seed.map((row) => row.slice());
  for (let round = 0; round < FIT_ROUNDS; round++) {
    for (let i = 0; i < t.length; i++) {
      const row = t[i]!;
      const sum = row.reduce((a, b) => a + b, 0);
      for (let j = 0; j < row.length; j++) row[j] = (row[j]! * rowTargets[i]!) / sum;
    }
    for (let j = 0; j < colTargets.length; j++) {
      let sum = 0;
      for (const row of t) sum += row[j]!;
      for (const row of t) row[j] = (row[j]! * colTargets[j]!) / sum;
    }
    // Columns are now exact; stop once the rows are too.
    const rowError = Math.max(...t.map((row, i) => Math.abs(row.reduce((a, b) => a + b, 0) - rowTargets[i]!)));
    if (rowError < FIT_TOLERANCE) break;
  }
  return t;
}

/** Expected prompt + completion + reasoning tokens of one request of `model` in `category`. */
function expectedTokens(model: CatalogModel, category: CategoryId, ms: number): number {
  const reasoningShare = model.reasoning === 'always' ? 1 : model.reasoning === 'optional' ? OPTIONAL_REASONING_SHARE : 0;
  return (
    alongTrend(ms, PROMPT_TOKENS_MEAN.early, PROMPT_TOKENS_MEAN.late) * CATEGORY_PROMPT_FACTOR[category] +
    alongTrend(ms, COMPLETION_TOKENS_MEAN.early, COMPLETION_TOKENS_MEAN.late) * CATEGORY_COMPLETION_FACTOR[category] +
    reasoningShare * REASONING_TOKENS_MEAN
  );
}

/**
 * Plan one week. Model shares in the study are token shares, so request shares are found by a short
 * fixed point: requests ∝ token share / expected tokens per request, where the expectation depends on
 * the model's fitted category mix.
 */
export function planWeek(week: number, startMs: number, catalog: readonly CatalogModel[] = MODEL_CATALOG): WeekPlan {
  const models = catalog.filter((m) => m.releasedOn === undefined || Date.parse(m.releasedOn) <= startMs);
  const midMs = startMs + WEEK_MS / 2;
  const categoryShare = categorySharesAt(midMs);
  const colTargets = CATEGORY_IDS.map((c) => categoryShare[c]);

  const weightBySource = new Map<ModelSource, number>();
  for (const m of models) weightBySource.set(m.source, (weightBySource.get(m.source) ?? 0) + m.tokenWeight);
  let sourceTotal = 0;
  for (const s of weightBySource.keys()) sourceTotal += SOURCE_TOKEN_SHARE[s];
  const tokenShare = models.map((m) => (SOURCE_TOKEN_SHARE[m.source] / sourceTotal) * (m.tokenWeight / weightBySource.get(m.source)!));

  const seed = models.map((m) => CATEGORY_IDS.map((c) => m.affinity[c] ?? 1));
  let requestShare = tokenShare.slice();
  let joint = fitJoint(requestShare, colTargets, seed);
  for (let round = 0; round < TOKEN_ROUNDS; round++) {
    const perRequest = models.map((m, i) =>
      CATEGORY_IDS.reduce((acc, c, j) => acc + (joint[i]![j]! / requestShare[i]!) * expectedTokens(m, c, midMs), 0),
    );
    const raw = tokenShare.map((s, i) => s / perRequest[i]!);
    const total = raw.reduce((a, b) => a + b, 0);
    requestShare = raw.map((r) => r / total);
    joint = fitJoint(requestShare, colTargets, seed);
  }
  const categoryGivenModel = joint.map((row) => {
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((v) => v / sum);
  });
  return { week, startMs, models, modelShare: requestShare, categoryGivenModel, categoryShare };
}

/** Plans for `weeks` consecutive weeks starting at `startMs`. */
export function buildTrafficPlan(startMs: number, weeks: number): WeekPlan[] {
  return Array.from({ length: weeks }, (_, w) => planWeek(w, startMs + w * WEEK_MS));
}
