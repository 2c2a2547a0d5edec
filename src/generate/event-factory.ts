import type { CatalogModel } from './model-catalog.js';
import { PromptWriter, type SyntheticPrompt } from './prompt-text/prompt-writer.js';
import { scrambleIndex } from './scramble-index.js';
import type { SeededRandom } from './seeded-random.js';
import { CATEGORY_IDS, type CategoryId } from './study-shares.js';
import { drawRequestShape, type RequestShape } from './token-shapes.js';
import type { WeekPlan } from './traffic-plan.js';
import type { UserPool } from './user-pool.js';
import { WeightedPicker } from './weighted-picker.js';

/** One synthetic generation event, format v1, with its fields in the order they are written. */
export interface SyntheticEvent {
  id: string;
  createdAt: string;
  model: string;
  provider: string;
  usage: { promptTokens: number; completionTokens: number; reasoningTokens?: number; cachedTokens?: number };
  costUsd: number;
  latencyMs: number;
  finishReason?: RequestShape['finishReason'];
  toolsProvided: boolean;
  streamed: boolean;
  cancelled: boolean;
  userId: string;
  billingCountry: string;
  consent?: 'granted' | 'denied';
  prompt: SyntheticPrompt;
}

export interface FactoryOptions {
  seed: number;
  eventKey: number;
  consentDeniedShare: number;
  consentGrantedShare: number;
}

/** Rough characters per token of English text, for a lower bound on prompt tokens. */
const CHARS_PER_TOKEN = 4;

/** Samplers of one week, built once per week rather than per event. */
interface WeekSamplers {
  models: WeightedPicker<CatalogModel>;
  categoryByModel: WeightedPicker<CategoryId>[];
}

/** Builds events one at a time: model, category, user, prompt text, usage, cost, outcome. */
export class EventFactory {
  private readonly writer = new PromptWriter();
  private readonly weeks: WeekSamplers[];

  constructor(
    private readonly random: SeededRandom,
    plans: readonly WeekPlan[],
    private readonly users: UserPool,
    private readonly options: FactoryOptions,
  ) {
    this.weeks = plans.map((p) => ({
      models: new WeightedPicker(p.models, p.modelShare),
      categoryByModel: p.categoryGivenModel.map((row) => new WeightedPicker(CATEGORY_IDS, row)),
    }));
  }

  /** The `n`-th event of the archive (0-based), in `week`, at `ms`. */
  create(n: number, week: number, ms: number): { event: SyntheticEvent; category: CategoryId } {
    const random = this.random;
    const samplers = this.weeks[week]!;
    const modelIndex = samplers.models.pickIndex(random);
    const model = samplers.models.items[modelIndex]!;
    const category = samplers.categoryByModel[modelIndex]!.pick(random);
    const user = this.users.pick(random, week, model.id);
    const provider = random.pick(model.providers);
    const written = this.writer.write(random, category);
    const shape = drawRequestShape(random, model, category, ms, Math.ceil(written.chars / CHARS_PER_TOKEN));
    const c = random.next();
    const consent =
      c < this.options.consentDeniedShare ? 'denied' : c < this.options.consentDeniedShare + this.options.consentGrantedShare ? 'granted' : undefined;

    const event: SyntheticEvent = {
      id: `gen-${this.options.seed}-${scrambleIndex(n, this.options.eventKey)}`,
      createdAt: new Date(ms).toISOString(),
      model: model.id,
      provider,
      usage: {
        promptTokens: shape.promptTokens,
        completionTokens: shape.completionTokens,
        reasoningTokens: shape.reasoningTokens,
        cachedTokens: shape.cachedTokens,
      },
      costUsd: shape.costUsd,
      latencyMs: shape.latencyMs,
      finishReason: shape.finishReason,
      toolsProvided: shape.toolsProvided,
      streamed: shape.streamed,
      cancelled: shape.cancelled,
      userId: user.id,
      billingCountry: user.billingCountry,
      consent,
      prompt: written.prompt,
    };
    return { event, category };
  }
}
