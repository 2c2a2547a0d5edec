/**
 * Field names inside rollup scopes. One place, so the aggregator and the report agree.
 * Values are joined with FIELD_SEP (U+001F, stripped from dimension values at the edge).
 */
export const FIELD_SEP = '\u001f';

export const field = (...parts: string[]) => parts.join(FIELD_SEP);
export const splitField = (f: string) => f.split(FIELD_SEP);

/** Per model × provider metrics in weekly ("w:") and daily ("d:") scopes: field m␟model␟provider␟metric. */
export const MODEL_METRICS = {
  requests: 'req',
  promptTokens: 'pt',
  completionTokens: 'ct',
  reasoningTokens: 'rt',
  cachedTokens: 'kt',
  costNano: 'cost',
  latencySumMs: 'latSum',
  latencyCount: 'latN',
  toolCallRequests: 'toolReq',
  toolCallTokens: 'toolTok',
  toolsProvidedRequests: 'toolsReq',
  toolsProvidedTokens: 'toolsTok',
  streamed: 'streamed',
  cancelled: 'cancelled',
} as const;

/** Finish reason counts: m␟model␟provider␟fr.<reason> */
export const finishMetric = (reason: string) => `fr.${reason || 'unknown'}`;

/** Per country in weekly scopes: c␟country␟{req|tok|cost}. '' country is reported as unknown. */
export const COUNTRY_METRICS = { requests: 'req', tokens: 'tok', costNano: 'cost' } as const;

/** Mergeable log-scale histograms in weekly scopes: h␟{pt|ct|tt}␟bucket. */
export const HISTOGRAMS = ['pt', 'ct', 'tt'] as const;

/**
 * Distinct-count (HyperLogLog) names, fed with keyed user hashes only (never raw ids):
 *   w:<week>                    users per ISO week
 *   wm␟<week>␟<model>           users per week and model
 *   mm␟<YYYY-MM>␟<model>        users per month and model (retention cohorts)
 *   dm␟<YYYY-MM-DD>␟<model>     users per day and model (suppression of daily cells)
 *   wp␟<week>␟<provider>        users per week and provider ('' = unknown)
 *   dp␟<YYYY-MM-DD>␟<provider>  users per day and provider
 *   wc␟<week>␟<country>         users per week and billing country ('' = unknown; suppression of geography cells)
 */
export const DISTINCT_NAMES = {
  week: (week: string) => `w:${week}`,
  weekModel: (week: string, model: string) => field('wm', week, model),
  monthModel: (month: string, model: string) => field('mm', month, model),
  dayModel: (day: string, model: string) => field('dm', day, model),
  weekProvider: (week: string, provider: string) => field('wp', week, provider),
  dayProvider: (day: string, provider: string) => field('dp', day, provider),
  weekCountry: (week: string, country: string) => field('wc', week, country),
} as const;

/** Sampling counters in "s:" scopes. */
export const SAMPLING_FIELDS = {
  seen: 'seen',
  sampled: 'sampled',
  notSampled: 'notSampled',
  consentDenied: 'consentDenied',
  noConsent: 'noConsent',
} as const;

/**
 * "s:" field counting the events that could be sampled (not excluded by consent) while the edge applied
 * `rate`; the report derives the rate behind its estimates from these, whatever the reader's own config says.
 */
export const SAMPLING_RATE_FIELD_PREFIX = `rate${FIELD_SEP}`;
export const samplingRateField = (rate: number) => `${SAMPLING_RATE_FIELD_PREFIX}${rate}`;

/**
 * Histogram bucket of a non-negative integer: 0 for 0, else 1 + floor(4 * log2(x)), i.e. four buckets per
 * doubling (≤ 19% relative width). bucketLow/High give its bounds for percentile interpolation.
 */
export function histBucket(x: number): number {
  if (x <= 0) return 0;
  return 1 + Math.floor(4 * Math.log2(x));
}
export function bucketLow(b: number): number {
  return b === 0 ? 0 : 2 ** ((b - 1) / 4);
}
export function bucketHigh(b: number): number {
  return b === 0 ? 0 : 2 ** (b / 4);
}
