import protobuf from 'protobufjs';
import type { IngestErrorReply } from '../ingest-format.js';

/**
 * google.rpc.Status (googleapis google/rpc/status.proto) with google.protobuf.Any and google.rpc.ErrorInfo
 * (google/rpc/error_details.proto): the body of every OTLP/HTTP 4xx/5xx answer. Field numbers follow the published
 * protos; protobufjs does the encoding.
 */
const RPC_STATUS_PROTO = `
syntax = "proto3";
package google.rpc;
message Any { string type_url = 1; bytes value = 2; }
message Status { int32 code = 1; string message = 2; repeated Any details = 3; }
message ErrorInfo { string reason = 1; string domain = 2; map<string, string> metadata = 3; }
`;

export const ERROR_INFO_TYPE_URL = 'type.googleapis.com/google.rpc.ErrorInfo';
/** ErrorInfo.domain of every error this sidecar reports. */
export const ERROR_DOMAIN = 'prompt-census';

export interface RpcStatusTypes {
  status: protobuf.Type;
  errorInfo: protobuf.Type;
}

/** Parse the schema (once per format instance; no module-level state). */
export function loadRpcStatusTypes(): RpcStatusTypes {
  const { root } = protobuf.parse(RPC_STATUS_PROTO, { keepCase: false });
  return { status: root.lookupType('google.rpc.Status'), errorInfo: root.lookupType('google.rpc.ErrorInfo') };
}

/**
 * The google.rpc.Code for an HTTP status, after Google's HTTP mapping (AIP-193). OTLP clients act on the HTTP status,
 * not on this code (the specification lets servers omit it); it is there for troubleshooting.
 */
export function rpcCodeFor(httpStatus: number): number {
  switch (httpStatus) {
    case 400:
    case 415:
      return 3; // INVALID_ARGUMENT
    case 401:
      return 16; // UNAUTHENTICATED
    case 403:
      return 7; // PERMISSION_DENIED
    case 404:
      return 5; // NOT_FOUND
    case 408:
      return 4; // DEADLINE_EXCEEDED
    case 413:
    case 429:
      return 8; // RESOURCE_EXHAUSTED
    case 500:
      return 13; // INTERNAL
    case 501:
      return 12; // UNIMPLEMENTED
    case 502:
    case 503:
    case 504:
      return 14; // UNAVAILABLE
    default:
      return 2; // UNKNOWN
  }
}

/** The Status in its proto3 JSON form: {code, message, details: [ErrorInfo {reason: "INVALID_BODY", domain}]}. */
export function rpcStatusJson(error: IngestErrorReply): Record<string, unknown> {
  return {
    code: rpcCodeFor(error.status),
    message: error.message,
    details: [{ '@type': ERROR_INFO_TYPE_URL, reason: error.code.toUpperCase(), domain: ERROR_DOMAIN }],
  };
}

/** The same Status, protobuf-encoded (details hold the ErrorInfo packed in an Any). */
export function encodeRpcStatus(types: RpcStatusTypes, error: IngestErrorReply): Uint8Array {
  const info = types.errorInfo.encode(types.errorInfo.fromObject({ reason: error.code.toUpperCase(), domain: ERROR_DOMAIN })).finish();
  const status = types.status.fromObject({
    code: rpcCodeFor(error.status),
    message: error.message,
    details: [{ typeUrl: ERROR_INFO_TYPE_URL, value: info }],
  });
  return types.status.encode(status).finish();
}
