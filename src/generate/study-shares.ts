/**
 * Published shares from the OpenRouter / a16z "State of AI: An Empirical 100 Trillion Token Study with
 * OpenRouter" (December 2025) that the synthetic archive follows. The study publishes charts, not
 * tables, so every number here is an approximation read from the figure named in its comment; none is
 * a measurement of ours. The generator applies category shares to requests (the census counts sampled
 * requests); model shares are token shares (see model-catalog.ts and traffic-plan.ts).
 */

/** The study's category ids (public contract, see docs/categories.md). */
export const CATEGORY_IDS = [
  'programming', 'roleplay', 'translation', 'general-qa', 'productivity', 'education', 'creative-writing',
  'adult', 'science', 'technology', 'health', 'finance', 'legal', 'academia', 'marketing', 'seo', 'trivia',
  'others',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

/**
 * Programming share over time (study section "Categories: how are people using LLMs?", figure of the
 * programming share of tokens): about 11% in the first weeks of 2025, rising to above 50% by late
 * November 2025. Interpolated linearly between these two points and held flat outside them.
 */
export const PROGRAMMING_SHARE_EARLY = { date: '2025-01-06', share: 0.11 } as const;
export const PROGRAMMING_SHARE_LATE = { date: '2025-11-24', share: 0.52 } as const;

/**
 * How the non-programming remainder splits across the other categories (same section: category
 * composition chart; roleplay is the second-largest category and the largest on open-source models,
 * then technology, general Q&A, translation, science; the long tail of health, productivity,
 * education, creative writing, finance, marketing, legal, academia, SEO, trivia and adult is small).
 * Relative weights; they are normalised before use.
 */
export const NON_PROGRAMMING_SPLIT: Readonly<Record<Exclude<CategoryId, 'programming'>, number>> = {
  roleplay: 0.36,
  technology: 0.1,
  'general-qa': 0.09,
  translation: 0.08,
  science: 0.06,
  productivity: 0.04,
  'creative-writing': 0.04,
  health: 0.035,
  education: 0.035,
  finance: 0.02,
  marketing: 0.02,
  adult: 0.02,
  legal: 0.015,
  academia: 0.015,
  trivia: 0.015,
  seo: 0.01,
  others: 0.045,
};

/**
 * Where an instant lies on the study's 2025 trend lines: 0 at PROGRAMMING_SHARE_EARLY.date, 1 at
 * PROGRAMMING_SHARE_LATE.date, clamped. Every time trend of the generator (programming share, prompt
 * and completion lengths, tool calling) interpolates with it.
 */
export function trendFraction(ms: number): number {
  const t0 = Date.parse(PROGRAMMING_SHARE_EARLY.date);
  const t1 = Date.parse(PROGRAMMING_SHARE_LATE.date);
  return Math.min(1, Math.max(0, (ms - t0) / (t1 - t0)));
}

/** Linear interpolation between an early-2025 and a late-2025 value. */
export function alongTrend(ms: number, early: number, late: number): number {
  return early + trendFraction(ms) * (late - early);
}

/** Programming share at a given instant (epoch ms), from the two anchor points above. */
export function programmingShareAt(ms: number): number {
  return alongTrend(ms, PROGRAMMING_SHARE_EARLY.share, PROGRAMMING_SHARE_LATE.share);
}

/** Target request share of every category at a given instant; sums to 1. */
export function categorySharesAt(ms: number): Record<CategoryId, number> {
  const programming = programmingShareAt(ms);
  let rest = 0;
  for (const w of Object.values(NON_PROGRAMMING_SPLIT)) rest += w;
  const shares = { programming } as Record<CategoryId, number>;
  for (const [id, w] of Object.entries(NON_PROGRAMMING_SPLIT)) shares[id as CategoryId] = ((1 - programming) * w) / rest;
  return shares;
}

/**
 * Token share by model source (study section "Open vs. closed source models" and "Chinese open-source
 * models"): open-weight models reach roughly a third of tokens by late 2025 (we use 30%); Chinese
 * open-source models average about 13% of weekly tokens over 2025 with peaks near 30%, so we split the
 * open share about evenly between Chinese and rest-of-world open models.
 */
export const SOURCE_TOKEN_SHARE = { closed: 0.7, 'oss-china': 0.15, 'oss-row': 0.15 } as const;
export type ModelSource = keyof typeof SOURCE_TOKEN_SHARE;

/**
 * Billing-country weights (study section "Geography": North America holds a little under half of
 * usage, Asia grew to about 30%, Europe about a fifth, South America, Oceania and Africa about 1% each;
 * its country list is led by the US, then Singapore, Germany, China, South Korea, the Netherlands,
 * the UK, Canada, Japan and India). The tail countries share the rest.
 */
export const BILLING_COUNTRY_WEIGHTS: Readonly<Record<string, number>> = {
  US: 0.47, SG: 0.09, DE: 0.075, CN: 0.06, KR: 0.03, NL: 0.026, GB: 0.025, CA: 0.019, JP: 0.018, IN: 0.016,
  FR: 0.015, HK: 0.012, TW: 0.01, VN: 0.01, ID: 0.009, BR: 0.008, RU: 0.008, AU: 0.008, ES: 0.007, IT: 0.006,
  PL: 0.006, TR: 0.006, SE: 0.005, CH: 0.005, UA: 0.005, MX: 0.004, TH: 0.004, AR: 0.003, PH: 0.003,
  NZ: 0.003, IL: 0.003, AE: 0.003, ZA: 0.003, NG: 0.002, EG: 0.002, KE: 0.001,
};

/**
 * Weekly volume growth: OpenRouter grew from roughly 10 trillion tokens a year to over 100 trillion
 * (study introduction), i.e. several-fold over 2025; 3% more requests each week is about 4.6x a year.
 */
export const WEEKLY_VOLUME_GROWTH = 1.03;

/** Defaults for the consent flag, which most events do not carry. Not from the study. */
export const DEFAULT_CONSENT_DENIED_SHARE = 0.01;
export const DEFAULT_CONSENT_GRANTED_SHARE = 0.02;
