import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { IngestBodyError } from '../../../src/ingest/ingest-body-error.js';
import { createOtlpFormat } from '../../../src/ingest/otlp/otlp-format.js';
import { loadOtlpTraceTypes } from '../../../src/ingest/otlp/otlp-trace-proto.js';
import { fixture } from '../../contract/ingest-format-contract.js';

const PROTOBUF = 'application/x-protobuf';
const JSON_CT = 'application/json';

const resource = resourceFromAttributes({ 'service.name': 'support-bot', 'enduser.id': 'resource-user' });
const scope = { name: 'test-scope', version: '1.0.0' };

/** A finished span as the OpenTelemetry JS SDK hands it to an exporter. */
function readableSpan(spanId: string, attributes: Attributes, status: SpanStatusCode = SpanStatusCode.OK): ReadableSpan {
  return {
    name: 'chat',
    kind: SpanKind.CLIENT,
    spanContext: () => ({ traceId: '5b8efff798038103d269b633813fc60c', spanId, traceFlags: 1 }),
    startTime: [1767268800, 12_000_000],
    endTime: [1767268801, 640_000_000],
    duration: [1, 628_000_000],
    status: { code: status },
    attributes,
    links: [],
    events: [],
    ended: true,
    resource,
    instrumentationScope: scope,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

const sdkSpans: ReadableSpan[] = [
  readableSpan('0e1a2b3c4d5e6f70', {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o',
    'gen_ai.response.model': 'gpt-4o-2024-08-06',
    'gen_ai.usage.input_tokens': 412,
    'gen_ai.usage.output_tokens': 37,
    'gen_ai.usage.cache_read.input_tokens': 128,
    'gen_ai.usage.cost': 0.00125,
    'gen_ai.response.finish_reasons': ['tool_calls'],
    'user.id': 'u-1042',
    'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'Where is my parcel?' }] }]),
  }),
  readableSpan('1f2e3d4c5b6a7988', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup_order' }),
  readableSpan(
    '2a3b4c5d6e7f8091',
    { 'gen_ai.operation.name': 'chat', 'gen_ai.system': 'anthropic', 'gen_ai.request.model': 'claude-sonnet-4-5' },
    SpanStatusCode.ERROR,
  ),
];

describe('OTLP protobuf ingest', () => {
  const format = createOtlpFormat();

  it('decodes a request serialized by the OpenTelemetry JS exporter exactly as its OTLP/JSON twin', () => {
    const proto = ProtobufTraceSerializer.serializeRequest(sdkSpans)!;
    const json = JsonTraceSerializer.serializeRequest(sdkSpans)!;
    const fromProto = format.decodeBody(Buffer.from(proto), PROTOBUF);
    const fromJson = format.decodeBody(Buffer.from(json), JSON_CT);
    expect(fromProto).toEqual(fromJson);
    expect(fromProto.ignored).toEqual({ not_a_model_call: 1 });
    expect(fromProto.records.map((r) => r.ref)).toEqual([
      'resourceSpans[0].scopeSpans[0].spans[0]',
      'resourceSpans[0].scopeSpans[0].spans[2]',
    ]);
    expect(fromProto.records[0]!.value).toEqual({
      id: '5b8efff798038103d269b633813fc60c-0e1a2b3c4d5e6f70',
      createdAt: 1767268800012,
      latencyMs: 1628,
      model: 'gpt-4o-2024-08-06',
      provider: 'openai',
      usage: { promptTokens: 412, completionTokens: 37, cachedTokens: 128 },
      costUsd: 0.00125,
      finishReason: 'tool_calls',
      userId: 'u-1042',
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Where is my parcel?' }] }],
    });
    expect(fromProto.records[1]!.value).toMatchObject({
      model: 'claude-sonnet-4-5',
      provider: 'anthropic',
      usage: { promptTokens: 0, completionTokens: 0 },
      finishReason: 'error',
      userId: 'resource-user',
    });
  });

  it('decodes the agent fixture encoded to protobuf with protobufjs exactly as the JSON fixture', () => {
    const types = loadOtlpTraceTypes();
    const json = JSON.parse(fixture('otlp/agent-trace-with-tools.json').toString('utf8'));
    // OTLP/JSON carries ids as hex; protobuf carries bytes.
    for (const rs of json.resourceSpans) {
      for (const ss of rs.scopeSpans) {
        for (const span of ss.spans) {
          for (const k of ['traceId', 'spanId', 'parentSpanId']) if (span[k]) span[k] = Buffer.from(span[k], 'hex');
        }
      }
    }
    const bytes = types.request.encode(types.request.fromObject(json)).finish();
    const fromProto = format.decodeBody(Buffer.from(bytes), PROTOBUF);
    const fromJson = format.decodeBody(fixture('otlp/agent-trace-with-tools.json'), JSON_CT);
    expect(fromProto).toEqual(fromJson);
    expect(fromProto.records).toHaveLength(4);
  });

  it('treats an empty protobuf body as an empty export request', () => {
    expect(format.decodeBody(Buffer.alloc(0), PROTOBUF)).toEqual({ records: [], ignored: {} });
  });

  it('rejects bytes that are not an ExportTraceServiceRequest with IngestBodyError 400', () => {
    // Field 1, wire type 2 (length-delimited) announcing 100 bytes that are not there.
    const truncated = Buffer.from([0x0a, 0x64, 0x01, 0x02]);
    expect(() => format.decodeBody(truncated, PROTOBUF)).toThrow(IngestBodyError);
    try {
      format.decodeBody(Buffer.from([0x0f, 0xff, 0xff]), PROTOBUF);
      expect.unreachable('invalid wire type must throw');
    } catch (err) {
      expect(err).toBeInstanceOf(IngestBodyError);
      expect((err as IngestBodyError).status).toBe(400);
      expect((err as IngestBodyError).message).toContain('ExportTraceServiceRequest');
    }
  });

  it('answers in protobuf with partialSuccess when spans were rejected, and an empty response otherwise', () => {
    const types = loadOtlpTraceTypes();
    const partial = format.answer(
      {
        accepted: 2,
        rejected: 1,
        errors: [{ ref: 'resourceSpans[0].scopeSpans[0].spans[4]', field: 'usage.promptTokens', message: 'must not be negative' }],
        ignored: { not_a_model_call: 3 },
      },
      'application/x-protobuf',
    );
    expect(partial.status).toBe(200);
    expect(partial.contentType).toBe(PROTOBUF);
    const decoded = types.response.toObject(types.response.decode(partial.body as Uint8Array), { longs: String });
    expect(decoded).toEqual({
      partialSuccess: {
        rejectedSpans: '1',
        errorMessage: '1 span was rejected: resourceSpans[0].scopeSpans[0].spans[4]: usage.promptTokens must not be negative',
      },
    });

    const full = format.answer({ accepted: 2, rejected: 0, errors: [], ignored: {} }, PROTOBUF);
    expect(types.response.toObject(types.response.decode(full.body as Uint8Array))).toEqual({});
    const fullJson = format.answer({ accepted: 2, rejected: 0, errors: [], ignored: {} }, 'application/json; charset=utf-8');
    expect(fullJson).toEqual({ status: 200, contentType: JSON_CT, body: '{}' });
  });

  it('lists at most five errors in the partialSuccess message and counts the rest', () => {
    const errors = Array.from({ length: 8 }, (_, i) => ({ ref: `resourceSpans[0].scopeSpans[0].spans[${i}]`, field: 'model', message: 'is required' }));
    const a = format.answer({ accepted: 0, rejected: 8, errors, ignored: {} }, JSON_CT);
    const body = JSON.parse(a.body as string);
    expect(a.status).toBe(200);
    expect(body.partialSuccess.rejectedSpans).toBe('8');
    expect(body.partialSuccess.errorMessage).toMatch(/^8 spans were rejected: /);
    expect(body.partialSuccess.errorMessage).toContain('spans[4]: model is required; and 3 more');
    expect(body.partialSuccess.errorMessage).not.toContain('spans[5]');
  });
});
