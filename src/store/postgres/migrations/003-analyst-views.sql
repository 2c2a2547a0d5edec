-- Views for analysts, named after the study's figures; docs/postgres.md describes every column.
-- Counter fields join their parts with U+001F (chr(31)); see src/pipeline/rollup-fields.ts and
-- src/pipeline/category-scopes.ts. Costs are stored in nano-dollars and shown here in USD.

-- Per (week or day) × model × provider metric rows: the building block of the usage views.
CREATE VIEW model_metrics AS
SELECT left(c.scope, 1) AS period_kind,
       substr(c.scope, 3) AS period,
       split_part(c.field, chr(31), 2) AS model,
       split_part(c.field, chr(31), 3) AS provider,
       split_part(c.field, chr(31), 4) AS metric,
       c.value
FROM counters c
WHERE (c.scope LIKE 'w:%' OR c.scope LIKE 'd:%')
  AND c.field LIKE 'm' || chr(31) || '%';

CREATE VIEW weekly_tokens_by_model AS
WITH per_model AS (
  SELECT period AS week, model, provider,
         coalesce(sum(value) FILTER (WHERE metric = 'req'), 0) AS requests,
         coalesce(sum(value) FILTER (WHERE metric = 'pt'), 0) AS prompt_tokens,
         coalesce(sum(value) FILTER (WHERE metric = 'ct'), 0) AS completion_tokens,
         coalesce(sum(value) FILTER (WHERE metric = 'rt'), 0) AS reasoning_tokens,
         coalesce(sum(value) FILTER (WHERE metric = 'kt'), 0) AS cached_tokens,
         coalesce(sum(value) FILTER (WHERE metric = 'cost'), 0) AS cost_nano
  FROM model_metrics
  WHERE period_kind = 'w'
  GROUP BY period, model, provider
)
SELECT week, model, provider, requests, prompt_tokens, completion_tokens, reasoning_tokens, cached_tokens,
       prompt_tokens + completion_tokens AS total_tokens,
       cost_nano / 1e9 AS cost_usd,
       (prompt_tokens + completion_tokens)::double precision
         / nullif(sum(prompt_tokens + completion_tokens) OVER (PARTITION BY week), 0) AS token_share
FROM per_model;

CREATE VIEW daily_tokens_by_model AS
SELECT period AS day, model, provider,
       coalesce(sum(value) FILTER (WHERE metric = 'req'), 0) AS requests,
       coalesce(sum(value) FILTER (WHERE metric = 'pt'), 0) AS prompt_tokens,
       coalesce(sum(value) FILTER (WHERE metric = 'ct'), 0) AS completion_tokens,
       coalesce(sum(value) FILTER (WHERE metric = 'rt'), 0) AS reasoning_tokens,
       coalesce(sum(value) FILTER (WHERE metric = 'kt'), 0) AS cached_tokens,
       coalesce(sum(value) FILTER (WHERE metric = 'cost'), 0) / 1e9 AS cost_usd
FROM model_metrics
WHERE period_kind = 'd'
GROUP BY period, model, provider;

CREATE VIEW weekly_requests AS
SELECT week,
       sum(requests) AS requests,
       sum(prompt_tokens) AS prompt_tokens,
       sum(completion_tokens) AS completion_tokens,
       sum(reasoning_tokens) AS reasoning_tokens,
       sum(cached_tokens) AS cached_tokens,
       sum(total_tokens) AS total_tokens,
       sum(cost_usd) AS cost_usd
FROM weekly_tokens_by_model
GROUP BY week;

-- The study's "sequence length" and "latency" figures.
CREATE VIEW weekly_sequence_lengths AS
SELECT period AS week, model,
       sum(value) FILTER (WHERE metric = 'req') AS requests,
       sum(value) FILTER (WHERE metric = 'pt')::double precision / nullif(sum(value) FILTER (WHERE metric = 'req'), 0) AS avg_prompt_tokens,
       sum(value) FILTER (WHERE metric = 'ct')::double precision / nullif(sum(value) FILTER (WHERE metric = 'req'), 0) AS avg_completion_tokens,
       sum(value) FILTER (WHERE metric = 'rt')::double precision / nullif(sum(value) FILTER (WHERE metric = 'req'), 0) AS avg_reasoning_tokens,
       sum(value) FILTER (WHERE metric = 'latSum')::double precision / nullif(sum(value) FILTER (WHERE metric = 'latN'), 0) AS avg_latency_ms
FROM model_metrics
WHERE period_kind = 'w'
GROUP BY period, model;

-- The study's "tool calling" figure: requests that ended in a tool call, and requests that offered tools.
CREATE VIEW weekly_tool_use AS
SELECT period AS week, model,
       coalesce(sum(value) FILTER (WHERE metric = 'req'), 0) AS requests,
       coalesce(sum(value) FILTER (WHERE metric = 'toolReq'), 0) AS tool_call_requests,
       coalesce(sum(value) FILTER (WHERE metric = 'toolTok'), 0) AS tool_call_tokens,
       coalesce(sum(value) FILTER (WHERE metric = 'toolsReq'), 0) AS tools_provided_requests,
       coalesce(sum(value) FILTER (WHERE metric = 'toolsTok'), 0) AS tools_provided_tokens,
       coalesce(sum(value) FILTER (WHERE metric = 'toolReq'), 0)::double precision
         / nullif(sum(value) FILTER (WHERE metric = 'req'), 0) AS tool_call_share,
       coalesce(sum(value) FILTER (WHERE metric = 'streamed'), 0) AS streamed_requests,
       coalesce(sum(value) FILTER (WHERE metric = 'cancelled'), 0) AS cancelled_requests
FROM model_metrics
WHERE period_kind = 'w'
GROUP BY period, model;

CREATE VIEW weekly_finish_reasons AS
SELECT period AS week, model, provider, substr(metric, 4) AS finish_reason, sum(value) AS requests
FROM model_metrics
WHERE period_kind = 'w' AND metric LIKE 'fr.%'
GROUP BY period, model, provider, substr(metric, 4);

-- The study's geography figure (per billing country; '' = unknown).
CREATE VIEW weekly_usage_by_country AS
WITH per_country AS (
  SELECT substr(scope, 3) AS week,
         split_part(field, chr(31), 2) AS country,
         coalesce(sum(value) FILTER (WHERE split_part(field, chr(31), 3) = 'req'), 0) AS requests,
         coalesce(sum(value) FILTER (WHERE split_part(field, chr(31), 3) = 'tok'), 0) AS tokens,
         coalesce(sum(value) FILTER (WHERE split_part(field, chr(31), 3) = 'cost'), 0) AS cost_nano
  FROM counters
  WHERE scope LIKE 'w:%' AND field LIKE 'c' || chr(31) || '%'
  GROUP BY 1, 2
)
SELECT week, country, requests, tokens, cost_nano / 1e9 AS cost_usd,
       tokens::double precision / nullif(sum(tokens) OVER (PARTITION BY week), 0) AS token_share
FROM per_country;

-- Log-scale token histograms: four buckets per doubling; bucket b covers [2^((b-1)/4), 2^(b/4)), bucket 0 is 0.
CREATE VIEW weekly_token_histogram AS
SELECT substr(scope, 3) AS week,
       CASE split_part(field, chr(31), 2) WHEN 'pt' THEN 'prompt' WHEN 'ct' THEN 'completion' ELSE 'total' END AS measure,
       split_part(field, chr(31), 3)::integer AS bucket,
       CASE WHEN split_part(field, chr(31), 3) = '0' THEN 0 ELSE 2 ^ ((split_part(field, chr(31), 3)::integer - 1) / 4.0) END AS tokens_low,
       CASE WHEN split_part(field, chr(31), 3) = '0' THEN 0 ELSE 2 ^ (split_part(field, chr(31), 3)::integer / 4.0) END AS tokens_high,
       value AS requests
FROM counters
WHERE scope LIKE 'w:%' AND field LIKE 'h' || chr(31) || '%';

-- The sampling funnel per week (every event is counted once under exactly one decision).
CREATE VIEW sampling_outcomes AS
SELECT substr(scope, 3) AS week,
       coalesce(sum(value) FILTER (WHERE field = 'seen'), 0) AS events_seen,
       coalesce(sum(value) FILTER (WHERE field = 'sampled'), 0) AS sampled,
       coalesce(sum(value) FILTER (WHERE field = 'notSampled'), 0) AS not_sampled,
       coalesce(sum(value) FILTER (WHERE field = 'consentDenied'), 0) AS consent_denied,
       coalesce(sum(value) FILTER (WHERE field = 'noConsent'), 0) AS no_consent
FROM counters
WHERE scope LIKE 's:%'
GROUP BY 1;

-- What the classifier answered for the samples: classified / belowThreshold (per category view, "k" scopes),
-- unclassifiable / error with their reason (independent of the view, "q" scopes).
CREATE VIEW classifier_outcomes AS
SELECT split_part(scope, chr(31), 2) AS week,
       split_part(scope, chr(31), 3) AS classifier,
       CASE WHEN left(scope, 1) = 'k' THEN split_part(scope, chr(31), 4) END AS category_view,
       split_part(field, chr(31), 2) AS outcome,
       value AS samples
FROM counters
WHERE (scope LIKE 'k' || chr(31) || '%' OR scope LIKE 'q' || chr(31) || '%')
  AND field LIKE 'o' || chr(31) || '%';

CREATE VIEW classifier_failure_reasons AS
SELECT split_part(scope, chr(31), 2) AS week,
       split_part(scope, chr(31), 3) AS classifier,
       split_part(field, chr(31), 2) AS outcome,
       split_part(field, chr(31), 3) AS reason,
       value AS samples
FROM counters
WHERE scope LIKE 'q' || chr(31) || '%' AND field LIKE 'r' || chr(31) || '%';

-- Category figure rows: one row per counter of a category view scope, parts split out.
CREATE VIEW category_counters AS
SELECT split_part(scope, chr(31), 2) AS week,
       split_part(scope, chr(31), 3) AS classifier,
       split_part(scope, chr(31), 4) AS category_view,
       split_part(field, chr(31), 1) AS kind,
       split_part(field, chr(31), 2) AS part1,
       split_part(field, chr(31), 3) AS part2,
       value
FROM counters
WHERE scope LIKE 'k' || chr(31) || '%';

-- The study's category share figure (per week, classifier and category view). share = samples in the category /
-- samples the classifier answered (classified + below threshold), as in the report; a sample counts under every
-- category it received, so shares may add up to more than 1. estimated_requests needs the sampling rate, which the
-- store does not know: multiply sampled_requests by 1 / sampling.rate.
CREATE VIEW category_shares AS
WITH answered AS (
  SELECT week, classifier, category_view, sum(value) AS answered_samples
  FROM category_counters
  WHERE kind = 'o' AND part1 IN ('classified', 'belowThreshold')
  GROUP BY 1, 2, 3
),
per_category AS (
  SELECT week, classifier, category_view, part1 AS category,
         coalesce(sum(value) FILTER (WHERE kind = 'c'), 0) AS sampled_requests,
         coalesce(sum(value) FILTER (WHERE kind = 'p'), 0) AS primary_sampled_requests
  FROM category_counters
  WHERE kind IN ('c', 'p')
  GROUP BY 1, 2, 3, 4
)
SELECT p.week, p.classifier, p.category_view, p.category, p.sampled_requests, p.primary_sampled_requests,
       a.answered_samples,
       p.sampled_requests::double precision / nullif(a.answered_samples, 0) AS share
FROM per_category p
LEFT JOIN answered a USING (week, classifier, category_view);

-- The study's "tokens by category" figure: token and cost sums of sampled requests by primary category.
CREATE VIEW category_tokens AS
SELECT week, classifier, category_view, part1 AS category,
       coalesce(sum(value) FILTER (WHERE part2 = 'n'), 0) AS samples,
       coalesce(sum(value) FILTER (WHERE part2 = 'pt'), 0) AS prompt_tokens,
       coalesce(sum(value) FILTER (WHERE part2 = 'ct'), 0) AS completion_tokens,
       coalesce(sum(value) FILTER (WHERE part2 = 'cost'), 0) / 1e9 AS cost_usd,
       (coalesce(sum(value) FILTER (WHERE part2 = 'pt'), 0) + coalesce(sum(value) FILTER (WHERE part2 = 'ct'), 0))::double precision
         / nullif(sum(value) FILTER (WHERE part2 = 'n'), 0) AS avg_tokens_per_request
FROM category_counters
WHERE kind = 'ct'
GROUP BY 1, 2, 3, 4;

-- The study's per-model category mix: samples of each model under each category (all and primary).
CREATE VIEW category_by_model AS
SELECT week, classifier, category_view, part1 AS category, part2 AS model,
       coalesce(sum(value) FILTER (WHERE kind = 'cm'), 0) AS sampled_requests,
       coalesce(sum(value) FILTER (WHERE kind = 'pm'), 0) AS primary_sampled_requests
FROM category_counters
WHERE kind IN ('cm', 'pm')
GROUP BY 1, 2, 3, 4, 5;

-- The study's sub-category tags (e.g. programming/debugging).
CREATE VIEW category_tags AS
SELECT week, classifier, category_view, part1 AS tag, value AS sampled_requests
FROM category_counters
WHERE kind = 't';

-- Languages of the sampled prompts ('und' when unknown).
CREATE VIEW sample_languages AS
SELECT week, classifier, category_view, part1 AS language,
       coalesce(sum(value) FILTER (WHERE part2 = 'n'), 0) AS samples,
       coalesce(sum(value) FILTER (WHERE part2 = 'tok'), 0) AS tokens
FROM category_counters
WHERE kind = 'lang'
GROUP BY 1, 2, 3, 4;

-- Distinct users (HyperLogLog estimates, about 0.8% standard error).
CREATE VIEW weekly_active_users AS
SELECT substr(name, 3) AS week, distinct_estimate(ARRAY[name]) AS users
FROM distinct_sets
WHERE name LIKE 'w:%';

CREATE VIEW weekly_users_by_model AS
SELECT split_part(name, chr(31), 2) AS week, split_part(name, chr(31), 3) AS model, distinct_estimate(ARRAY[name]) AS users
FROM distinct_sets
WHERE name LIKE 'wm' || chr(31) || '%';

CREATE VIEW monthly_users_by_model AS
SELECT split_part(name, chr(31), 2) AS month, split_part(name, chr(31), 3) AS model, distinct_estimate(ARRAY[name]) AS users
FROM distinct_sets
WHERE name LIKE 'mm' || chr(31) || '%';
