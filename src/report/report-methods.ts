import { RETENTION_METHOD } from './retention-figures.js';

export const SUPPRESSION_RULE =
  'Small cells are suppressed in every format: a cell of all-event figures backed by fewer than report.minUsers ' +
  'distinct users (HyperLogLog count; a cell whose users cannot be counted counts as small) and a sampled cell ' +
  'holding fewer than report.minSamples samples (but more than none) show no numbers: in JSON its numeric fields ' +
  'are null (the row keeps its key and suppressed: true), the text report prints "suppressed", the HTML report ' +
  'embeds and draws none of them. Category and tag cells carry no user counts, because user hashes are never ' +
  'stored beside a category, so they are suppressed by sample count only; per-model and per-source-type category ' +
  'cuts are also suppressed when their model or group has too few users. One exception, kept for reconciliation ' +
  'with billing: totals and the rows of byModel, byProvider, byWeek and byDay stay exact numbers in JSON, each row ' +
  'carrying users and suppressed; the text and HTML reports show a row flagged suppressed as "suppressed", and ' +
  'anyone publishing from the JSON must honour the flag.';

/** Figures whose window counts exactly the days from --from to --to (the store keeps them per UTC day). */
export const WINDOW_EXACT_DAYS = [
  'totals', 'byModel', 'byProvider', 'byWeek', 'byDay', 'dimensions', 'weekly', 'daily', 'models', 'reasoningShare', 'users',
] as const;

/** Figures the store keeps only per ISO week: every week overlapping the window counts whole. */
export const WINDOW_WHOLE_WEEKS = [
  'toolUse', 'shapes', 'geography', 'sampling', 'classifiers', 'categories', 'tags', 'sampled',
] as const;

/** The window section's note: which figures count exactly the window's days and which count whole weeks. */
export function windowNote(weeksPartial: readonly string[]): string {
  const exact = `${WINDOW_EXACT_DAYS.join(', ')} count exactly the days from --from to --to (the store keeps them per UTC day)`;
  const whole = `${WINDOW_WHOLE_WEEKS.join(', ')} are kept per ISO week only and count every week that overlaps the window, whole`;
  const months = 'retention cohorts are the calendar months that overlap the window';
  if (weeksPartial.length === 0) return `Every week in the window lies wholly inside it, so all figures cover the same days. (${exact}; ${whole}; ${months}.)`;
  return (
    `The window cuts ${weeksPartial.length === 1 ? 'week' : 'weeks'} ${weeksPartial.join(', ')}: ${exact}, so those weeks ` +
    `appear there with only their days inside the window; ${whole}, so they include the days of ${weeksPartial.join(', ')} ` +
    `outside the window; ${months}.`
  );
}

/** How each figure is computed (the report's `methods` field and the HTML report's method note). */
export const REPORT_METHODS: Readonly<Record<string, string>> = {
  allEvents:
    'Requests, tokens, cost, tool use, reasoning share, geography, shapes over time and distinct users count ' +
    'every event (no sampling error). Author, open vs closed, Chinese vs rest-of-world open models, size class and ' +
    'reasoning come from the model catalog when the report is built, so a catalog fix applies to all history; ' +
    'models the catalog does not know are reported as unknown (catalog.unknownModels).',
  sample:
    'Category, tag, language, cost-vs-usage and per-category shape figures come from a deterministic sample: ' +
    'HMAC-SHA256(sampling.salt, request id), first 48 bits / 2^48 < sampling.rate. Counts are scaled by ' +
    '1 / sampling.rate, and every such figure carries a 95% confidence interval that widens as the sample shrinks.',
  shares:
    'Shares of requests (categories and tags overall, per week, per model and per source type, the ' +
    'source-type split of a category, languages): 95% Wilson score interval on k of n answered samples; estimated ' +
    'requests = k / rate, with the share interval × n / rate. ' +
    'Each interval covers its own share 95% of the time, so among 18 categories about one interval in twenty misses; ' +
    'the overall category figures also carry simultaneous intervals (shareFamilyLow/High, primaryShareFamilyLow/High: ' +
    'Wilson with the Bonferroni z for 18 categories, ≈ 2.99) that contain every category\'s share at once with at least 95% probability.',
  tokenShares:
    'Shares of sampled tokens (category token share, language token share): ratio of sums with a linearised ' +
    '(delta-method) 95% interval, Var ≈ n/(n−1)·Σ(yᵢ − R·xᵢ)²/(Σx)²; second moments come from the per-category ' +
    'log-scale histograms (bucket midpoints); for languages they assume the overall coefficient of variation.',
  totals:
    'Estimated total tokens per category: Horvitz–Thompson, sampled sum / rate, Var = (1 − rate)·Σx²/rate², 95% normal interval.',
  percentiles:
    'Percentiles come from mergeable log-scale histograms (four buckets per doubling, ≤ 19% wide; linear inside a ' +
    'bucket). For all events they are exact up to that resolution; per category (sampled: p50/p90/p99 of prompt, ' +
    'completion and total tokens per request) they carry a distribution-free 95% interval from the binomial ' +
    'order-statistic ranks n·q ∓ 1.96·√(n·q·(1−q)). Mean total tokens per category: normal interval with the ' +
    'histogram second moment; mean prompt / completion tokens: normal interval with the coefficient of variation ' +
    'of the category\'s prompt (completion) histogram. Prompt / completion histograms per category exist for ' +
    'samples classified from the version that records them on, or rebuilt by rebucket; older samples are left out ' +
    'of those percentiles (promptCompletionSamples counts the samples behind them) and their means\' intervals use ' +
    'the total-token coefficient of variation when no such histogram exists.',
  costPer1M:
    'Effective cost per 1M tokens of a category = sampled cost / sampled tokens × 1e6, a ratio estimator; its 95% ' +
    'interval (costPer1MEstimate, drawn as the vertical error bar in the HTML report) comes from the delta method with ' +
    'the stored second moments (Σcost², Σcost·tokens, Σtokens² per category; samples recorded before those moments ' +
    'were kept give no interval). Quadrants split at the median cost per 1M tokens and the median total tokens of the ' +
    'categories shown.',
  tags:
    'Tags (the finer labels inside a category) are counted overall, per week, per model and per source type (from the ' +
    'model catalog at report time, like the categories), with the same Wilson interval, scaling and suppression as ' +
    'categories; a sample counts under every tag it received. Tags per model exist for samples classified from the ' +
    'version that records them on, or rebuilt by rebucket from the stored raw labels; a week whose samples predate ' +
    'them is left out of the per-model and per-source-type tag figures (and of every tag figure under --model), ' +
    'their shares are taken over tagSamples, and warnings names the weeks.',
  classifiers:
    'Every category record carries the classifier version that produced it; --classifier keeps one kind ("local") or ' +
    'version ("google/v2"). Without it, category figures add up the samples of every classifier in the window, and ' +
    'warnings says so when there is more than one. sampling.failureReasons counts samples that ended unclassifiable ' +
    '(a permanent answer such as too few tokens) or as a classifier error (after the last retry), by reason code.',
  window: 'See window.note: figures kept per UTC day count exactly the window\'s days; figures kept per ISO week count every overlapping week whole.',
  distinctUsers:
    'Distinct users: HyperLogLog over keyed user hashes (never raw ids), about 0.8% standard error; unions over ' +
    'weeks, models and catalog groups are computed from the stored sketches.',
  retention: RETENTION_METHOD,
  filters:
    '--model restricts every figure to one model; geography, all-event percentiles, category token figures and ' +
    'languages are not kept per model and are left out under --model (tags come from the per-model tag counts, see ' +
    'tags), and provider cells count as suppressed ' +
    'there (provider user counts are not kept per model). --classifier applies to sampled figures only. --from/--to: ' +
    'see window.',
};
