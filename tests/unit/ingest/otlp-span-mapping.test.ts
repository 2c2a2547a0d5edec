import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src/event/parse-event.js';
import { IngestBodyError } from '../../../src/ingest/ingest-body-error.js';
import { createOtlpFormat } from '../../../src/ingest/otlp/otlp-format.js';
import { fixture } from '../../contract/ingest-format-contract.js';

const format = createOtlpFormat();
const JSON_CT = 'application/json';

type AnyValue = Record<string, unknown>;
const str = (v: string): AnyValue => ({ stringValue: v });
const int = (v: number | string): AnyValue => ({ intValue: v });

/** A one-span OTLP/JSON export with the given attributes. */
function oneSpan(attrs: Record<string, AnyValue>, span: Record<string, unknown> = {}): Buffer {
  return Buffer.from(
    JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [] },
          scopeSpans: [
            {
              scope: { name: 't' },
              spans: [
                {
                  traceId: 'ABCDEF0123456789ABCDEF0123456789',
                  spanId: '0123456789ABCDEF',
                  name: 'span',
                  startTimeUnixNano: '1767268800000000000',
                  endTimeUnixNano: '1767268800500000000',
                  attributes: Object.entries(attrs).map(([key, value]) => ({ key, value })),
                  ...span,
                },
              ],
            },
          ],
        },
      ],
    }),
  );
}

const chat = { 'gen_ai.operation.name': str('chat'), 'gen_ai.request.model': str('gpt-4o') };
const usage = { 'gen_ai.usage.input_tokens': int('10'), 'gen_ai.usage.output_tokens': int(5) };

function decodeOne(attrs: Record<string, AnyValue>, span?: Record<string, unknown>) {
  const r = format.decodeBody(oneSpan(attrs, span), JSON_CT);
  expect(r.records).toHaveLength(1);
  return r.records[0]!;
}

describe('OTLP span → v1 event', () => {
  it('maps the agent trace: only chat spans become events, tool/agent/http spans and embeddings are counted', () => {
    const r = format.decodeBody(fixture('otlp/agent-trace-with-tools.json'), JSON_CT);
    expect(r.ignored).toEqual({ not_a_model_call: 4, not_a_generation: 1 });
    expect(r.records.map((x) => (x.value as { id: string }).id)).toEqual([
      'chatcmpl-AGENT0001',
      'chatcmpl-AGENT0002',
      'a1b2c3d4e5f60718293a4b5c6d7e8f90-6e7f8091a2b3c4d5',
      'a1b2c3d4e5f60718293a4b5c6d7e8f90-7f8091a2b3c4d5e6',
    ]);
    expect(r.records[0]!.value).toEqual({
      id: 'chatcmpl-AGENT0001',
      createdAt: Date.UTC(2026, 0, 1, 12, 0, 0, 12),
      latencyMs: 1628,
      model: 'gpt-4o-2024-08-06',
      provider: 'openai',
      usage: { promptTokens: 412, completionTokens: 37, cachedTokens: 128 },
      finishReason: 'tool_calls',
      userId: 'u-1042',
      toolsProvided: true,
      prompt: [
        { role: 'system', content: [{ type: 'text', text: 'You are a helpful support agent for an online bookshop.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Where is my order 88231? It was due on Monday.' }] },
      ],
    });
    // Error status → 'error' with zero usage; deprecated gen_ai.system is the provider; user from the resource.
    expect(r.records[2]!.value).toMatchObject({
      model: 'claude-sonnet-4-5',
      provider: 'anthropic',
      usage: { promptTokens: 0, completionTokens: 0 },
      finishReason: 'error',
      userId: 'svc-indexer',
    });
    // Deprecated usage names and no gen_ai.operation.name.
    expect(r.records[3]!.value).toMatchObject({
      model: 'gpt-4o-mini-2024-07-18',
      usage: { promptTokens: 1200, completionTokens: 310 },
      finishReason: 'length',
    });
    for (const rec of r.records) expect(parseEvent(rec.value).ok).toBe(true);
    // Status messages and tool arguments are never copied.
    expect(JSON.stringify(r)).not.toContain('rate limited');
    expect(JSON.stringify(r)).not.toContain('lookup_order');
  });

  it('maps an OpenRouter Broadcast span: total cost, singular finish reason, JSON prompt, user.id not session.id', () => {
    const r = format.decodeBody(fixture('otlp/openrouter-broadcast.json'), JSON_CT);
    expect(r.records[0]!.value).toEqual({
      id: 'gen-1767269900-BRDCAST01',
      createdAt: Date.UTC(2026, 0, 1, 12, 1, 40),
      latencyMs: 1730,
      model: 'openai/gpt-4o-mini',
      provider: 'OpenAI',
      usage: { promptTokens: 58, completionTokens: 212 },
      costUsd: 0.0001359,
      finishReason: 'stop',
      userId: 'customer-77',
      prompt: [
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: "Translate 'good morning' into Portuguese and Spanish." },
      ],
    });
    // The completion text is never copied.
    expect(JSON.stringify(r)).not.toContain('Bom dia');
  });

  it('maps an OpenInference LLM span with flattened messages and ignores CHAIN, RETRIEVER and TOOL spans', () => {
    const r = format.decodeBody(fixture('otlp/openinference-export.json'), JSON_CT);
    expect(r.ignored).toEqual({ not_a_model_call: 3 });
    expect(r.records[0]!.value).toEqual({
      id: 'c0ffee00c0ffee00c0ffee00c0ffee00-00000000000000a3',
      createdAt: Date.UTC(2026, 0, 1, 12, 3, 20, 310),
      latencyMs: 2590,
      model: 'gpt-4.1-mini',
      provider: 'openai',
      usage: { promptTokens: 845, completionTokens: 120, cachedTokens: 512 },
      userId: 'reader-5',
      toolsProvided: true,
      prompt: [
        { role: 'system', content: 'Use the context to answer questions about the product manual.' },
        { role: 'user', content: [{ type: 'text', text: 'How do I reset the thermostat to factory settings?' }] },
      ],
    });
  });

  it('reads OpenLLMetry flattened prompts (gen_ai.prompt.N.role/content) and plain-string prompts', () => {
    const flat = decodeOne({
      ...chat,
      ...usage,
      'gen_ai.prompt.0.role': str('user'),
      'gen_ai.prompt.0.content': str('What is the capital of Peru?'),
      'gen_ai.prompt.1.role': str('assistant'),
      'gen_ai.prompt.1.content': str('Lima.'),
    });
    expect((flat.value as { prompt: unknown }).prompt).toEqual([
      { role: 'user', content: 'What is the capital of Peru?' },
      { role: 'assistant', content: 'Lima.' },
    ]);
    const plain = decodeOne({ ...chat, ...usage, 'gen_ai.prompt': str('Tell me a joke about compilers') });
    expect((plain.value as { prompt: unknown }).prompt).toBe('Tell me a joke about compilers');
  });

  it('accepts gen_ai.input.messages as a structured array value, keeping only text parts', () => {
    const rec = decodeOne({
      ...chat,
      ...usage,
      'gen_ai.input.messages': {
        arrayValue: {
          values: [
            {
              kvlistValue: {
                values: [
                  { key: 'role', value: str('user') },
                  {
                    key: 'parts',
                    value: {
                      arrayValue: {
                        values: [
                          { kvlistValue: { values: [{ key: 'type', value: str('text') }, { key: 'content', value: str('Describe this picture') }] } },
                          { kvlistValue: { values: [{ key: 'type', value: str('blob') }, { key: 'mime_type', value: str('image/png') }] } },
                        ],
                      },
                    },
                  },
                ],
              },
            },
          ],
        },
      },
    });
    expect((rec.value as { prompt: unknown }).prompt).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Describe this picture' }] }]);
  });

  it('leaves the prompt out (without failing the event) when input messages cannot be read', () => {
    const rec = decodeOne({ ...chat, ...usage, 'gen_ai.input.messages': str('[{"role": "user", "parts": ') });
    // Not JSON: treated as a plain prompt string, which is still only in `prompt`.
    expect((rec.value as { prompt: unknown }).prompt).toBe('[{"role": "user", "parts": ');
    const none = decodeOne({ ...chat, ...usage, 'gen_ai.input.messages': { boolValue: true } });
    expect(none.value).not.toHaveProperty('prompt');
  });

  it('does not take gen_ai.conversation.id or session.id as the user', () => {
    const rec = decodeOne({ ...chat, ...usage, 'gen_ai.conversation.id': str('conv-1'), 'session.id': str('s-1') });
    expect(rec.value).not.toHaveProperty('userId');
    expect(decodeOne({ ...chat, ...usage, 'enduser.id': str('legacy-user') }).value).toMatchObject({ userId: 'legacy-user' });
  });

  it('normalizes provider finish reasons and passes unknown ones on for parseEvent to call "other"', () => {
    const reason = (v: AnyValue) => (decodeOne({ ...chat, ...usage, 'gen_ai.response.finish_reasons': v }).value as { finishReason?: string }).finishReason;
    expect(reason({ arrayValue: { values: [str('end_turn')] } })).toBe('stop');
    expect(reason({ arrayValue: { values: [str('MAX_TOKENS')] } })).toBe('length');
    expect(reason({ arrayValue: { values: [str('tool_use')] } })).toBe('tool_calls');
    expect(reason({ arrayValue: { values: [str('SAFETY')] } })).toBe('content_filter');
    const odd = decodeOne({ ...chat, ...usage, 'gen_ai.response.finish_reasons': { arrayValue: { values: [str('pause_turn')] } } });
    const parsed = parseEvent(odd.value);
    expect(parsed.ok && parsed.event.finishReason).toBe('other');
  });

  it('a span in error status is finishReason "error" even with a finish reason attribute, and keeps reported usage', () => {
    const rec = decodeOne(
      { ...chat, ...usage, 'gen_ai.response.finish_reasons': { arrayValue: { values: [str('stop')] } } },
      { status: { code: 'STATUS_CODE_ERROR' } },
    );
    expect(rec.value).toMatchObject({ finishReason: 'error', usage: { promptTokens: 10, completionTokens: 5 } });
  });

  it('skips malformed attribute entries instead of failing the span', () => {
    const rec = decodeOne({ ...chat, ...usage }, {
      attributes: [
        { value: str('no key') },
        { key: 'gen_ai.operation.name', value: str('chat') },
        { key: 'gen_ai.request.model', value: str('gpt-4o') },
        { key: 'gen_ai.usage.input_tokens', value: int(3) },
        { key: 'gen_ai.usage.output_tokens', value: int(4) },
        { key: 'broken', value: { unknownValue: 1 } },
      ],
    });
    expect(rec.value).toMatchObject({ model: 'gpt-4o', usage: { promptTokens: 3, completionTokens: 4 } });
  });

  it('uses trace and span ids (lower-cased) as the id when gen_ai.response.id is absent', () => {
    expect((decodeOne({ ...chat, ...usage }).value as { id: string }).id).toBe('abcdef0123456789abcdef0123456789-0123456789abcdef');
  });

  it('reads int64 as strings or numbers, and costs from doubles', () => {
    const rec = decodeOne({
      ...chat,
      'gen_ai.usage.input_tokens': int('123456789'),
      'gen_ai.usage.output_tokens': int(42),
      'gen_ai.usage.reasoning.output_tokens': int('7'),
      'gen_ai.usage.cost': { doubleValue: 0.0042 },
    });
    expect(rec.value).toMatchObject({ usage: { promptTokens: 123456789, completionTokens: 42, reasoningTokens: 7 }, costUsd: 0.0042 });
  });

  it('reads span times given as JSON numbers (proto3 JSON allows int64 as a number), even above 2^53', () => {
    // 1767268800000000000 > Number.MAX_SAFE_INTEGER: the sender's JSON number has lost digits below ~256 ns.
    const rec = decodeOne({ ...chat, ...usage }, { startTimeUnixNano: 1767268800000000000, endTimeUnixNano: 1767268801250000000 });
    expect(rec.error).toBeUndefined();
    expect(rec.value).toMatchObject({ createdAt: 1767268800000, latencyMs: 1250 });
    const parsed = parseEvent(rec.value);
    expect(parsed.ok && new Date(parsed.event.createdAt).toISOString()).toBe('2026-01-01T12:00:00.000Z');
    // The same instant as a decimal string (the canonical form) gives the same event.
    expect(decodeOne({ ...chat, ...usage }, { startTimeUnixNano: '1767268800000000000', endTimeUnixNano: '1767268801250000000' }).value).toEqual(rec.value);
    // A time as a fraction of a nanosecond (some encoders print doubles) is truncated, not rejected.
    expect(decodeOne({ ...chat, ...usage }, { startTimeUnixNano: 1.7672688e18 }).value).toMatchObject({ createdAt: 1767268800000 });
  });

  it('says in a sentence what is wrong with a span time, naming the field, never in raw zod text', () => {
    for (const bad of [-1, 'yesterday', true, { n: 1 }, '1.5e18', Number.MAX_VALUE]) {
      const e = decodeOne({ ...chat, ...usage }, { startTimeUnixNano: bad }).error!;
      expect(e.field, JSON.stringify(bad)).toBe('startTimeUnixNano');
      expect(e.message, JSON.stringify(bad)).toMatch(/nanoseconds since the epoch/);
      expect(e.message).not.toMatch(/Too big|Too small|Invalid input|expected (int|number|string)|<=|>=/);
    }
    const end = decodeOne({ ...chat, ...usage }, { endTimeUnixNano: 'soon' }).error!;
    expect(end).toMatchObject({ field: 'endTimeUnixNano', message: expect.stringMatching(/^must be a non-negative count of nanoseconds/) });
    const status = decodeOne({ ...chat, ...usage }, { status: 'broken' }).error!;
    expect(status.field).toBe('status');
    expect(status.message).not.toMatch(/Invalid input|expected/);
  });

  it('gives a per-span error naming the attribute for missing or malformed values', () => {
    expect(decodeOne({ 'gen_ai.operation.name': str('chat'), ...usage }).error).toMatchObject({
      field: 'attributes["gen_ai.response.model"]',
      message: expect.stringContaining('gen_ai.request.model'),
    });
    expect(decodeOne({ ...chat, 'gen_ai.usage.input_tokens': int(-3), 'gen_ai.usage.output_tokens': int(1) }).error).toMatchObject({
      field: 'attributes["gen_ai.usage.input_tokens"]',
      message: 'must be a non-negative integer',
    });
    expect(decodeOne({ ...chat, ...usage, 'gen_ai.usage.cost': str('cheap') }).error).toMatchObject({
      field: 'attributes["gen_ai.usage.cost"]',
    });
    expect(decodeOne({ ...chat, ...usage }, { startTimeUnixNano: undefined }).error).toMatchObject({ field: 'startTimeUnixNano' });
    expect(decodeOne({ ...chat, ...usage }, { startTimeUnixNano: 'yesterday' }).error).toMatchObject({ field: 'startTimeUnixNano' });
    expect(decodeOne({ ...chat, ...usage }, { traceId: undefined, spanId: undefined }).error).toMatchObject({ field: 'spanId' });
    expect(decodeOne({ ...chat, ...usage }, { attributes: 'nope' }).error).toMatchObject({ field: 'attributes' });
  });

  it('ignores spans without a declared operation unless they name a model and report usage', () => {
    const ignored = (attrs: Record<string, AnyValue>) => format.decodeBody(oneSpan(attrs), JSON_CT).ignored;
    expect(ignored({ 'http.request.method': str('POST') })).toEqual({ not_a_model_call: 1 });
    expect(ignored({ 'gen_ai.request.model': str('gpt-4o') })).toEqual({ not_a_model_call: 1 });
    expect(ignored({ 'gen_ai.operation.name': str('create_agent'), 'gen_ai.request.model': str('gpt-4o'), ...usage })).toEqual({
      not_a_model_call: 1,
    });
    expect(ignored({ 'openinference.span.kind': str('EMBEDDING'), 'llm.model_name': str('e5') })).toEqual({ not_a_generation: 1 });
  });

  it('refers to archive lines in refs and rejects non-JSON bodies as a whole', () => {
    const line = fixture('otlp/collector-file-export.ndjson').toString('utf8').split('\n')[0]!;
    const r = format.decodeLine(line, 3);
    expect(r.records.map((x) => x.ref)).toEqual(['line 3: resourceSpans[0].scopeSpans[0].spans[0]']);
    expect(format.decodeLine('[1, 2]', 4).records[0]!.error).toMatchObject({ code: 'not_an_object' });
    expect(() => format.decodeBody(Buffer.from('[]'), JSON_CT)).toThrow(IngestBodyError);
    expect(() => format.decodeBody(Buffer.from('{"resourceSpans": {}}'), JSON_CT)).toThrow(/resourceSpans must be an array/);
    expect(format.decodeBody(Buffer.from('{}'), JSON_CT)).toEqual({ records: [], ignored: {} });
  });
});
