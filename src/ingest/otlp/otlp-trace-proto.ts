import protobuf from 'protobufjs';

/**
 * The part of the OTLP trace protocol (opentelemetry-proto, package opentelemetry.proto.*.v1) this receiver reads,
 * in .proto syntax for protobufjs. Field numbers and types follow the published protocol; fields we do not use
 * (span events, links, trace state, flags, dropped counts, entity refs) are left out and skipped by the decoder as
 * unknown fields, which protobuf guarantees is safe. Enums are declared as int32, which has the same wire encoding.
 * Decoding and encoding are done by protobufjs; a unit test checks compatibility against bytes produced by the
 * OpenTelemetry JS exporter's own serializer.
 */
const OTLP_TRACE_PROTO = `
syntax = "proto3";
package opentelemetry.proto;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; }
message Resource { repeated KeyValue attributes = 1; }

message Status {
  string message = 2;
  int32 code = 3;            // StatusCode: 0 UNSET, 1 OK, 2 ERROR
}
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  bytes parent_span_id = 4;
  string name = 5;
  int32 kind = 6;            // SpanKind: 0 UNSPECIFIED, 1 INTERNAL, 2 SERVER, 3 CLIENT, 4 PRODUCER, 5 CONSUMER
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  Status status = 15;
}
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }

message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }
message ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }
`;

export interface OtlpTraceTypes {
  request: protobuf.Type;
  response: protobuf.Type;
}

/** Parse the schema (once per format instance; no module-level state). Field names become lowerCamelCase, as in OTLP/JSON. */
export function loadOtlpTraceTypes(): OtlpTraceTypes {
  const { root } = protobuf.parse(OTLP_TRACE_PROTO, { keepCase: false });
  return {
    request: root.lookupType('opentelemetry.proto.ExportTraceServiceRequest'),
    response: root.lookupType('opentelemetry.proto.ExportTraceServiceResponse'),
  };
}

/**
 * Decode a protobuf ExportTraceServiceRequest into the OTLP/JSON shape (lowerCamelCase names, 64-bit integers as
 * decimal strings, trace and span ids as lower-case hex), so one mapper serves both encodings. Throws on bytes that
 * are not a valid message (protobufjs errors name offsets and wire types, never content).
 */
export function decodeOtlpTraceRequest(types: OtlpTraceTypes, body: Uint8Array): Record<string, unknown> {
  const message = types.request.decode(body);
  const obj = types.request.toObject(message, { longs: String, enums: Number, arrays: false, defaults: false });
  for (const rs of asArray(obj.resourceSpans)) {
    for (const ss of asArray((rs as Record<string, unknown>).scopeSpans)) {
      for (const span of asArray((ss as Record<string, unknown>).spans)) {
        const s = span as Record<string, unknown>;
        for (const k of ['traceId', 'spanId', 'parentSpanId']) {
          if (s[k] instanceof Uint8Array) s[k] = Buffer.from(s[k] as Uint8Array).toString('hex');
        }
      }
    }
  }
  return obj;
}

/** Encode an ExportTraceServiceResponse given in its JSON shape ({ partialSuccess: { rejectedSpans, errorMessage } }). */
export function encodeOtlpTraceResponse(types: OtlpTraceTypes, response: Record<string, unknown>): Uint8Array {
  return types.response.encode(types.response.fromObject(response)).finish();
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
