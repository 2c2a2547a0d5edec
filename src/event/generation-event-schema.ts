import { z } from 'zod';
import { countryCodeTable, isCountryCode } from './country-codes.js';
import { isoDateTimeProblemMessage, scanIsoDateTime } from './iso-date-time.js';

/**
 * Generation event, format v1 (the public contract; see README "Event format").
 * Unknown fields are ignored. `null` in an optional field means the field is absent (gateways emit null for
 * "unknown"); `null` in a required field is reported as "is required". Validation errors name the field path and why.
 */

/** Largest token count accepted for one request; anything above is a data error, not traffic. */
export const MAX_TOKENS = 100_000_000;
/** Largest cost accepted for one request, in USD. */
export const MAX_COST_USD = 1_000_000;
/** Timestamps outside [2000-01-01, 2200-01-01) are rejected as implausible. */
export const MIN_TS = Date.UTC(2000, 0, 1);
export const MAX_TS = Date.UTC(2200, 0, 1);
/** Largest latency accepted, in ms (a week). */
export const MAX_LATENCY_MS = 86_400_000 * 7;
/** The alpha-2 codes `billingCountry` may take (see country-codes.ts); a constant lookup table. */
export const COUNTRY_CODES = countryCodeTable();

export const FINISH_REASONS = ['stop', 'length', 'tool_calls', 'content_filter', 'error'] as const;
export type FinishReason = (typeof FINISH_REASONS)[number] | 'other';

/** A required field that is missing or null. */
const isMissing = (input: unknown) => input === undefined || input === null;

/** An optional field: `null` reads as absent, anything else must match `schema`. */
const optionalField = <T extends z.ZodType>(schema: T) =>
  schema
    .nullish()
    .transform((v) => v ?? undefined)
    .optional();

const tokenCount = z
  .number({ error: (i) => (isMissing(i.input) ? 'is required' : 'must be a number') })
  .int('must be an integer')
  .min(0, 'must not be negative')
  .max(MAX_TOKENS, `must be at most ${MAX_TOKENS}`);

const optionalTokenCount = optionalField(tokenCount);

const createdAt = z
  .union([z.string(), z.number()], {
    error: (i) => (isMissing(i.input) ? 'is required' : 'must be an ISO-8601 string or epoch milliseconds'),
  })
  .transform((v, ctx) => {
    let ms: number;
    if (typeof v === 'number') {
      ms = v;
    } else {
      // Not Date.parse: it reads a time without offset in the host's time zone and rolls 02-30 into March.
      const r = scanIsoDateTime(v);
      if (typeof r !== 'number') {
        ctx.addIssue({ code: 'custom', message: isoDateTimeProblemMessage(v, r) });
        return z.NEVER;
      }
      ms = r;
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

/** A chat message as the pipeline reads it: only `content` text matters; other fields are kept as they are. */
export interface PromptMessage {
  role?: string;
  content?: string | Array<{ type: string; text?: unknown; [k: string]: unknown }> | null;
  [k: string]: unknown;
}
export type Prompt = string | PromptMessage[];

/** One thing wrong with a prompt value: where (relative to `prompt`) and why. */
export interface PromptProblem {
  path: Array<string | number>;
  message: string;
}

/**
 * Walk a prompt value once and list what is wrong with it (nothing for a string or well-formed messages). The
 * generic object/union schemas cost several microseconds per message, and this field is validated on every event
 * (sampled or not), so that acceptance never depends on sampling.
 */
export function promptProblems(v: unknown): PromptProblem[] {
  if (typeof v === 'string') return [];
  if (!Array.isArray(v)) return [{ path: [], message: 'must be a string or an array of chat messages' }];
  const problems: PromptProblem[] = [];
  for (let i = 0; i < v.length; i++) {
    const m: unknown = v[i];
    if (m === null || typeof m !== 'object' || Array.isArray(m)) {
      problems.push({ path: [i], message: 'must be a chat message object {role, content}' });
      continue;
    }
    const role = (m as { role?: unknown }).role;
    if (role !== undefined && typeof role !== 'string') problems.push({ path: [i, 'role'], message: 'must be a string' });
    const content = (m as { content?: unknown }).content;
    if (content === undefined || content === null || typeof content === 'string') continue;
    if (!Array.isArray(content)) {
      problems.push({ path: [i, 'content'], message: 'must be a string or an array of content parts' });
      continue;
    }
    for (let j = 0; j < content.length; j++) {
      const part: unknown = content[j];
      if (part === null || typeof part !== 'object' || typeof (part as { type?: unknown }).type !== 'string') {
        problems.push({ path: [i, 'content', j], message: 'must be a content part with a string "type"' });
      }
    }
  }
  return problems;
}

/** The prompt as a zod refinement over promptProblems; errors carry the exact path, e.g. prompt.2.content. */
const prompt = z.unknown().superRefine((v, ctx) => {
  for (const p of promptProblems(v)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
}) as unknown as z.ZodType<Prompt>;

const optionalString = (max: number) =>
  optionalField(z.string({ error: 'must be a string' }).max(max, `must be at most ${max} characters`));

const optionalBool = optionalField(z.boolean({ error: 'must be a boolean' }));

const requiredString = () =>
  z
    .string({ error: (i) => (isMissing(i.input) ? 'is required' : 'must be a string') })
    .min(1, 'must not be empty')
    .max(256, 'must be at most 256 characters');

export const generationEventSchema = z.object({
  id: requiredString(),
  createdAt,
  model: requiredString(),
  provider: optionalString(256),
  usage: z.object(
    {
      promptTokens: tokenCount,
      completionTokens: tokenCount,
      reasoningTokens: optionalTokenCount,
      cachedTokens: optionalTokenCount,
    },
    { error: (i) => (isMissing(i.input) ? 'is required' : 'must be an object') },
  ),
  costUsd: optionalField(
    z.number({ error: 'must be a number' }).min(0, 'must not be negative').max(MAX_COST_USD, `must be at most ${MAX_COST_USD}`),
  ),
  latencyMs: optionalField(
    z.number({ error: 'must be a number' }).min(0, 'must not be negative').max(MAX_LATENCY_MS, `must be at most ${MAX_LATENCY_MS}`),
  ),
  finishReason: optionalField(z.string({ error: 'must be a string' })).transform((v): FinishReason | undefined =>
    v === undefined ? undefined : (FINISH_REASONS as readonly string[]).includes(v) ? (v as FinishReason) : 'other',
  ),
  toolsProvided: optionalBool,
  streamed: optionalBool,
  cancelled: optionalBool,
  userId: optionalString(1024),
  billingCountry: optionalField(
    z
      .string({ error: 'must be a string' })
      .refine((c) => isCountryCode(COUNTRY_CODES, c), 'must be an ISO 3166-1 alpha-2 code')
      .transform((c) => c.toUpperCase()),
  ),
  consent: optionalField(z.enum(['granted', 'denied'], { error: 'must be "granted" or "denied"' })),
  prompt: optionalField(prompt),
});

export type GenerationEvent = z.output<typeof generationEventSchema>;
export type GenerationEventInput = z.input<typeof generationEventSchema>;
