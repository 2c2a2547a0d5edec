/** The report's JSON shape (public contract: fields are only ever added). */
export interface TokenTotals {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  cachedTokens: number;
  costUsd: number;
}

/**
 * A category over the window's classified samples. When `suppressed` (fewer than report.minSamples samples, but
 * more than none) every number is null: only the key and the flag are published.
 */
export interface CategoryFigure {
  category: string;
  name: string;
  /** Samples counted under this category (a sample counts under every category it received). */
  sampledRequests: number | null;
  /** sampledRequests scaled by 1 / sampling rate. */
  estimatedRequests: number | null;
  /** sampledRequests / samples with a classifier answer; 95% Wilson interval in shareLow..shareHigh. */
  share: number | null;
  shareLow: number | null;
  shareHigh: number | null;
  estimatedRequestsLow: number | null;
  estimatedRequestsHigh: number | null;
  /** Samples whose primary (highest-confidence) category this is; null when suppressed or primarySuppressed. */
  primarySampledRequests: number | null;
  suppressed: boolean;
  /** The primary-category figures (primary*, tokenShare) alone are suppressed: too few samples have it as primary. */
  primarySuppressed: boolean;
  /** primarySampledRequests / answered samples, with its 95% Wilson interval (each sample has one primary). */
  primaryShare: number | null;
  primaryShareLow: number | null;
  primaryShareHigh: number | null;
  /**
   * Simultaneous (family-wise) 95% intervals over all categories: Bonferroni-adjusted Wilson, so that every
   * category's true share lies inside its family interval with at least 95% probability at once.
   */
  shareFamilyLow: number | null;
  shareFamilyHigh: number | null;
  primaryShareFamilyLow: number | null;
  primaryShareFamilyHigh: number | null;
  /** Share of sampled tokens (prompt + completion) whose primary category this is; delta-method 95% interval. */
  tokenShare: Estimate | null;
}

/**
 * A tag (a finer label inside one category) over the window's classified samples: the same estimates, interval
 * and suppression as a category (numbers null when suppressed).
 */
export interface TagFigure {
  tag: string;
  category: string;
  sampledRequests: number | null;
  /** sampledRequests / sampling rate, interval from the share's. */
  estimatedRequests: number | null;
  estimatedRequestsLow: number | null;
  estimatedRequestsHigh: number | null;
  /** sampledRequests / samples with a classifier answer (sampled.tagSamples); 95% Wilson interval. */
  share: number | null;
  shareLow: number | null;
  shareHigh: number | null;
  suppressed: boolean;
}

/** A figure estimated from the sample: point value and its 95% confidence interval. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
}

/** Token totals of a cell; every value is null when the cell is suppressed. */
export interface UsageCell {
  /** The dimension value (model id, author, 'closed', 'small', ...). */
  key: string;
  requests: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  reasoningTokens: number | null;
  cachedTokens: number | null;
  /** promptTokens + completionTokens. */
  totalTokens: number | null;
  costUsd: number | null;
  /** Share of all tokens in the same period and filter. */
  tokenShare: number | null;
  /** Distinct users (HyperLogLog, ~0.8% standard error); null when not counted. */
  users: number | null;
  suppressed: boolean;
}

export type UsageDimension = 'model' | 'provider' | 'author' | 'openness' | 'sourceType' | 'sizeClass' | 'reasoning';

export interface PeriodCells {
  /** ISO week (2025-W23) or day (2025-06-03), UTC. */
  period: string;
  /** The period's totals; numbers null when it has fewer than report.minUsers users (suppressed). */
  totals: { requests: number | null; totalTokens: number | null; costUsd: number | null; users: number | null; suppressed: boolean };
  cells: Partial<Record<UsageDimension, UsageCell[]>>;
}

export interface ShapeStats {
  /** null when the period is suppressed. */
  requests: number | null;
  mean: number | null;
  /** Percentiles from the mergeable log-scale histograms (four buckets per doubling; linear inside a bucket). */
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

export interface SampledCategoryCell {
  category: string;
  /** null when suppressed. */
  sampledRequests: number | null;
  /** sampledRequests / samples of the cell; null when suppressed. */
  share: number | null;
  shareLow: number | null;
  shareHigh: number | null;
  /** Requests in the population, estimated (sampledRequests / rate, interval from the share's). */
  estimatedRequests: Estimate | null;
  suppressed: boolean;
}

/** A tag inside a breakdown: a category cell (of the tag's category) with the tag's figures. */
export interface SampledTagCell extends SampledCategoryCell {
  tag: string;
}

export interface SampledBreakdown {
  key: string;
  /** Samples with a classifier answer in this cell (the share denominator); null when the group is suppressed. */
  samples: number | null;
  /** The whole group is too small (samples, or users of its model / source type): every cell in it is suppressed. */
  suppressed: boolean;
  categories: SampledCategoryCell[];
  /**
   * Samples behind the tag shares (their denominator): equal to samples, except for per-model and per-source-type
   * cuts (and every cut under --model) when some weeks hold samples classified before tags were recorded per
   * model and not rebucketed since; those are left out (warnings says which). null when suppressed.
   */
  tagSamples: number | null;
  /** Tags of the cell's samples, like its category cells (shares of tagSamples; numbers null when suppressed). */
  tags: SampledTagCell[];
}

export interface RetentionCohort {
  /** First month (UTC, YYYY-MM) in which these users used the model. */
  cohort: string;
  /** Estimated cohort size (HyperLogLog arithmetic); null when suppressed. */
  users: number | null;
  suppressed: boolean;
  /** Share of the cohort active in each later month (offset 1, 2, ...), clamped to [0, 1]; null when suppressed. */
  active: Array<{ month: string; offset: number; share: number | null }>;
}

export interface ReportExtensions {
  catalog: { version: string; unknownModels: string[] };
  suppression: { minUsers: number; minSamples: number; rule: string };
  /** Exact all-event figures per UTC day, flagged like byWeek. */
  byDay: Array<TokenTotals & CellFlags & { day: string }>;
  /** Whole-window cells per dimension, catalog dimensions computed at report time. */
  dimensions: Record<UsageDimension, UsageCell[]>;
  weekly: PeriodCells[];
  daily: PeriodCells[];
  models: Array<{
    model: string;
    known: boolean;
    author: string;
    sourceType: string;
    sizeClass: string;
    openWeights: boolean | null;
    reasoning: boolean | null;
  }>;
  toolUse: {
    /** Share of tokens (prompt + completion) from requests whose finish reason was tool_calls. */
    toolCallTokenShare: number;
    toolCallRequestShare: number;
    /** Share of tokens from requests that offered tools to the model. */
    toolsProvidedTokenShare: number;
    toolsProvidedRequestShare: number;
    /** Per ISO week; a week with fewer than report.minUsers users is suppressed (shares null). */
    weekly: Array<{ week: string; toolCallTokenShare: number | null; toolsProvidedTokenShare: number | null; suppressed: boolean }>;
    byModel: Array<{ model: string; toolCallTokenShare: number | null; toolsProvidedTokenShare: number | null; suppressed: boolean }>;
  };
  reasoningShare: {
    /** Share of tokens served by reasoning models (catalog), and of reasoning tokens among completion tokens. */
    overall: { reasoningModelTokenShare: number; reasoningTokenShareOfCompletion: number };
    weekly: Array<{ week: string; reasoningModelTokenShare: number | null; reasoningTokenShareOfCompletion: number | null; suppressed: boolean }>;
  };
  shapes: {
    overall: { prompt: ShapeStats; completion: ShapeStats; total: ShapeStats };
    /** Per ISO week; a suppressed week's stats are all null. */
    weekly: Array<{ week: string; prompt: ShapeStats; completion: ShapeStats; total: ShapeStats; suppressed: boolean }>;
    /** Sampled: per primary category. */
    byCategory: Array<{
      category: string;
      samples: number | null;
      suppressed: boolean;
      meanPromptTokens: Estimate | null;
      meanCompletionTokens: Estimate | null;
      meanTotalTokens: Estimate | null;
      p50TotalTokens: Estimate | null;
      p90TotalTokens: Estimate | null;
      p99TotalTokens: Estimate | null;
      /**
       * Samples behind the prompt / completion percentiles: all of the category's samples except those classified
       * before per-category prompt / completion histograms were recorded (and not rebucketed since). null when the
       * row is suppressed or they are fewer than report.minSamples (then the percentiles below are null too).
       */
      promptCompletionSamples: number | null;
      /** Percentiles of prompt and of completion tokens per request, with distribution-free 95% intervals. */
      p50PromptTokens: Estimate | null;
      p90PromptTokens: Estimate | null;
      p99PromptTokens: Estimate | null;
      p50CompletionTokens: Estimate | null;
      p90CompletionTokens: Estimate | null;
      p99CompletionTokens: Estimate | null;
    }>;
  };
  geography: {
    countries: Array<{
      country: string;
      continent: string | null;
      requests: number | null;
      tokens: number | null;
      costUsd: number | null;
      tokenShare: number | null;
      spendShare: number | null;
      users: number | null;
      suppressed: boolean;
    }>;
    continents: Array<{
      continent: string;
      name: string;
      requests: number | null;
      tokens: number | null;
      costUsd: number | null;
      tokenShare: number | null;
      spendShare: number | null;
      users: number | null;
      suppressed: boolean;
    }>;
  };
  users: {
    /** Distinct users in the window (union of the weekly HyperLogLogs; the daily ones for weeks the window cuts). */
    total: number | null;
    weekly: Array<{ week: string; users: number | null }>;
    byModel: Array<{ model: string; users: number | null; weekly: Array<{ week: string; users: number | null }> }>;
  };
  retention: { method: string; models: Array<{ model: string; cohorts: RetentionCohort[] }> };
  sampled: {
    samples: number;
    /**
     * Samples behind tags[] and the weekly tag cells: equal to samples, except under --model when some weeks hold
     * samples classified before tags were recorded per model (see warnings).
     */
    tagSamples: number;
    weekly: SampledBreakdown[];
    /** Categories and tags per model. */
    byModel: SampledBreakdown[];
    /** Categories and tags per source type: closed / chinese-oss / row-oss / unknown, plus 'open' (both open groups together). */
    bySourceType: SampledBreakdown[];
    /** For each category, how its samples split by source type (the study's programming / roleplay split). */
    categorySourceSplit: Array<{ category: string; samples: number | null; suppressed: boolean; split: SampledCategoryCell[] }>;
    languages: Array<{
      language: string;
      sampledRequests: number | null;
      /** sampledRequests / rate, interval from the request share's. */
      estimatedRequests: Estimate | null;
      requestShare: Estimate | null;
      tokenShare: Estimate | null;
      suppressed: boolean;
    }>;
    costVsUsage: {
      /** Median of the categories' effective cost per 1M tokens (unsuppressed categories with cost). */
      medianCostPer1M: number | null;
      medianTotalTokens: number | null;
      categories: Array<{
        category: string;
        samples: number | null;
        suppressed: boolean;
        /** Estimated tokens in the population (sampled tokens / rate), Horvitz–Thompson interval. */
        totalTokens: Estimate | null;
        /** Sampled cost / sampled tokens × 1e6 (USD). Ratio of sample sums; see methods.costPer1M. */
        costPer1M: number | null;
        /** The same with its 95% delta-method interval; null when suppressed or without the stored moments. */
        costPer1MEstimate: Estimate | null;
        quadrant: 'premium-workloads' | 'mass-market' | 'specialised-experts' | 'niche-utility' | null;
      }>;
    };
  };
  methods: Record<string, string>;
}

/** Flags added to the legacy byModel/byProvider/byWeek rows (their numbers stay exact: they reconcile with billing). */
export interface CellFlags {
  /** Distinct users behind the row (HyperLogLog); null when not counted. */
  users: number | null;
  /** Fewer than report.minUsers users: renderers show the row as suppressed; do not publish its numbers. */
  suppressed: boolean;
}

/** The report's window: which figures count exactly its days and which count whole ISO weeks. */
export interface ReportWindow {
  /** --from / --to as given (inclusive UTC dates); null = open. */
  from: string | null;
  to: string | null;
  /** ISO weeks (UTC) overlapping the window that hold data. */
  weeks: string[];
  /** Those of them not wholly inside the window: per-week-only figures count their days outside it too. */
  weeksPartial: string[];
  /** Figures that count exactly the window's days (the store keeps them per UTC day). */
  exactDays: string[];
  /** Figures kept only per ISO week: they count every week that overlaps the window, whole. */
  wholeWeeks: string[];
  note: string;
}

export interface ClassifierFigure {
  /** Classifier version as stored with every category record ("local/2026.11.1", "google/v2"). */
  classifier: string;
  /** answered + failed. */
  samples: number;
  /** Samples with an answer under the report's view: the ones behind the category figures. */
  answered: number;
  /** Samples that ended unclassifiable or as a classifier error. */
  failed: number;
}

export interface FailureReason {
  outcome: 'unclassifiable' | 'error';
  /** The classifier's reason code (e.g. invalid_argument, timeout); never prompt text. */
  reason: string;
  samples: number;
}

export interface CensusReport extends ReportExtensions {
  window: ReportWindow;
  filters: { model: string | null; classifier: string | null };
  /**
   * Things a reader must know before trusting the figures: category figures mixing classifier versions, a
   * --classifier that matches nothing, a category view with no data. Printed by the text and HTML reports.
   */
  warnings: string[];
  /** Exact over all events in the window (not suppressed; see suppression.rule). */
  totals: TokenTotals;
  byModel: Array<TokenTotals & CellFlags & { model: string }>;
  byProvider: Array<TokenTotals & CellFlags & { provider: string }>;
  byWeek: Array<TokenTotals & CellFlags & { week: string }>;
  sampling: {
    /** The rate the estimates scale by: the rate the edge applied (see rates), not the reader's config. */
    rate: number;
    /** sampling.rate of the config the report was built with; used only for weeks stored without a rate. */
    configuredRate: number;
    /** Events that could be sampled, by the rate applied to them. */
    rates: Array<{ rate: number; events: number }>;
    eventsSeen: number;
    eventsSampled: number;
    notSampled: number;
    consentDenied: number;
    noConsent: number;
    classified: number;
    belowThreshold: number;
    unclassifiable: number;
    classifierErrors: number;
    /** Why samples ended unclassifiable or as classifier errors, most frequent first. */
    failureReasons: FailureReason[];
  };
  view: { id: string; mappingVersion: string; minConfidence: number };
  /** Classifier versions with samples in the window (after --classifier). */
  classifiers: ClassifierFigure[];
  categories: CategoryFigure[];
  tags: TagFigure[];
  method: string;
}
