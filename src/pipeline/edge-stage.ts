import type { GenerationEvent } from '../event/generation-event-schema.js';
import { excerptOf } from '../event/excerpt.js';
import type { Sampler } from '../sampling/sampler.js';
import type { UserHasher } from '../sampling/user-hasher.js';
import type { RollupRecord, SamplingStatus } from './rollup-record.js';
import type { SampleTask } from './sample-task.js';

export interface EdgeOptions {
  sampler: Sampler;
  hashUser: UserHasher;
  maxChars: number;
  /** Sample only events with consent: granted. */
  requireConsent: boolean;
}

export interface EdgeResult {
  record: RollupRecord;
  /** Present only for sampled events; the prompt text of every other event is dropped here. */
  sample: SampleTask | null;
}

/** Control characters would break the store's field separator; dimension values never need them. */
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u001f\u007f]/g;
const clean = (s: string) => (HAS_CONTROL.test(s) ? s.replace(CONTROL_ALL, '?') : s);

/**
 * The edge: a validated event becomes a rollup record (always) and a sample task (only when sampled).
 * Pure apart from hashing. Nothing of the prompt survives unless the event is sampled.
 */
export function edgeStage(event: GenerationEvent, options: EdgeOptions): EdgeResult {
  let sampling: SamplingStatus;
  if (event.consent === 'denied') sampling = 2;
  else if (options.requireConsent && event.consent !== 'granted') sampling = 3;
  else sampling = options.sampler.isSampled(event.id) ? 1 : 0;

  const costNano = event.costUsd === undefined ? 0 : Math.round(event.costUsd * 1e9);
  const record: RollupRecord = {
    ts: event.createdAt,
    model: clean(event.model),
    provider: event.provider === undefined ? '' : clean(event.provider),
    promptTokens: event.usage.promptTokens,
    completionTokens: event.usage.completionTokens,
    reasoningTokens: event.usage.reasoningTokens ?? 0,
    cachedTokens: event.usage.cachedTokens ?? 0,
    costNano,
    latencyMs: event.latencyMs === undefined ? -1 : Math.round(event.latencyMs),
    finishReason: event.finishReason ?? '',
    toolsProvided: event.toolsProvided === true,
    streamed: event.streamed === true,
    cancelled: event.cancelled === true,
    userHash: event.userId === undefined || event.userId === '' ? '' : options.hashUser(event.userId),
    country: event.billingCountry ?? '',
    sampling,
  };
  let sample: SampleTask | null = null;
  if (sampling === 1) {
    sample = {
      sid: options.sampler.sampleId(event.id),
      excerpt: excerptOf(event.prompt, options.maxChars),
      ts: record.ts,
      model: record.model,
      provider: record.provider,
      promptTokens: record.promptTokens,
      completionTokens: record.completionTokens,
      costNano,
    };
  }
  return { record, sample };
}
