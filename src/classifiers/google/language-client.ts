import { v1, v2 } from '@google-cloud/language';
import type { ClassifierConfig } from '../../config/config-schema.js';

type GoogleConfig = ClassifierConfig['google'];
type ClientOptions = NonNullable<ConstructorParameters<typeof v2.LanguageServiceClient>[0]>;

/** The classifyText request body (the client turns the enum names into numbers on the wire). */
export interface ClassifyTextRequest {
  document: { type: 'PLAIN_TEXT'; content: string };
  classificationModelOptions?: { v2Model: { contentCategoriesVersion: 'V2' } };
}

/**
 * Per-call options: `retry: null` so gax never retries (the classify queue owns retries); REST mode ignores
 * `timeout` (the adapter enforces its own). Do not add `maxRetries`: with `retry: null` gax 5 crashes on it.
 */
export interface ClassifyTextCallOptions {
  retry: null;
  timeout: number;
}

/** A call in flight; `cancel` aborts the underlying HTTP request when the client supports it. */
export interface PendingCall {
  promise: Promise<unknown>;
  cancel(): void;
}

/**
 * The part of a `@google-cloud/language` LanguageServiceClient (v1 or v2) the adapter uses. Tests may inject
 * any object with `classifyText`.
 */
export interface LanguageClientLike {
  classifyText(request: ClassifyTextRequest, options: ClassifyTextCallOptions): PromiseLike<unknown>;
  initialize?(): Promise<unknown>;
  close?(): Promise<void>;
  /** Filled by initialize(): the raw gax calls, whose promises can be cancelled. */
  innerApiCalls?: Record<string, unknown>;
}

export function isLanguageClientLike(value: unknown): value is LanguageClientLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { classifyText?: unknown }).classifyText === 'function'
  );
}

/** How the client authenticates, for the start-up log (never the secret itself). */
export function authMode(config: GoogleConfig): 'apiKey' | 'credentials' | 'keyFilename' | 'applicationDefault' {
  if (config.apiKey) return 'apiKey';
  if (config.credentials) return 'credentials';
  if (config.keyFilename) return 'keyFilename';
  return 'applicationDefault';
}

/**
 * Client options for REST mode ("fallback: 'rest'": HTTP/1.1 + JSON, interceptable by nock, no gRPC channel).
 * Throws a clear error for combinations the auth library would reject or that would leak the key.
 */
export function languageClientOptions(config: GoogleConfig): ClientOptions {
  const given = (['apiKey', 'credentials', 'keyFilename'] as const).filter((k) => config[k] !== undefined);
  if (given.length > 1) {
    throw new Error(
      `classifier.google sets ${given.join(' and ')}; set only one of apiKey, credentials or keyFilename ` +
        '(or none, to use Application Default Credentials).',
    );
  }
  if (config.protocol === 'http' && config.apiEndpoint === undefined) {
    throw new Error(
      'classifier.google.protocol is "http" but classifier.google.apiEndpoint is not set; plain http is only for a ' +
        'local emulator or fake, so set apiEndpoint (and port) to it, or use protocol "https".',
    );
  }
  const options: ClientOptions = { fallback: 'rest', protocol: config.protocol };
  if (config.apiKey !== undefined) options.apiKey = config.apiKey;
  if (config.credentials !== undefined) {
    // Any type google-auth-library loads (the config schema checked the fields each type needs).
    options.credentials = config.credentials as ClientOptions['credentials'];
    // A credential that names its project (service accounts: project_id; user credentials: quota_project_id)
    // spares the auth library the project lookup, which ends in a metadata-server probe off Google Cloud.
    const projectId = credentialProject(config.credentials);
    if (projectId !== undefined) options.projectId = projectId;
  }
  if (config.keyFilename !== undefined) options.keyFilename = config.keyFilename;
  if (config.apiEndpoint !== undefined) options.apiEndpoint = config.apiEndpoint;
  if (config.port !== undefined) options.port = config.port;
  return options;
}

function credentialProject(credentials: Record<string, unknown>): string | undefined {
  for (const field of ['project_id', 'quota_project_id']) {
    const value = credentials[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

export function newLanguageClient(config: GoogleConfig): LanguageClientLike {
  const options = languageClientOptions(config);
  const client = config.apiVersion === 'v1' ? new v1.LanguageServiceClient(options) : new v2.LanguageServiceClient(options);
  if (config.apiKey !== undefined) {
    // With only an API key, GoogleAuth.getClient() still looks up a project id before its first use; off Google
    // Cloud that ends in ~2-3 s of failed probes of the metadata server (169.254.169.254). An API key needs no
    // project (the key names it) and no Application Default Credentials: hand the auth layer its API-key client
    // up front (the same client getClient() would build, sending X-Goog-Api-Key), so it looks nothing up.
    client.auth.cachedCredential = client.auth.fromAPIKey(config.apiKey);
  }
  return client as unknown as LanguageClientLike;
}

/**
 * Starts one classifyText call. After initialize(), a gax client exposes `innerApiCalls.classifyText`, whose
 * promise has `cancel()` (it aborts the HTTP request, so an abandoned call frees its socket) and which skips
 * the client's own debug logging of the request. Other clients go through `classifyText`.
 */
export function startClassifyText(
  client: LanguageClientLike,
  request: ClassifyTextRequest,
  options: ClassifyTextCallOptions,
): PendingCall {
  const inner = client.innerApiCalls?.['classifyText'];
  if (typeof inner === 'function') {
    const call = inner.call(client.innerApiCalls, request, options) as PromiseLike<unknown> & { cancel?: () => void };
    return { promise: Promise.resolve(call), cancel: () => call.cancel?.() };
  }
  return { promise: Promise.resolve(client.classifyText(request, options)), cancel: () => undefined };
}
