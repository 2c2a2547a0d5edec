import type { FinishReason } from '../event/generation-event-schema.js';

/**
 * What one accepted event contributes to the rollups, after the edge stage: no prompt text, no raw user id.
 * Travels inside batch jobs as a compact tuple (see encodeRecord/decodeRecord).
 */
export interface RollupRecord {
  ts: number;
  model: string;
  provider: string;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  cachedTokens: number;
  /** Cost in nano-USD (integer), so sums stay exact. */
  costNano: number;
  /** -1 when unknown. */
  latencyMs: number;
  finishReason: FinishReason | '';
  toolsProvided: boolean;
  streamed: boolean;
  cancelled: boolean;
  /** Keyed hash of userId, '' when absent. */
  userHash: string;
  /** ISO alpha-2 or '' */
  country: string;
  sampling: SamplingStatus;
}

/** 0 not sampled, 1 sampled, 2 consent denied, 3 no consent given while sampling.requireConsent is on. */
export type SamplingStatus = 0 | 1 | 2 | 3;

export type EncodedRecord = [
  number, string, string, number, number, number, number, number, number, string, number, string, string, number,
];

export function encodeRecord(r: RollupRecord): EncodedRecord {
  const flags = (r.toolsProvided ? 1 : 0) | (r.streamed ? 2 : 0) | (r.cancelled ? 4 : 0);
  return [
    r.ts, r.model, r.provider, r.promptTokens, r.completionTokens, r.reasoningTokens, r.cachedTokens, r.costNano,
    r.latencyMs, r.finishReason, flags, r.userHash, r.country, r.sampling,
  ];
}

export function decodeRecord(t: EncodedRecord): RollupRecord {
  const flags = t[10];
  return {
    ts: t[0], model: t[1], provider: t[2], promptTokens: t[3], completionTokens: t[4], reasoningTokens: t[5],
    cachedTokens: t[6], costNano: t[7], latencyMs: t[8], finishReason: t[9] as RollupRecord['finishReason'],
    toolsProvided: (flags & 1) !== 0, streamed: (flags & 2) !== 0, cancelled: (flags & 4) !== 0,
    userHash: t[11], country: t[12], sampling: t[13] as SamplingStatus,
  };
}
