import type { CategoryId, ModelSource } from './study-shares.js';

/** One model the synthetic archive routes traffic to. */
export interface CatalogModel {
  /** OpenRouter-style id, `author/slug`. */
  id: string;
  /** Upstream providers that serve it; one is picked per request. */
  providers: readonly string[];
  source: ModelSource;
  /** Relative token share within its source group (see SOURCE_TOKEN_SHARE). */
  tokenWeight: number;
  /** List prices in USD per 1M tokens; `cachedInput` is the price of a cache read. */
  price: { input: number; output: number; cachedInput: number };
  /** Whether requests produce reasoning tokens: always, in a share of requests, or never. */
  reasoning: 'always' | 'optional' | 'none';
  /** Typical decode speed, for latency. */
  tokensPerSecond: number;
  /** First day the model can appear (its public release); absent = available throughout 2025. */
  releasedOn?: string;
  /** Multipliers on the category mix for this model (1 = the overall mix). */
  affinity: Partial<Record<CategoryId, number>>;
}

/*
 * Category affinities encode the study's per-model findings (section "Categories" and the
 * per-author breakdowns): Anthropic's Claude is used for programming and technology above 80% of its
 * tokens; DeepSeek's tokens are more than two-thirds roleplay and casual chat; roleplay is about half
 * of all open-source tokens while programming is its second use; xAI's Grok Code Fast and Qwen3 Coder
 * are almost all programming; Google's models show the broadest mix (translation, science, legal,
 * general knowledge); closed models carry little adult content.
 *
 * Prices approximate the OpenRouter list prices of 2025 (USD per 1M input / output tokens and per 1M
 * cached input tokens); they are demo values, not a price list to bill with.
 */
const CLAUDE_AFFINITY = { programming: 5, technology: 2, roleplay: 0.15, adult: 0.02, translation: 0.3, trivia: 0.4 };
const DEEPSEEK_CHAT_AFFINITY = { roleplay: 4, 'general-qa': 1.6, others: 1.5, programming: 0.35, adult: 3, 'creative-writing': 1.5 };
const REASONER_AFFINITY = { programming: 1.4, science: 2.5, academia: 2, education: 1.5, roleplay: 0.6, finance: 1.5 };
const CODER_AFFINITY = { programming: 60, technology: 2, roleplay: 0.01, adult: 0.01 };
const ROW_CHAT_AFFINITY = { roleplay: 3.5, adult: 3, 'creative-writing': 1.5, programming: 0.35, others: 1.3 };
const GOOGLE_AFFINITY = { translation: 2, science: 1.6, legal: 1.8, 'general-qa': 1.5, health: 1.4, education: 1.4, trivia: 1.5, roleplay: 0.5, adult: 0.1 };
const OPENAI_AFFINITY = { 'general-qa': 1.6, productivity: 1.8, marketing: 1.6, seo: 1.6, education: 1.4, health: 1.4, finance: 1.4, roleplay: 0.4, adult: 0.05 };

export const MODEL_CATALOG: readonly CatalogModel[] = [
  // Closed models.
  { id: 'anthropic/claude-3.7-sonnet', providers: ['Anthropic', 'Google Vertex', 'Amazon Bedrock'], source: 'closed', tokenWeight: 6, price: { input: 3, output: 15, cachedInput: 0.3 }, reasoning: 'optional', tokensPerSecond: 60, affinity: CLAUDE_AFFINITY },
  { id: 'anthropic/claude-sonnet-4', providers: ['Anthropic', 'Google Vertex', 'Amazon Bedrock'], source: 'closed', tokenWeight: 22, price: { input: 3, output: 15, cachedInput: 0.3 }, reasoning: 'optional', tokensPerSecond: 60, releasedOn: '2025-05-22', affinity: CLAUDE_AFFINITY },
  { id: 'anthropic/claude-sonnet-4.5', providers: ['Anthropic', 'Google Vertex', 'Amazon Bedrock'], source: 'closed', tokenWeight: 16, price: { input: 3, output: 15, cachedInput: 0.3 }, reasoning: 'optional', tokensPerSecond: 65, releasedOn: '2025-09-29', affinity: CLAUDE_AFFINITY },
  { id: 'openai/gpt-4o', providers: ['OpenAI', 'Azure'], source: 'closed', tokenWeight: 5, price: { input: 2.5, output: 10, cachedInput: 1.25 }, reasoning: 'none', tokensPerSecond: 80, affinity: OPENAI_AFFINITY },
  { id: 'openai/gpt-4o-mini', providers: ['OpenAI', 'Azure'], source: 'closed', tokenWeight: 6, price: { input: 0.15, output: 0.6, cachedInput: 0.075 }, reasoning: 'none', tokensPerSecond: 90, affinity: { ...OPENAI_AFFINITY, translation: 1.6 } },
  { id: 'openai/gpt-5', providers: ['OpenAI', 'Azure'], source: 'closed', tokenWeight: 9, price: { input: 1.25, output: 10, cachedInput: 0.125 }, reasoning: 'always', tokensPerSecond: 55, releasedOn: '2025-08-07', affinity: { ...OPENAI_AFFINITY, programming: 2, science: 1.8 } },
  { id: 'google/gemini-2.0-flash-001', providers: ['Google AI Studio', 'Google Vertex'], source: 'closed', tokenWeight: 8, price: { input: 0.1, output: 0.4, cachedInput: 0.025 }, reasoning: 'none', tokensPerSecond: 160, affinity: GOOGLE_AFFINITY },
  { id: 'google/gemini-2.5-flash', providers: ['Google AI Studio', 'Google Vertex'], source: 'closed', tokenWeight: 14, price: { input: 0.3, output: 2.5, cachedInput: 0.075 }, reasoning: 'optional', tokensPerSecond: 150, releasedOn: '2025-06-17', affinity: GOOGLE_AFFINITY },
  { id: 'google/gemini-2.5-pro', providers: ['Google AI Studio', 'Google Vertex'], source: 'closed', tokenWeight: 9, price: { input: 1.25, output: 10, cachedInput: 0.31 }, reasoning: 'always', tokensPerSecond: 85, releasedOn: '2025-06-17', affinity: { ...GOOGLE_AFFINITY, programming: 2 } },
  { id: 'x-ai/grok-code-fast-1', providers: ['xAI'], source: 'closed', tokenWeight: 10, price: { input: 0.2, output: 1.5, cachedInput: 0.02 }, reasoning: 'always', tokensPerSecond: 180, releasedOn: '2025-08-26', affinity: CODER_AFFINITY },
  // Chinese open-weight models.
  { id: 'deepseek/deepseek-chat', providers: ['DeepSeek', 'DeepInfra', 'Chutes', 'Together'], source: 'oss-china', tokenWeight: 8, price: { input: 0.3, output: 0.85, cachedInput: 0.07 }, reasoning: 'none', tokensPerSecond: 35, affinity: DEEPSEEK_CHAT_AFFINITY },
  { id: 'deepseek/deepseek-chat-v3-0324', providers: ['DeepSeek', 'DeepInfra', 'Chutes', 'Together', 'Fireworks'], source: 'oss-china', tokenWeight: 30, price: { input: 0.25, output: 0.85, cachedInput: 0.07 }, reasoning: 'none', tokensPerSecond: 40, releasedOn: '2025-03-24', affinity: DEEPSEEK_CHAT_AFFINITY },
  { id: 'deepseek/deepseek-r1', providers: ['DeepSeek', 'DeepInfra', 'Together'], source: 'oss-china', tokenWeight: 4, price: { input: 0.55, output: 2.19, cachedInput: 0.14 }, reasoning: 'always', tokensPerSecond: 30, affinity: { ...REASONER_AFFINITY, roleplay: 1.5 } },
  { id: 'deepseek/deepseek-r1-0528', providers: ['DeepSeek', 'DeepInfra', 'Chutes', 'Together'], source: 'oss-china', tokenWeight: 10, price: { input: 0.5, output: 2.15, cachedInput: 0.14 }, reasoning: 'always', tokensPerSecond: 32, releasedOn: '2025-05-28', affinity: { ...REASONER_AFFINITY, roleplay: 1.5 } },
  { id: 'qwen/qwen-2.5-72b-instruct', providers: ['DeepInfra', 'Together', 'Alibaba'], source: 'oss-china', tokenWeight: 4, price: { input: 0.12, output: 0.39, cachedInput: 0.12 }, reasoning: 'none', tokensPerSecond: 45, affinity: { translation: 2.5, programming: 1.2, roleplay: 1.5 } },
  { id: 'qwen/qwen3-235b-a22b', providers: ['Alibaba', 'DeepInfra', 'Together', 'Chutes'], source: 'oss-china', tokenWeight: 8, price: { input: 0.13, output: 0.6, cachedInput: 0.13 }, reasoning: 'optional', tokensPerSecond: 50, releasedOn: '2025-04-28', affinity: { programming: 1.5, translation: 2, roleplay: 1.5, science: 1.4 } },
  { id: 'qwen/qwen3-coder', providers: ['Alibaba', 'DeepInfra', 'Chutes', 'Cerebras'], source: 'oss-china', tokenWeight: 10, price: { input: 0.22, output: 0.95, cachedInput: 0.22 }, reasoning: 'none', tokensPerSecond: 70, releasedOn: '2025-07-22', affinity: CODER_AFFINITY },
  { id: 'moonshotai/kimi-k2', providers: ['Moonshot AI', 'Groq', 'Together', 'Chutes'], source: 'oss-china', tokenWeight: 8, price: { input: 0.55, output: 2.2, cachedInput: 0.15 }, reasoning: 'none', tokensPerSecond: 50, releasedOn: '2025-07-11', affinity: { programming: 3, roleplay: 1.5, 'creative-writing': 2 } },
  { id: 'z-ai/glm-4.5', providers: ['Z.AI', 'Chutes', 'DeepInfra'], source: 'oss-china', tokenWeight: 6, price: { input: 0.35, output: 1.55, cachedInput: 0.11 }, reasoning: 'optional', tokensPerSecond: 45, releasedOn: '2025-07-28', affinity: { programming: 4, roleplay: 1.2, translation: 1.5 } },
  { id: 'minimax/minimax-m2', providers: ['MiniMax'], source: 'oss-china', tokenWeight: 6, price: { input: 0.3, output: 1.2, cachedInput: 0.03 }, reasoning: 'always', tokensPerSecond: 80, releasedOn: '2025-10-27', affinity: { programming: 6, technology: 1.5 } },
  // Rest-of-world open-weight models.
  { id: 'meta-llama/llama-3.3-70b-instruct', providers: ['DeepInfra', 'Groq', 'Together', 'Cerebras', 'Lambda'], source: 'oss-row', tokenWeight: 14, price: { input: 0.13, output: 0.39, cachedInput: 0.13 }, reasoning: 'none', tokensPerSecond: 120, affinity: { ...ROW_CHAT_AFFINITY, translation: 1.5 } },
  { id: 'meta-llama/llama-4-maverick', providers: ['DeepInfra', 'Groq', 'Together', 'Fireworks'], source: 'oss-row', tokenWeight: 8, price: { input: 0.15, output: 0.6, cachedInput: 0.15 }, reasoning: 'none', tokensPerSecond: 110, releasedOn: '2025-04-05', affinity: ROW_CHAT_AFFINITY },
  { id: 'meta-llama/llama-4-scout', providers: ['DeepInfra', 'Groq', 'Together'], source: 'oss-row', tokenWeight: 4, price: { input: 0.08, output: 0.3, cachedInput: 0.08 }, reasoning: 'none', tokensPerSecond: 130, releasedOn: '2025-04-05', affinity: ROW_CHAT_AFFINITY },
  { id: 'mistralai/mistral-nemo', providers: ['Mistral', 'DeepInfra', 'Chutes'], source: 'oss-row', tokenWeight: 8, price: { input: 0.02, output: 0.04, cachedInput: 0.02 }, reasoning: 'none', tokensPerSecond: 110, affinity: { ...ROW_CHAT_AFFINITY, roleplay: 6, adult: 5 } },
  { id: 'mistralai/mistral-small-3.2-24b-instruct', providers: ['Mistral', 'DeepInfra'], source: 'oss-row', tokenWeight: 6, price: { input: 0.05, output: 0.1, cachedInput: 0.05 }, reasoning: 'none', tokensPerSecond: 120, releasedOn: '2025-06-20', affinity: { roleplay: 2.5, translation: 1.8, productivity: 1.5 } },
  { id: 'openai/gpt-oss-120b', providers: ['Cerebras', 'Groq', 'DeepInfra', 'Fireworks'], source: 'oss-row', tokenWeight: 14, price: { input: 0.1, output: 0.5, cachedInput: 0.1 }, reasoning: 'always', tokensPerSecond: 250, releasedOn: '2025-08-05', affinity: { programming: 2.5, science: 1.8, technology: 1.5, roleplay: 0.5 } },
  { id: 'openai/gpt-oss-20b', providers: ['Groq', 'DeepInfra', 'Together'], source: 'oss-row', tokenWeight: 6, price: { input: 0.04, output: 0.15, cachedInput: 0.04 }, reasoning: 'always', tokensPerSecond: 300, releasedOn: '2025-08-05', affinity: { programming: 1.5, 'general-qa': 1.5, roleplay: 0.8 } },
  { id: 'google/gemma-3-27b-it', providers: ['DeepInfra', 'Google AI Studio', 'Chutes'], source: 'oss-row', tokenWeight: 6, price: { input: 0.09, output: 0.17, cachedInput: 0.09 }, reasoning: 'none', tokensPerSecond: 70, releasedOn: '2025-03-12', affinity: { translation: 3, roleplay: 2, 'creative-writing': 1.5 } },
];
