import type { DecodedRecord } from '../ingest-format.js';
import { normalizeFinishReason } from '../finish-reason-aliases.js';
import { notAnObjectError, recordIssueMessage, zodRecordError } from '../zod-record-error.js';
import { generationRecordSchema } from './generation-record-schema.js';

/**
 * One OpenRouter generation record, bare or wrapped as the API returns it ({"data": {...}}) → a v1-shaped event.
 *
 * Token counts: the native_* counts (the model's own tokenizer, as reported by the provider) are used, and the
 * normalized tokens_prompt / tokens_completion only when a native count is missing. Native counts are what the
 * request was billed on (total_cost), they are the only kind OpenRouter reports for reasoning and cached tokens (so
 * the four v1 counts stay on one scale), and they match what LiteLLM and OTLP GenAI spans report, so the same model
 * shows the same numbers whichever way its traffic arrives. As in OpenAI's usage, completion includes reasoning.
 *
 * latencyMs ← latency (total, ms), else generation_time; finishReason ← finish_reason (OpenRouter's normalized
 * value), else native_finish_reason through the alias table; userId ← external_user; provider ← provider_name;
 * costUsd ← total_cost. data_region is a routing region, not the user's billing country, so it is not mapped.
 * Generation records carry no prompt text.
 */
export function generationToEvent(value: unknown, ref: string): DecodedRecord {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ref, error: notAnObjectError('an OpenRouter generation record') };
  }
  const raw = value as Record<string, unknown>;
  const wrapped = raw.id === undefined && raw.data !== null && typeof raw.data === 'object' && !Array.isArray(raw.data);
  const parsed = generationRecordSchema.safeParse(wrapped ? raw.data : raw, { error: recordIssueMessage });
  if (!parsed.success) return { ref, error: zodRecordError(parsed.error, wrapped ? 'data.' : '') };
  const g = parsed.data;
  const prefix = wrapped ? 'data.' : '';

  const promptTokens = g.native_tokens_prompt ?? g.tokens_prompt;
  if (promptTokens == null) {
    return { ref, error: { field: `${prefix}native_tokens_prompt`, code: 'invalid_field', message: 'is required (tokens_prompt is missing too)' } };
  }
  const completionTokens = g.native_tokens_completion ?? g.tokens_completion;
  if (completionTokens == null) {
    return { ref, error: { field: `${prefix}native_tokens_completion`, code: 'invalid_field', message: 'is required (tokens_completion is missing too)' } };
  }
  const usage: Record<string, number> = { promptTokens, completionTokens };
  if (g.native_tokens_reasoning != null) usage.reasoningTokens = g.native_tokens_reasoning;
  if (g.native_tokens_cached != null) usage.cachedTokens = g.native_tokens_cached;

  const out: Record<string, unknown> = { id: g.id, createdAt: g.created_at, model: g.model, usage };
  if (g.provider_name) out.provider = g.provider_name;
  if (g.total_cost != null) out.costUsd = g.total_cost;
  const latency = g.latency ?? g.generation_time;
  if (latency != null) out.latencyMs = latency;
  const finish = g.finish_reason || g.native_finish_reason;
  if (finish) out.finishReason = normalizeFinishReason(finish);
  if (g.streamed != null) out.streamed = g.streamed;
  if (g.cancelled != null) out.cancelled = g.cancelled;
  if (g.external_user) out.userId = g.external_user;
  return { ref, value: out };
}
