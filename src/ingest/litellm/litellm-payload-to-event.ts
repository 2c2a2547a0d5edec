import type { DecodedRecord } from '../ingest-format.js';
import { normalizeFinishReason } from '../finish-reason-aliases.js';
import { chatMessagesToPrompt } from '../prompt-messages.js';
import { notAnObjectError, recordIssueMessage, zodRecordError } from '../zod-record-error.js';
import { standardLoggingPayloadSchema } from './standard-logging-payload-schema.js';

/**
 * One LiteLLM StandardLoggingPayload → a v1-shaped event.
 * id ← id; createdAt ← startTime (epoch s); model ← model (or model_group); provider ← custom_llm_provider;
 * usage ← prompt_tokens / completion_tokens (+ reasoning and cached tokens from response.usage details);
 * costUsd ← response_cost; latencyMs ← endTime − startTime; finishReason ← 'error' when status is failure, else
 * response.choices[0].finish_reason; streamed ← stream; userId ← end_user, else metadata.user_api_key_user_id;
 * toolsProvided ← model_parameters.tools is non-empty; prompt ← messages (text only; dropped at the edge unless sampled).
 */
export function litellmPayloadToEvent(value: unknown, ref: string): DecodedRecord {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ref, error: notAnObjectError('a LiteLLM logging payload') };
  }
  const parsed = standardLoggingPayloadSchema.safeParse(value, { error: recordIssueMessage });
  if (!parsed.success) return { ref, error: zodRecordError(parsed.error) };
  const p = parsed.data;
  const failed = p.status === 'failure';

  const model = nonEmpty(p.model) ?? nonEmpty(p.model_group);
  if (!model) return { ref, error: { field: 'model', code: 'invalid_field', message: 'is required (model and model_group are both empty)' } };

  const usage: Record<string, number> = {};
  for (const [v1, src] of [['promptTokens', 'prompt_tokens'], ['completionTokens', 'completion_tokens']] as const) {
    const n = p[src];
    if (typeof n === 'number') usage[v1] = n;
    // A failed call's payload may omit usage; it consumed nothing we know of.
    else if (failed) usage[v1] = 0;
    else return { ref, error: { field: src, code: 'invalid_field', message: 'is required for a successful call' } };
  }
  const responseUsage = path(p.response, 'usage');
  const reasoning = path(responseUsage, 'completion_tokens_details', 'reasoning_tokens');
  if (isCount(reasoning)) usage.reasoningTokens = reasoning;
  const cached = path(responseUsage, 'prompt_tokens_details', 'cached_tokens');
  if (isCount(cached)) usage.cachedTokens = cached;

  const out: Record<string, unknown> = {
    id: p.id,
    createdAt: Math.round(p.startTime * 1000),
    model,
    usage,
  };
  const provider = nonEmpty(p.custom_llm_provider);
  if (provider) out.provider = provider;
  if (typeof p.response_cost === 'number') out.costUsd = p.response_cost;
  if (typeof p.endTime === 'number' && p.endTime >= p.startTime) out.latencyMs = Math.round((p.endTime - p.startTime) * 1000);

  const finish = failed ? 'error' : path(p.response, 'choices', 0, 'finish_reason');
  if (typeof finish === 'string' && finish !== '') out.finishReason = normalizeFinishReason(finish);
  if (typeof p.stream === 'boolean') out.streamed = p.stream;

  const user = nonEmpty(p.end_user) ?? nonEmpty(p.metadata?.user_api_key_user_id);
  if (user) out.userId = user;

  const tools = p.model_parameters?.tools;
  if (Array.isArray(tools)) out.toolsProvided = tools.length > 0;

  const prompt = chatMessagesToPrompt(p.messages);
  if (prompt !== undefined) out.prompt = prompt;
  return { ref, value: out };
}

function nonEmpty(s: string | null | undefined): string | undefined {
  return typeof s === 'string' && s !== '' ? s : undefined;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** Safe nested read: path(obj, 'a', 0, 'b') → obj.a[0].b, or undefined when any step is missing. */
function path(v: unknown, ...steps: Array<string | number>): unknown {
  let cur = v;
  for (const s of steps) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return cur;
}
