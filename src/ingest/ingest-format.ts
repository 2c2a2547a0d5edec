import type { EventError } from '../event/event-error.js';

/** One item found in an ingest body or archive line: either a v1-shaped value or the reason it could not be mapped. */
export interface DecodedRecord {
  /** Where the record came from, for error messages: "[3]" (array index), "resourceSpans[0].scopeSpans[1].spans[2]", "line 7". */
  ref: string;
  /** A v1-shaped event object (to be validated by parseEvent), or undefined when `error` is set. */
  value?: unknown;
  error?: EventError;
}

export interface DecodeResult {
  records: DecodedRecord[];
  /** Intentionally ignored items by reason, e.g. { not_a_model_call: 3 } (OTLP spans that are not LLM calls). */
  ignored: Record<string, number>;
}

export interface IngestOutcome {
  accepted: number;
  rejected: number;
  errors: Array<{ ref: string; field: string; message: string }>;
  /** Errors beyond those in `errors` (the list is capped); 0 or absent when every error is listed. */
  errorsOmitted?: number;
  ignored: Record<string, number>;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string | Uint8Array;
}

/** An error answer on an ingest route: the HTTP status, a stable code and a sentence that never quotes the body. */
export interface IngestErrorReply {
  status: number;
  /** e.g. invalid_body, empty_body, unsupported_media_type, unauthorized, body_too_large, redis_unavailable. */
  code: string;
  message: string;
}

export interface IngestFormat {
  readonly kind: 'events' | 'otlp' | 'litellm' | 'openrouter';
  /** HTTP route on the sidecar: '/v1/events', '/v1/traces', '/v1/litellm', '/v1/openrouter'. */
  readonly httpPath: string;
  /** Request content types this format declares (lowercase, no parameters); each is decoded as this format. */
  readonly contentTypes: readonly string[];
  /**
   * Throw IngestBodyError 415 (naming what is accepted) when a request with this Content-Type header value (raw, may
   * be empty) can never be decoded. Cheap, called before the body is read; decodeBody still has the last word (a
   * format that sniffs untyped bodies refuses one that turns out not to be JSON).
   */
  checkContentType(contentType: string): void;
  /**
   * Decode a whole (already gunzipped) HTTP body. Throws IngestBodyError (with `.status` 400/415 and a message that
   * never quotes prompt text) when the body as a whole is undecodable.
   */
  decodeBody(body: Buffer, contentType: string): DecodeResult;
  /** Decode one line of an NDJSON archive (replay). Never throws on data: a bad line is a record with an error. */
  decodeLine(line: string, lineNumber: number): DecodeResult;
  /**
   * Build the HTTP answer for an outcome (OTLP answers ExportTraceServiceResponse with partialSuccess, in JSON or
   * protobuf matching the request content type).
   */
  answer(outcome: IngestOutcome, requestContentType: string): HttpAnswer;
  /**
   * Build the body of a 4xx/5xx answer on this route. The JSON-record formats answer `{"error", "message"}`; OTLP
   * answers a google.rpc.Status in the request's encoding, as the OTLP/HTTP specification requires.
   */
  errorAnswer(error: IngestErrorReply, requestContentType: string): HttpAnswer;
}
