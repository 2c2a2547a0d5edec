import { roundUsd } from './token-shapes.js';
import { CATEGORY_IDS, type CategoryId } from './study-shares.js';

export interface UsageTotals {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  cachedTokens: number;
  costUsd: number;
}

/** What the generator knows to be true about an archive, for checking reports against it. */
export interface GroundTruth {
  events: number;
  /** True primary category of every event, counted per category id (all ids present, zeros included). */
  categories: Record<string, number>;
  byModel: Record<string, UsageTotals>;
  totals: UsageTotals;
}

export interface TalliedUsage {
  promptTokens: number;
  completionTokens: number;
  reasoningTokens?: number;
  cachedTokens?: number;
}

const emptyTotals = (): UsageTotals => ({ requests: 0, promptTokens: 0, completionTokens: 0, reasoningTokens: 0, cachedTokens: 0, costUsd: 0 });

function addTo(t: UsageTotals, usage: TalliedUsage, costUsd: number): void {
  t.requests += 1;
  t.promptTokens += usage.promptTokens;
  t.completionTokens += usage.completionTokens;
  t.reasoningTokens += usage.reasoningTokens ?? 0;
  t.cachedTokens += usage.cachedTokens ?? 0;
  t.costUsd += costUsd;
}

/** Running tally of the ground truth, one event at a time (constant memory per model and category). */
export class GroundTruthTally {
  private events = 0;
  private readonly categories = new Map<CategoryId, number>(CATEGORY_IDS.map((c) => [c, 0]));
  private readonly byModel = new Map<string, UsageTotals>();
  private readonly totals = emptyTotals();

  add(category: CategoryId, model: string, usage: TalliedUsage, costUsd: number): void {
    this.events += 1;
    this.categories.set(category, this.categories.get(category)! + 1);
    let m = this.byModel.get(model);
    if (!m) {
      m = emptyTotals();
      this.byModel.set(model, m);
    }
    addTo(m, usage, costUsd);
    addTo(this.totals, usage, costUsd);
  }

  result(): GroundTruth {
    const rounded = (t: UsageTotals): UsageTotals => ({ ...t, costUsd: roundUsd(t.costUsd) });
    const byModel: Record<string, UsageTotals> = {};
    for (const id of [...this.byModel.keys()].sort()) byModel[id] = rounded(this.byModel.get(id)!);
    return { events: this.events, categories: Object.fromEntries(this.categories), byModel, totals: rounded(this.totals) };
  }
}
