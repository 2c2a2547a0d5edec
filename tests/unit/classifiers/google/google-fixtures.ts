import { Writable } from 'node:stream';
import nock from 'nock';
import { afterAll, beforeAll, vi } from 'vitest';
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

/**
 * The auth library looks up a project id before the first call and, without one, probes the GCE metadata
 * server (about 2.6 s of failed attempts under nock). A project id in the environment skips that.
 */
export function useGoogleProjectEnv(): void {
  beforeAll(() => {
    vi.stubEnv('GOOGLE_CLOUD_PROJECT', 'prompt-census-test');
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });
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
