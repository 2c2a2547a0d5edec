import type { HttpAnswer, IngestErrorReply, IngestFormat, IngestOutcome } from '../ingest-format.js';
import { IngestBodyError } from '../ingest-body-error.js';
import { normalizeContentType, requireContentType } from '../content-type.js';
import { invalidJsonMessage, parseJsonText } from '../json-text.js';
import { isRecord } from './any-value.js';
import { mapOtlpTraceRequest } from './otlp-request-mapper.js';
import { decodeOtlpTraceRequest, encodeOtlpTraceResponse, loadOtlpTraceTypes } from './otlp-trace-proto.js';
import { encodeRpcStatus, loadRpcStatusTypes, rpcStatusJson } from './rpc-status.js';

const JSON_TYPE = 'application/json';
const PROTOBUF_TYPE = 'application/x-protobuf';
const CONTENT_TYPES = [JSON_TYPE, PROTOBUF_TYPE] as const;
const ROUTE = 'POST /v1/traces';
/** How many per-span errors are quoted (by ref, field and reason) in partialSuccess.errorMessage. */
const ERRORS_IN_MESSAGE = 5;

/**
 * OTLP/HTTP traces receiver at POST /v1/traces (OTLP/JSON as sent by OpenRouter Broadcast, or binary protobuf).
 * Spans that are LLM generations become v1 events (see genai-attribute-aliases.ts); all others are counted as ignored.
 * Replay lines are OTLP/JSON requests, one per line, as written by the OpenTelemetry Collector's file exporter.
 * Content types are strict, as the specification defines them: application/json and application/x-protobuf.
 * Every 4xx/5xx answer is a google.rpc.Status, protobuf-encoded for a protobuf request and JSON otherwise.
 */
export function createOtlpFormat(): IngestFormat {
  const types = loadOtlpTraceTypes();
  const statusTypes = loadRpcStatusTypes();
  return {
    kind: 'otlp',
    httpPath: '/v1/traces',
    contentTypes: CONTENT_TYPES,
    checkContentType(contentType) {
      requireContentType(contentType, CONTENT_TYPES, ROUTE);
    },
    decodeBody(body, contentType) {
      const ct = requireContentType(contentType, CONTENT_TYPES, ROUTE);
      if (ct === PROTOBUF_TYPE) {
        // Zero bytes are a valid protobuf message with every field at its default: an empty export, answered 200.
        let request: Record<string, unknown>;
        try {
          request = decodeOtlpTraceRequest(types, body);
        } catch (err) {
          throw new IngestBodyError(
            400,
            `The request body is not a valid protobuf ExportTraceServiceRequest (${(err as Error).message.slice(0, 120)}); send OTLP/HTTP protobuf or OTLP/JSON with Content-Type application/json.`,
          );
        }
        return mapOtlpTraceRequest(request);
      }
      const text = body.toString('utf8');
      if (text.trim() === '') {
        throw new IngestBodyError(
          400,
          'The request body is empty; send an OTLP/JSON ExportTraceServiceRequest ({"resourceSpans": [...]}), or an empty export as {}.',
          'empty_body',
        );
      }
      const p = parseJsonText(text);
      if (!p.ok) {
        throw new IngestBodyError(400, `The request body ${invalidJsonMessage(p)}; send an OTLP/JSON ExportTraceServiceRequest ({"resourceSpans": [...]}).`);
      }
      if (!isRecord(p.value)) {
        throw new IngestBodyError(400, 'The request body is not a JSON object; an OTLP/JSON ExportTraceServiceRequest is {"resourceSpans": [...]}.');
      }
      if (p.value.resourceSpans !== undefined && !Array.isArray(p.value.resourceSpans)) {
        throw new IngestBodyError(400, 'resourceSpans must be an array; an OTLP/JSON ExportTraceServiceRequest is {"resourceSpans": [...]}.');
      }
      return mapOtlpTraceRequest(p.value);
    },
    decodeLine(line, lineNumber) {
      const text = line.trim();
      if (text === '') return { records: [], ignored: {} };
      const ref = `line ${lineNumber}`;
      const p = parseJsonText(text);
      if (!p.ok) return { records: [{ ref, error: { field: '(line)', code: 'invalid_json', message: invalidJsonMessage(p) } }], ignored: {} };
      if (!isRecord(p.value)) {
        return { records: [{ ref, error: { field: '(line)', code: 'not_an_object', message: 'must be an OTLP/JSON ExportTraceServiceRequest object' } }], ignored: {} };
      }
      return mapOtlpTraceRequest(p.value, `${ref}: `);
    },
    answer(outcome, requestContentType) {
      return otlpAnswer(outcome, normalizeContentType(requestContentType) === PROTOBUF_TYPE, (r) => encodeOtlpTraceResponse(types, r));
    },
    errorAnswer(error, requestContentType) {
      return otlpErrorAnswer(error, normalizeContentType(requestContentType) === PROTOBUF_TYPE, (e) => encodeRpcStatus(statusTypes, e));
    },
  };
}

/**
 * OTLP/HTTP failures: "the response body for all HTTP 4xx and HTTP 5xx responses MUST be a Protobuf-encoded Status
 * message", in JSON (proto3 JSON mapping) when the request was JSON. An unsupported or missing content type gets JSON.
 */
function otlpErrorAnswer(error: IngestErrorReply, protobufBody: boolean, encode: (e: IngestErrorReply) => Uint8Array): HttpAnswer {
  if (protobufBody) return { status: error.status, contentType: PROTOBUF_TYPE, body: encode(error) };
  return { status: error.status, contentType: JSON_TYPE, body: JSON.stringify(rpcStatusJson(error)) };
}

/**
 * ExportTraceServiceResponse as the OTLP/HTTP spec asks: always 200 once the body was decoded; partialSuccess is set
 * only when spans were rejected, with rejectedSpans and a message naming the first errors (refs and fields, no text).
 * Ignored (non-LLM) spans are not rejections. The answer uses the request's encoding.
 */
function otlpAnswer(outcome: IngestOutcome, protobufBody: boolean, encode: (r: Record<string, unknown>) => Uint8Array): HttpAnswer {
  const response: Record<string, unknown> = {};
  if (outcome.rejected > 0) {
    const shown = outcome.errors.slice(0, ERRORS_IN_MESSAGE).map((e) => `${e.ref}: ${e.field} ${e.message}`);
    const more = outcome.errors.length > shown.length ? `; and ${outcome.errors.length - shown.length} more` : '';
    response.partialSuccess = {
      rejectedSpans: String(outcome.rejected),
      errorMessage: `${outcome.rejected} span${outcome.rejected === 1 ? ' was' : 's were'} rejected: ${shown.join('; ')}${more}`,
    };
  }
  if (protobufBody) return { status: 200, contentType: PROTOBUF_TYPE, body: encode(response) };
  return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(response) };
}
