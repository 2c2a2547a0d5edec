/** The report's JSON shape (public contract: fields are only ever added). */
export interface TokenTotals {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  cachedTokens: number;
  costUsd: number;
}

export interface CategoryFigure {
  category: string;
  name: string;
  /** Samples counted under this category (a sample counts under every category it received). */
  sampledRequests: number;
  /** sampledRequests scaled by 1 / sampling rate. */
  estimatedRequests: number;
  /** sampledRequests / samples with a classifier answer; 95% Wilson interval in shareLow..shareHigh. */
  share: number;
  shareLow: number;
  shareHigh: number;
  estimatedRequestsLow: number;
  estimatedRequestsHigh: number;
  /** Samples whose primary (highest-confidence) category this is. */
  primarySampledRequests: number;
  suppressed: boolean;
}

export interface CensusReport {
  window: { from: string | null; to: string | null; weeks: string[] };
  filters: { model: string | null; classifier: string | null };
  totals: TokenTotals;
  byModel: Array<TokenTotals & { model: string }>;
  byProvider: Array<TokenTotals & { provider: string }>;
  byWeek: Array<TokenTotals & { week: string }>;
  sampling: {
    rate: number;
    eventsSeen: number;
    eventsSampled: number;
    notSampled: number;
    consentDenied: number;
    noConsent: number;
    classified: number;
    belowThreshold: number;
    unclassifiable: number;
    classifierErrors: number;
  };
  view: { id: string; mappingVersion: string; minConfidence: number };
  classifiers: Array<{ classifier: string; samples: number }>;
  categories: CategoryFigure[];
  tags: Array<{ tag: string; category: string; sampledRequests: number; share: number }>;
  method: string;
}
