import { Writable } from 'node:stream';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import type { ClassifierConfig } from '../../../../src/config/config-schema.js';
import { configSchema } from '../../../../src/config/config-schema.js';
import { createLogger, type Logger } from '../../../../src/logging/create-logger.js';

export const GOOGLE_HOST = 'https://language.googleapis.com';
/** A made-up key: the tests check it goes out as the X-Goog-Api-Key header and never into a log. */
export const API_KEY = 'AIza-test-key-0123456789';
/** The query the client adds in REST mode (numeric enums). */
export const REST_QUERY = { $alt: 'json;enum-encoding=int' };

export type ApiVersion = 'v1' | 'v2';

export function googleConfig(google: Record<string, unknown> = {}): ClassifierConfig {
  return configSchema.parse({ classifier: { kind: 'google', google: { apiKey: API_KEY, ...google } } }).classifier;
}

export function classifyPath(version: ApiVersion): string {
  return `/${version}/documents:classifyText`;
}

/** The exact JSON body the Node client sends (numeric enums: PLAIN_TEXT = 1, V2 = 2). */
export function wireBody(version: ApiVersion, content: string): nock.DataMatcherMap {
  const body: nock.DataMatcherMap = { document: { type: 1, content } };
  if (version === 'v1') body['classificationModelOptions'] = { v2Model: { contentCategoriesVersion: 2 } };
  return body;
}

/** An interceptor for exactly the request the client sends for `content` (any content when omitted). */
export function interceptClassify(version: ApiVersion, content?: string): nock.Interceptor {
  return nock(GOOGLE_HOST)
    .matchHeader('x-goog-api-key', API_KEY)
    .matchHeader('content-type', /application\/json/)
    .post(classifyPath(version), content === undefined ? () => true : wireBody(version, content))
    .query(REST_QUERY);
}

export function googleError(code: number, status: string, message: string): Record<string, unknown> {
  return { error: { code, message, status } };
}

/** Hosts of the GCE metadata server, which the auth library probes when it looks for a project or ADC. */
export const METADATA_HOST = /169\.254\.169\.254|metadata\.google\.internal/;

/**
 * Makes a test file hermetic about Google's environment and proves start-up never probes the metadata server:
 * the project and credential variables are emptied (the auth library treats "" as unset), and after each test
 * every request nock refused is checked: none may have gone to 169.254.169.254 / metadata.google.internal
 * (with an API key the client must not look up a project or Application Default Credentials).
 */
export function useNoMetadataServer(): { metadataRequests(): string[] } {
  const refused: string[] = [];
  const onNoMatch = (req: { hostname?: string; host?: string; path?: string; method?: string }) => {
    refused.push(`${req.method ?? 'GET'} ${req.hostname ?? req.host ?? '?'}${req.path ?? ''}`);
  };
  beforeAll(() => {
    for (const name of ['GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT', 'GCP_PROJECT', 'GOOGLE_APPLICATION_CREDENTIALS']) vi.stubEnv(name, '');
    nock.emitter.on('no match', onNoMatch);
  });
  afterEach(() => {
    const probes = refused.splice(0).filter((r) => METADATA_HOST.test(r));
    expect(probes, 'requests to the GCE metadata server').toEqual([]);
  });
  afterAll(() => {
    nock.emitter.removeListener('no match', onNoMatch);
    vi.unstubAllEnvs();
  });
  return { metadataRequests: () => refused.filter((r) => METADATA_HOST.test(r)) };
}

/** A real pino logger writing into memory, so tests can check what was (not) logged. */
export function memoryLogger(): { logger: Logger; text(): string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = createLogger({ level: 'trace', destination });
  return { logger, text: () => chunks.join('') };
}
