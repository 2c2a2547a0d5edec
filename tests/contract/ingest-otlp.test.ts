import protobuf from 'protobufjs';
import { loadOtlpTraceTypes } from '../../src/ingest/otlp/otlp-trace-proto.js';
import { fixture, runIngestFormatContract } from './ingest-format-contract.js';

const types = loadOtlpTraceTypes();

/** partialSuccess.rejectedSpans from a JSON or protobuf ExportTraceServiceResponse (absent → 0). */
function rejectedSpans(a: { contentType: string; body: string | Uint8Array }): number {
  const response =
    typeof a.body === 'string'
      ? JSON.parse(a.body)
      : types.response.toObject(types.response.decode(a.body), { longs: String });
  return Number(response.partialSuccess?.rejectedSpans ?? 0);
}

/** The fields of a protobuf message as [field number, value] pairs (varints as numbers, the rest as bytes). */
function wireFields(bytes: Uint8Array): Array<[number, number | Uint8Array]> {
  const r = protobuf.Reader.create(bytes);
  const out: Array<[number, number | Uint8Array]> = [];
  while (r.pos < r.len) {
    const tag = r.uint32();
    if ((tag & 7) === 0) out.push([tag >>> 3, r.int32()]);
    else if ((tag & 7) === 2) out.push([tag >>> 3, r.bytes()]);
    else throw new Error(`unexpected wire type ${tag & 7}`);
  }
  return out;
}

/**
 * The ErrorInfo reason (lower-cased) and the message of a google.rpc.Status body (google/rpc/status.proto:
 * code = 1, message = 2, details = 3 as google.protobuf.Any; ErrorInfo reason = 1), read field by field without the
 * receiver's own schema, in protobuf or proto3 JSON.
 */
function rpcStatus(a: { contentType: string; body: string | Uint8Array }): { code: string; message: string } {
  if (typeof a.body === 'string') {
    const status = JSON.parse(a.body) as { code: number; message: string; details: Array<{ '@type': string; reason: string }> };
    if (typeof status.code !== 'number') throw new Error('Status.code must be a number');
    const info = status.details.find((d) => d['@type'] === 'type.googleapis.com/google.rpc.ErrorInfo')!;
    return { code: info.reason.toLowerCase(), message: status.message };
  }
  const text = (b: number | Uint8Array) => Buffer.from(b as Uint8Array).toString('utf8');
  const fields = wireFields(a.body);
  if (typeof fields.find(([n]) => n === 1)?.[1] !== 'number') throw new Error('Status.code must be a varint');
  const message = text(fields.find(([n]) => n === 2)![1]);
  const any = wireFields(fields.find(([n]) => n === 3)![1] as Uint8Array);
  if (text(any.find(([n]) => n === 1)![1]) !== 'type.googleapis.com/google.rpc.ErrorInfo') throw new Error('details[0] is not an ErrorInfo');
  const info = wireFields(any.find(([n]) => n === 2)![1] as Uint8Array);
  return { code: text(info.find(([n]) => n === 1)![1]).toLowerCase(), message };
}

runIngestFormatContract({
  kind: 'otlp',
  httpPath: '/v1/traces',
  fixtures: [
    {
      name: 'agent trace with tool spans',
      body: fixture('otlp/agent-trace-with-tools.json'),
      contentType: 'application/json',
      records: 4,
      ignored: { not_a_model_call: 4, not_a_generation: 1 },
    },
    { name: 'OpenRouter Broadcast span', body: fixture('otlp/openrouter-broadcast.json'), contentType: 'application/json', records: 1 },
    {
      name: 'OpenInference (Phoenix) export',
      body: fixture('otlp/openinference-export.json'),
      contentType: 'application/json',
      records: 1,
      ignored: { not_a_model_call: 3 },
    },
  ],
  promptMarkers: ['order 88231', 'helpful support agent', 'good morning', 'factory settings'],
  malformed: { body: fixture('otlp/malformed-spans.json'), contentType: 'application/json', valid: 1, invalid: 3 },
  garbage: { body: Buffer.from('resourceSpans: SECRET-PROMPT-TEXT'), contentType: 'application/json' },
  line: { text: fixture('otlp/collector-file-export.ndjson').toString('utf8').split('\n')[1]!, records: 1 },
  rejectedInAnswer: rejectedSpans,
  errorInAnswer: rpcStatus,
  sniffsUntypedJson: false,
});
