import { z } from 'zod';

const count = z.number({ error: 'must be a number' }).int('must be an integer').min(0, 'must not be negative').nullish();
const optionalString = z.string({ error: 'must be a string' }).nullish();
const optionalBool = z.boolean({ error: 'must be a boolean' }).nullish();
const optionalMs = z.number({ error: 'must be a number of milliseconds' }).min(0, 'must not be negative').nullish();

/**
 * The fields of an OpenRouter generation record (GET /api/v1/generation → data) that prompt-census reads.
 * Unknown fields (app_id, origin, usage, is_byok, num_media_*, upstream_id, …) are ignored.
 */
export const generationRecordSchema = z.looseObject({
  id: z.string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') }).min(1, 'must not be empty'),
  created_at: z
    .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be an ISO-8601 string') })
    .refine((s) => Number.isFinite(Date.parse(s)), 'must be an ISO-8601 date-time'),
  model: z.string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') }).min(1, 'must not be empty'),
  provider_name: optionalString,
  tokens_prompt: count,
  tokens_completion: count,
  native_tokens_prompt: count,
  native_tokens_completion: count,
  native_tokens_reasoning: count,
  native_tokens_cached: count,
  total_cost: z.number({ error: 'must be a number' }).min(0, 'must not be negative').nullish(),
  latency: optionalMs,
  generation_time: optionalMs,
  finish_reason: optionalString,
  native_finish_reason: optionalString,
  streamed: optionalBool,
  cancelled: optionalBool,
  external_user: optionalString,
  data_region: optionalString,
});

export type GenerationRecord = z.infer<typeof generationRecordSchema>;
