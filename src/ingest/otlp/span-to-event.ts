import { z } from 'zod';
import type { EventError } from '../../event/event-error.js';
import type { DecodedRecord } from '../ingest-format.js';
import { normalizeFinishReason } from '../finish-reason-aliases.js';
import { recordIssueMessage, zodRecordError } from '../zod-record-error.js';
import { attributesToMap, isRecord } from './any-value.js';
import {
  GENAI_ATTRIBUTE_ALIASES as A,
  GENERATION_OPENINFERENCE_KINDS,
  GENERATION_OPERATIONS,
  IGNORED_NOT_A_GENERATION,
  IGNORED_NOT_A_MODEL_CALL,
  NON_GENERATION_MODEL_OPERATIONS,
  NON_GENERATION_OPENINFERENCE_KINDS,
} from './genai-attribute-aliases.js';
import { spanPrompt } from './span-prompt.js';

/**
 * A 64-bit count of nanoseconds since the epoch. The proto3 JSON mapping writes (u)int64 and fixed64 as a decimal
 * string but lets a parser accept a JSON number as well, and several exporters send numbers. A number above 2^53 has
 * already lost its last digits in the sender's JSON encoder; that is far below the millisecond resolution we keep.
 */
const UNIX_NANO_MESSAGE = 'must be a non-negative count of nanoseconds since the epoch (a JSON number or a decimal string)';
const unixNano = z.union(
  [
    z.string().regex(/^\d+$/, UNIX_NANO_MESSAGE),
    z.number().refine((n) => Number.isFinite(n) && n >= 0, UNIX_NANO_MESSAGE),
  ],
  { error: UNIX_NANO_MESSAGE },
);
/** The latest instant a JavaScript Date can hold (8.64e15 ms after the epoch), in nanoseconds. */
const MAX_UNIX_NANO = 8_640_000_000_000_000n * 1_000_000n;

/** The span fields the mapper reads; everything else is ignored. */
const spanSchema = z.looseObject({
  traceId: z.string({ error: 'must be a hex string' }).optional(),
  spanId: z.string({ error: 'must be a hex string' }).optional(),
  startTimeUnixNano: unixNano.optional(),
  endTimeUnixNano: unixNano.optional(),
  // Entries without a string key or a usable value are skipped by attributesToMap, not fatal to the span.
  attributes: z.array(z.unknown(), { error: 'must be an array of {key, value}' }).optional(),
  status: z
    .looseObject({ code: z.union([z.number(), z.string()], { error: 'must be a status code' }).optional() })
    .nullish(),
});

export type SpanMapping = { record: DecodedRecord } | { ignored: string };

/**
 * Map one OTLP span (OTLP/JSON shape) to a v1-shaped event, or say why it is ignored. `resourceAttrs` are the
 * attributes of the span's resource (consulted for the user id only).
 */
export function spanToEvent(span: unknown, resourceAttrs: ReadonlyMap<string, unknown>, ref: string): SpanMapping {
  if (!isRecord(span)) return fail(ref, { field: '(event)', code: 'not_an_object', message: 'span must be a JSON object' });
  const parsed = spanSchema.safeParse(span, { error: recordIssueMessage });
  if (!parsed.success) return fail(ref, zodRecordError(parsed.error));
  const s = parsed.data;
  const attrs = attributesToMap(s.attributes);

  const kind = spanKind(attrs);
  if (kind !== 'generation') return { ignored: kind };

  const code = s.status?.code;
  const isError = code === 2 || code === '2' || code === 'STATUS_CODE_ERROR';
  const out: Record<string, unknown> = {};

  const responseId = firstString(attrs, A.responseId);
  if (responseId) out.id = responseId.value;
  else if (s.traceId && s.spanId) out.id = `${s.traceId.toLowerCase()}-${s.spanId.toLowerCase()}`;
  else return fail(ref, { field: 'spanId', code: 'invalid_field', message: 'is required (with traceId) when gen_ai.response.id is absent' });

  const start = nanosToBigInt(s.startTimeUnixNano);
  if (start === undefined || start === 0n) {
    return fail(ref, { field: 'startTimeUnixNano', code: 'invalid_field', message: 'is required: the span start time is the event time' });
  }
  if (start > MAX_UNIX_NANO) {
    return fail(ref, { field: 'startTimeUnixNano', code: 'invalid_field', message: 'is out of range: past the latest date a timestamp can hold; it must be nanoseconds since the epoch' });
  }
  out.createdAt = Number(start / 1_000_000n);
  const end = nanosToBigInt(s.endTimeUnixNano);
  // Microsecond resolution: finer digits are noise when a sender wrote the times as JSON numbers above 2^53.
  if (end !== undefined && end >= start && end <= MAX_UNIX_NANO) out.latencyMs = Math.round(Number(end - start) / 1000) / 1000;

  const model = firstString(attrs, A.model);
  if (!model) return fail(ref, missing(A.model, 'a model-call span needs the model name'));
  out.model = model.value;
  const provider = firstString(attrs, A.provider);
  if (provider) out.provider = provider.value;

  const usage: Record<string, number> = {};
  for (const [field, keys, required] of [
    ['promptTokens', A.promptTokens, true],
    ['completionTokens', A.completionTokens, true],
    ['cachedTokens', A.cachedTokens, false],
    ['reasoningTokens', A.reasoningTokens, false],
  ] as const) {
    const r = readNumber(attrs, keys, 'count');
    if ('error' in r) return fail(ref, r.error);
    if (r.value !== undefined) usage[field] = r.value;
    // A failed call that reports no usage consumed nothing we know of: count it with zero tokens.
    else if (required && isError) usage[field] = 0;
    else if (required) return fail(ref, missing(keys, 'token counts are required for a model call'));
  }
  out.usage = usage;

  const cost = readNumber(attrs, A.costUsd, 'usd');
  if ('error' in cost) return fail(ref, cost.error);
  if (cost.value !== undefined) out.costUsd = cost.value;

  const reason = isError ? 'error' : firstFinishReason(attrs);
  if (reason !== undefined) out.finishReason = reason;

  const user = firstString(attrs, A.userId) ?? firstString(resourceAttrs, A.userId);
  if (user) out.userId = user.value;

  if (A.toolDefinitions.some((k) => attrs.has(k) || hasKeyWithPrefix(attrs, `${k}.`))) out.toolsProvided = true;

  const prompt = spanPrompt(attrs);
  if (prompt !== undefined) out.prompt = prompt;

  return { record: { ref, value: out } };
}

/** 'generation' or the ignored reason. */
function spanKind(attrs: ReadonlyMap<string, unknown>): 'generation' | string {
  const op = firstString(attrs, A.operation)?.value;
  if (op !== undefined) {
    if (GENERATION_OPERATIONS.includes(op)) return 'generation';
    return NON_GENERATION_MODEL_OPERATIONS.includes(op) ? IGNORED_NOT_A_GENERATION : IGNORED_NOT_A_MODEL_CALL;
  }
  const oi = firstString(attrs, A.openInferenceKind)?.value.toUpperCase();
  if (oi !== undefined) {
    if (GENERATION_OPENINFERENCE_KINDS.includes(oi)) return 'generation';
    return NON_GENERATION_OPENINFERENCE_KINDS.includes(oi) ? IGNORED_NOT_A_GENERATION : IGNORED_NOT_A_MODEL_CALL;
  }
  // No declared operation: a span naming a model and reporting token usage is a model call (e.g. OpenRouter Broadcast).
  const hasModel = firstString(attrs, A.model) !== undefined;
  const hasUsage = [...A.promptTokens, ...A.completionTokens].some((k) => attrs.has(k));
  return hasModel && hasUsage ? 'generation' : IGNORED_NOT_A_MODEL_CALL;
}

function firstString(attrs: ReadonlyMap<string, unknown>, keys: readonly string[]): { key: string; value: string } | undefined {
  for (const key of keys) {
    const v = attrs.get(key);
    if (typeof v === 'string' && v !== '') return { key, value: v };
    if (typeof v === 'number' && Number.isFinite(v)) return { key, value: String(v) };
  }
  return undefined;
}

function firstFinishReason(attrs: ReadonlyMap<string, unknown>): string | undefined {
  for (const key of A.finishReasons) {
    const v = attrs.get(key);
    const first = Array.isArray(v) ? v.find((x) => typeof x === 'string' && x !== '') : v;
    if (typeof first === 'string' && first !== '') return normalizeFinishReason(first);
  }
  return undefined;
}

type NumberRead = { value?: number } | { error: EventError };

function readNumber(attrs: ReadonlyMap<string, unknown>, keys: readonly string[], kind: 'count' | 'usd'): NumberRead {
  for (const key of keys) {
    if (!attrs.has(key)) continue;
    const raw = attrs.get(key);
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    const ok = kind === 'count' ? Number.isInteger(n) && n >= 0 : Number.isFinite(n) && n >= 0;
    if (!ok) {
      return {
        error: {
          field: `attributes["${key}"]`,
          code: 'invalid_field',
          message: kind === 'count' ? 'must be a non-negative integer' : 'must be a non-negative number (USD)',
        },
      };
    }
    return { value: n };
  }
  return {};
}

function missing(keys: readonly string[], why: string): EventError {
  return {
    field: `attributes["${keys[0]}"]`,
    code: 'invalid_field',
    message: `is missing (also looked for ${keys.slice(1).join(', ') || 'no alias'}); ${why}`,
  };
}

/** Exact for decimal strings; a number is truncated to an integer first (its fraction is below a nanosecond). */
function nanosToBigInt(v: string | number | undefined): bigint | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'string' ? BigInt(v) : BigInt(Math.trunc(v));
}

function hasKeyWithPrefix(attrs: ReadonlyMap<string, unknown>, prefix: string): boolean {
  for (const k of attrs.keys()) if (k.startsWith(prefix)) return true;
  return false;
}

function fail(ref: string, error: EventError): SpanMapping {
  return { record: { ref, error } };
}
