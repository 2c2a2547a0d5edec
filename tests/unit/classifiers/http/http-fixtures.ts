import nock from 'nock';
import type { ClassifierConfig } from '../../../../src/config/config-schema.js';
import { configSchema } from '../../../../src/config/config-schema.js';

export const ENDPOINT_ORIGIN = 'https://classify.example.test:8443';
export const ENDPOINT_PATH = '/v2/documents:classifyText';
export const ENDPOINT_URL = `${ENDPOINT_ORIGIN}${ENDPOINT_PATH}?tenant=census`;
/** A made-up bearer token: the tests check it is sent and never logged. */
export const TOKEN = 'Bearer test-token-7f3a9c';

export function httpConfig(http: Record<string, unknown> = {}): ClassifierConfig {
  return configSchema.parse({
    classifier: { kind: 'http', http: { url: ENDPOINT_URL, headers: { Authorization: TOKEN }, ...http } },
  }).classifier;
}

/** An interceptor for exactly the request the http kind sends for `content` (any content when omitted). */
export function interceptHttp(content?: string): nock.Interceptor {
  return nock(ENDPOINT_ORIGIN)
    .matchHeader('authorization', TOKEN)
    .matchHeader('content-type', /^application\/json/)
    .post(ENDPOINT_PATH, content === undefined ? () => true : { document: { type: 'PLAIN_TEXT', content } })
    .query({ tenant: 'census' });
}
