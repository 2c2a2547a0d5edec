import type { CatalogModel } from './model-catalog.js';
import type { SeededRandom } from './seeded-random.js';
import { alongTrend, type CategoryId } from './study-shares.js';

/*
 * Request shapes, approximating the study's section "Sequence length" and "Agentic inference":
 * the average prompt grew about fourfold during 2025 (from roughly 1.5K to above 6K tokens per request),
 * the average completion nearly tripled (from roughly 150 to about 400 tokens), programming prompts are
 * several times longer than the rest (3-4x, tens of thousands of tokens for agentic coding), reasoning
 * models passed half of all tokens, and the share of requests ending in a tool call kept rising.
 */

/** Mean prompt tokens of a category-neutral request, early and late 2025 (before category factors). */
export const PROMPT_TOKENS_MEAN = { early: 1_000, late: 3_000 } as const;
/** Mean completion tokens (visible output), early and late 2025 (before category factors). */
export const COMPLETION_TOKENS_MEAN = { early: 150, late: 400 } as const;
/** Log-normal spread: prompts have a long tail, completions a shorter one. */
export const PROMPT_TOKENS_SIGMA = 1.1;
export const COMPLETION_TOKENS_SIGMA = 0.9;
export const REASONING_TOKENS_SIGMA = 1.0;
/** Mean reasoning tokens of a reasoning request (before category factors). */
export const REASONING_TOKENS_MEAN = 900;
/** Share of requests that reason on a model whose reasoning is optional (a toggle). */
export const OPTIONAL_REASONING_SHARE = 0.35;
/** Largest prompt a request may carry (a 1M-token context window). */
export const MAX_PROMPT_TOKENS = 1_000_000;
export const MAX_COMPLETION_TOKENS = 32_000;

/** Prompt-length multiplier per category: programming prompts carry code and agent context. */
export const CATEGORY_PROMPT_FACTOR: Readonly<Record<CategoryId, number>> = {
  programming: 4, roleplay: 1.6, translation: 0.5, 'general-qa': 0.5, productivity: 1.2, education: 0.8,
  'creative-writing': 1, adult: 1.4, science: 1, technology: 1.2, health: 0.7, finance: 1, legal: 1.5,
  academia: 1.8, marketing: 0.8, seo: 0.9, trivia: 0.3, others: 0.6,
};
/** Completion-length multiplier per category: stories run long, trivia answers are short. */
export const CATEGORY_COMPLETION_FACTOR: Readonly<Record<CategoryId, number>> = {
  programming: 1.5, roleplay: 1.2, translation: 0.8, 'general-qa': 0.9, productivity: 1.2, education: 1.1,
  'creative-writing': 2.5, adult: 1.3, science: 1.2, technology: 1.1, health: 1, finance: 1, legal: 1.3,
  academia: 1.5, marketing: 1.1, seo: 1.2, trivia: 0.3, others: 0.9,
};
/** Categories whose reasoning runs longer. */
const REASONING_FACTOR: Partial<Record<CategoryId, number>> = { programming: 1.6, science: 1.5, academia: 1.3, roleplay: 0.5, translation: 0.4 };

/** Share of requests that pass tools, early and late 2025: programming (agents) and the rest. */
export const TOOLS_PROVIDED_SHARE = { programming: { early: 0.3, late: 0.7 }, other: { early: 0.05, late: 0.15 } } as const;
/** Share of tool-carrying requests that end in a tool call. */
export const TOOL_CALL_GIVEN_TOOLS = 0.5;
/** Other endings: a hit on max_tokens, a content filter (more often on adult prompts), an upstream error. */
export const FINISH_LENGTH_SHARE = 0.025;
export const FINISH_CONTENT_FILTER_SHARE = 0.004;
export const ADULT_CONTENT_FILTER_SHARE = 0.08;
export const FINISH_ERROR_SHARE = 0.008;
/** Streaming and client cancellation (only streamed requests can be cancelled). */
export const STREAMED_SHARE = 0.7;
export const CANCELLED_GIVEN_STREAMED = 0.02;
/** Prompt caching: share of requests with a cache hit, and the minimum cacheable prompt. */
export const CACHE_HIT_SHARE: { programming: number; other: number } = { programming: 0.55, other: 0.2 };
export const MIN_CACHEABLE_PROMPT_TOKENS = 1_024;
/** max_tokens values a request that ends in `length` had set. */
const MAX_TOKENS_SETTINGS = [256, 512, 1024, 2048, 4096, 8192] as const;

export interface RequestShape {
  promptTokens: number;
  completionTokens: number;
  reasoningTokens?: number;
  cachedTokens?: number;
  costUsd: number;
  latencyMs: number;
  /** Absent when the client cancelled the stream. */
  finishReason?: 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error';
  toolsProvided: boolean;
  streamed: boolean;
  cancelled: boolean;
}

function logNormal(random: SeededRandom, mean: number, sigma: number): number {
  return Math.exp(Math.log(mean) - (sigma * sigma) / 2 + sigma * random.normal());
}

/** Round a USD amount to 1e-9 so its JSON text is short and the same on every run. */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1e9) / 1e9;
}

/**
 * Draw the usage, cost, latency and outcome of one request. `minPromptTokens` is the size of the
 * prompt text actually written (so the token count never undercuts the text).
 */
export function drawRequestShape(
  random: SeededRandom,
  model: CatalogModel,
  category: CategoryId,
  ms: number,
  minPromptTokens: number,
): RequestShape {
  const promptMean = alongTrend(ms, PROMPT_TOKENS_MEAN.early, PROMPT_TOKENS_MEAN.late) * CATEGORY_PROMPT_FACTOR[category];
  const promptTokens = Math.min(MAX_PROMPT_TOKENS, Math.max(minPromptTokens, Math.round(logNormal(random, promptMean, PROMPT_TOKENS_SIGMA))));

  const completionMean = alongTrend(ms, COMPLETION_TOKENS_MEAN.early, COMPLETION_TOKENS_MEAN.late) * CATEGORY_COMPLETION_FACTOR[category];
  let completionTokens = Math.min(MAX_COMPLETION_TOKENS, Math.max(1, Math.round(logNormal(random, completionMean, COMPLETION_TOKENS_SIGMA))));

  const reasons = model.reasoning === 'always' || (model.reasoning === 'optional' && random.chance(OPTIONAL_REASONING_SHARE));
  let reasoningTokens = reasons
    ? Math.min(MAX_COMPLETION_TOKENS, Math.round(logNormal(random, REASONING_TOKENS_MEAN * (REASONING_FACTOR[category] ?? 1), REASONING_TOKENS_SIGMA)))
    : undefined;

  const cacheShare = category === 'programming' ? CACHE_HIT_SHARE.programming : CACHE_HIT_SHARE.other;
  const cachedTokens =
    promptTokens >= MIN_CACHEABLE_PROMPT_TOKENS && random.chance(cacheShare)
      ? Math.floor(promptTokens * (0.3 + 0.65 * random.next()))
      : undefined;

  const toolsTrend = category === 'programming' ? TOOLS_PROVIDED_SHARE.programming : TOOLS_PROVIDED_SHARE.other;
  const toolsProvided = random.chance(alongTrend(ms, toolsTrend.early, toolsTrend.late));
  const streamed = random.chance(STREAMED_SHARE);
  const cancelled = streamed && random.chance(CANCELLED_GIVEN_STREAMED);

  let finishReason: RequestShape['finishReason'];
  const filterShare = category === 'adult' && model.source === 'closed' ? ADULT_CONTENT_FILTER_SHARE : FINISH_CONTENT_FILTER_SHARE;
  const u = random.next();
  if (cancelled) {
    finishReason = undefined;
    completionTokens = Math.max(1, Math.floor(completionTokens * random.next()));
  } else if (u < FINISH_ERROR_SHARE) {
    finishReason = 'error';
    completionTokens = 0;
    reasoningTokens = reasoningTokens === undefined ? undefined : 0;
  } else if (u < FINISH_ERROR_SHARE + filterShare) {
    finishReason = 'content_filter';
    completionTokens = Math.min(completionTokens, 40);
  } else if (u < FINISH_ERROR_SHARE + filterShare + FINISH_LENGTH_SHARE) {
    finishReason = 'length';
    completionTokens = random.pick(MAX_TOKENS_SETTINGS);
  } else if (toolsProvided && random.chance(TOOL_CALL_GIVEN_TOOLS)) {
    finishReason = 'tool_calls';
    completionTokens = Math.max(12, Math.round(completionTokens * 0.4));
  } else {
    finishReason = 'stop';
  }

  const outputTokens = completionTokens + (reasoningTokens ?? 0);
  const cached = cachedTokens ?? 0;
  const costUsd = roundUsd(
    ((promptTokens - cached) * model.price.input + cached * model.price.cachedInput + outputTokens * model.price.output) / 1e6,
  );
  // Time to first token grows with the prompt (prefill), then decode at the model's speed.
  const firstTokenMs = 250 + 400 * random.next() + promptTokens / 20;
  const latencyMs = Math.round(finishReason === 'error' ? firstTokenMs : firstTokenMs + (outputTokens * 1000) / model.tokensPerSecond);

  return { promptTokens, completionTokens, reasoningTokens, cachedTokens, costUsd, latencyMs, finishReason, toolsProvided, streamed, cancelled };
}
