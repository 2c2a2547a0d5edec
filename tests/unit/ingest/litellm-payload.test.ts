import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src/event/parse-event.js';
import { litellmPayloadToEvent } from '../../../src/ingest/litellm/litellm-payload-to-event.js';
import { createLitellmFormat } from '../../../src/ingest/litellm/litellm-format.js';
import { fixture } from '../../contract/ingest-format-contract.js';

const payloads = JSON.parse(fixture('litellm/json-array.json').toString('utf8')) as Array<Record<string, unknown>>;
const [success, streamedWithTools, failure] = payloads as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];

describe('LiteLLM StandardLoggingPayload → v1 event', () => {
  it('maps a successful call', () => {
    expect(litellmPayloadToEvent(success, '[0]')).toEqual({
      ref: '[0]',
      value: {
        id: 'chatcmpl-6f1e0b9a-1c2d-4e5f-8a9b-0c1d2e3f4a51',
        createdAt: Date.UTC(2026, 0, 1, 12, 0, 1, 250),
        model: 'gpt-4o-mini',
        provider: 'openai',
        usage: { promptTokens: 182, completionTokens: 64, cachedTokens: 0 },
        costUsd: 0.0000657,
        latencyMs: 2400,
        finishReason: 'stop',
        streamed: false,
        userId: 'enduser-501',
        prompt: [
          { role: 'system', content: 'You are a concise assistant.' },
          { role: 'user', content: 'Write a haiku about autumn rain in Kyoto.' },
        ],
      },
    });
  });

  it('takes reasoning and cached tokens from response.usage, tools from model_parameters, and the key user when end_user is empty', () => {
    const r = litellmPayloadToEvent(streamedWithTools, '[1]');
    expect(r.value).toMatchObject({
      usage: { promptTokens: 2410, completionTokens: 812, reasoningTokens: 256, cachedTokens: 1024 },
      finishReason: 'tool_calls',
      streamed: true,
      toolsProvided: true,
      userId: 'user_8c1d',
    });
  });

  it('maps a failure payload to finishReason "error" without copying error_str or error_information', () => {
    const r = litellmPayloadToEvent(failure, '[2]');
    expect(r.value).toMatchObject({ finishReason: 'error', usage: { promptTokens: 0, completionTokens: 0 }, costUsd: 0, userId: 'user_77aa' });
    expect(JSON.stringify(r)).not.toContain('Resource exhausted');
    expect(JSON.stringify(r)).not.toContain('RateLimitError');
    const parsed = parseEvent(r.value);
    expect(parsed.ok && parsed.event.finishReason).toBe('error');
  });

  it('counts a failure without usage fields as zero tokens, but requires them on success', () => {
    const { prompt_tokens: _p, completion_tokens: _c, ...noUsage } = failure;
    expect(litellmPayloadToEvent(noUsage, 'x').value).toMatchObject({ usage: { promptTokens: 0, completionTokens: 0 } });
    const { prompt_tokens: _p2, ...noPrompt } = success;
    expect(litellmPayloadToEvent(noPrompt, 'y').error).toEqual({
      field: 'prompt_tokens',
      code: 'invalid_field',
      message: 'is required for a successful call',
    });
  });

  it('falls back to model_group and rejects a payload with neither model', () => {
    expect(litellmPayloadToEvent({ ...success, model: '' }, 'a').value).toMatchObject({ model: 'chat-default' });
    expect(litellmPayloadToEvent({ ...success, model: '', model_group: null }, 'b').error).toMatchObject({ field: 'model' });
  });

  it('names the source field in errors and counts further problems', () => {
    const r = litellmPayloadToEvent({ ...success, startTime: 'noon', response_cost: -1 }, '[4]');
    expect(r.error).toEqual({
      field: 'startTime',
      code: 'invalid_field',
      message: 'must be epoch seconds (a number) (and 1 more problem in this record)',
    });
  });

  it('phrases problems the schema has no message for as sentences, not raw zod text', () => {
    const r = litellmPayloadToEvent({ ...success, metadata: 'a string' }, '[5]');
    expect(r.error).toEqual({ field: 'metadata', code: 'invalid_field', message: 'must be an object' });
    const nested = litellmPayloadToEvent({ ...success, model_parameters: [] }, '[6]');
    expect(nested.error?.message).toBe('must be an object');
  });

  it('keeps only text (and part types) from multimodal messages', () => {
    const r = litellmPayloadToEvent(
      {
        ...success,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this image?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
            ],
          },
        ],
      },
      'm',
    );
    expect((r.value as { prompt: unknown }).prompt).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'What is in this image?' }, { type: 'image_url' }] },
    ]);
  });

  it('decodes all three log formats to the same events', () => {
    const format = createLitellmFormat();
    const values = (body: Buffer) => format.decodeBody(body, 'application/json').records.map((r) => r.value);
    const fromArray = values(fixture('litellm/json-array.json'));
    expect(values(fixture('litellm/ndjson-batch.ndjson'))).toEqual(fromArray);
    expect(values(fixture('litellm/failure-single.json'))).toEqual([fromArray[2]]);
  });
});
