import { z } from 'zod';

/**
 * Generation event, format v1 (the public contract; see README "Event format").
 * Unknown fields are ignored. Validation errors name the field path and why.
 */

/** Largest token count accepted for one request; anything above is a data error, not traffic. */
export const MAX_TOKENS = 100_000_000;
/** Largest cost accepted for one request, in USD. */
export const MAX_COST_USD = 1_000_000;
/** Timestamps outside [2000-01-01, 2200-01-01) are rejected as implausible. */
const MIN_TS = Date.UTC(2000, 0, 1);
const MAX_TS = Date.UTC(2200, 0, 1);

export const FINISH_REASONS = ['stop', 'length', 'tool_calls', 'content_filter', 'error'] as const;
export type FinishReason = (typeof FINISH_REASONS)[number] | 'other';

const tokenCount = z
  .number({ error: (i) => (i.input === undefined ? 'is required' : 'must be a number') })
  .int('must be an integer')
  .min(0, 'must not be negative')
  .max(MAX_TOKENS, `must be at most ${MAX_TOKENS}`);

const optionalTokenCount = tokenCount.optional();

const createdAt = z
  .union([z.string(), z.number()], { error: (i) => (i.input === undefined ? 'is required' : 'must be an ISO-8601 string or epoch milliseconds') })
  .transform((v, ctx) => {
    let ms: number;
    if (typeof v === 'number') {
      ms = v;
    } else {
      // Date.parse accepts more than ISO-8601; require the ISO shape first.
      if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) {
        ctx.addIssue({ code: 'custom', message: 'must be an ISO-8601 date-time' });
        return z.NEVER;
      }
      ms = Date.parse(v);
    }
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid date' });
      return z.NEVER;
    }
    if (ms < MIN_TS || ms >= MAX_TS) {
      ctx.addIssue({ code: 'custom', message: 'is outside 2000..2200' });
      return z.NEVER;
    }
    return Math.trunc(ms);
  });

const textPart = z.looseObject({ type: z.string(), text: z.unknown().optional() });

const message = z.looseObject({
  role: z.string({ error: 'must be a string' }).optional(),
  content: z.union([z.string(), z.array(textPart), z.null()], {
    error: 'must be a string or an array of content parts',
  }).optional(),
});

const prompt = z.union([z.string(), z.array(message)], {
  error: 'must be a string or an array of chat messages',
});

const optionalString = (max: number) =>
  z.string({ error: 'must be a string' }).max(max, `must be at most ${max} characters`).optional();

const optionalBool = z.boolean({ error: 'must be a boolean' }).optional();

export const generationEventSchema = z.object({
  id: z
    .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') })
    .min(1, 'must not be empty')
    .max(256, 'must be at most 256 characters'),
  createdAt,
  model: z
    .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') })
    .min(1, 'must not be empty')
    .max(256, 'must be at most 256 characters'),
  provider: optionalString(256),
  usage: z.object(
    {
      promptTokens: tokenCount,
      completionTokens: tokenCount,
      reasoningTokens: optionalTokenCount,
      cachedTokens: optionalTokenCount,
    },
    { error: (i) => (i.input === undefined ? 'is required' : 'must be an object') },
  ),
  costUsd: z
    .number({ error: 'must be a number' })
    .min(0, 'must not be negative')
    .max(MAX_COST_USD, `must be at most ${MAX_COST_USD}`)
    .optional(),
  latencyMs: z.number({ error: 'must be a number' }).min(0, 'must not be negative').max(86_400_000 * 7).optional(),
  finishReason: z
    .union([z.string(), z.null()], { error: 'must be a string' })
    .optional()
    .transform((v): FinishReason | undefined =>
      v == null ? undefined : (FINISH_REASONS as readonly string[]).includes(v) ? (v as FinishReason) : 'other',
    ),
  toolsProvided: optionalBool,
  streamed: optionalBool,
  cancelled: optionalBool,
  userId: optionalString(1024),
  billingCountry: z
    .string({ error: 'must be a string' })
    .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
    .transform((c) => c.toUpperCase())
    .optional(),
  consent: z.enum(['granted', 'denied'], { error: 'must be "granted" or "denied"' }).optional(),
  prompt: prompt.optional(),
});

export type GenerationEvent = z.output<typeof generationEventSchema>;
export type GenerationEventInput = z.input<typeof generationEventSchema>;
