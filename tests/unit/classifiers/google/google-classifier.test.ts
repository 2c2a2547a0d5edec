import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Classifier } from '../../../../src/classifiers/classifier.js';
import { PermanentClassifierError } from '../../../../src/classifiers/errors/permanent-classifier-error.js';
import { TransientClassifierError } from '../../../../src/classifiers/errors/transient-classifier-error.js';
import { createGoogleClassifier } from '../../../../src/classifiers/google/google-classifier.js';
import { useNock } from '../../../contract/classifier-contract.js';
import {
  API_KEY,
  classifyPath,
  GOOGLE_HOST,
  googleConfig,
  googleError,
  interceptClassify,
  memoryLogger,
  REST_QUERY,
  useNoMetadataServer,
  wireBody,
  type ApiVersion,
} from './google-fixtures.js';

useNock();
useNoMetadataServer();

const TEXT =
  'Write a Python script that reads a CSV file of monthly sales, groups the rows by region and plots a bar chart of the totals.';
const TOO_FEW = 'Invalid text content: too few tokens (words) to process.';

const open: Classifier[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function classifier(google: Record<string, unknown> = {}, logger = memoryLogger()): Promise<Classifier> {
  const c = await createGoogleClassifier(googleConfig(google), { logger: logger.logger });
  open.push(c);
  return c;
}

async function failure(c: Classifier, text = TEXT): Promise<unknown> {
  return c.classify(text).then(
    () => {
      throw new Error('classify() resolved but a failure was expected');
    },
    (e: unknown) => e,
  );
}

/** A second, different answer for the same request: if the adapter or gax retried, it would be consumed. */
function retryTrap(version: ApiVersion = 'v2'): nock.Scope {
  return interceptClassify(version, TEXT).reply(200, { categories: [{ name: '/Retried', confidence: 1 }] });
}

describe('google classifier: the request on the wire', () => {
  it('v2: POST /v2/documents:classifyText?$alt=json;enum-encoding=int, numeric enums, X-Goog-Api-Key', async () => {
    let seenBody: unknown;
    const scope = nock(GOOGLE_HOST)
      .matchHeader('x-goog-api-key', API_KEY)
      .matchHeader('content-type', /application\/json/)
      .matchHeader('x-goog-api-client', /gax\/[\d.]+-fallback/)
      .post(classifyPath('v2'), (body) => {
        seenBody = body;
        return true;
      })
      .query(REST_QUERY)
      .reply(200, { categories: [{ name: '/Computers & Electronics/Programming', confidence: 0.88 }], languageCode: 'en', languageSupported: true });
    const c = await classifier();
    expect(c.version).toBe('google/v2');
    expect(c.remote).toBe(true);
    await c.classify(TEXT);
    scope.done();
    expect(seenBody).toEqual({ document: { type: 1, content: TEXT } });
  });

  it('v1: asks for the V2 content-category model with numeric enums and names it in the version', async () => {
    let seenBody: unknown;
    const scope = nock(GOOGLE_HOST)
      .matchHeader('x-goog-api-key', API_KEY)
      .post(classifyPath('v1'), (body) => {
        seenBody = body;
        return true;
      })
      .query(REST_QUERY)
      .reply(200, { categories: [{ name: '/Computers & Electronics/Programming', confidence: 0.88 }] });
    const c = await classifier({ apiVersion: 'v1' });
    expect(c.version).toBe('google/v1-v2model');
    const result = await c.classify(TEXT);
    scope.done();
    expect(seenBody).toEqual({
      document: { type: 1, content: TEXT },
      classificationModelOptions: { v2Model: { contentCategoriesVersion: 2 } },
    });
    expect(seenBody).toEqual(wireBody('v1', TEXT));
    expect(result).toEqual({ labels: [{ name: '/Computers & Electronics/Programming', confidence: 0.88 }] });
  });

  it('sends the excerpt trimmed and cut to 1,000 code points', async () => {
    const long = `  ${'a'.repeat(998)}🙂🙂${'b'.repeat(300)}`;
    const scope = interceptClassify('v2', `${'a'.repeat(998)}🙂🙂`).reply(200, { categories: [] });
    const c = await classifier();
    await c.classify(long);
    scope.done();
  });

  it('uses apiEndpoint, port and protocol (a local fake over plain http)', async () => {
    const scope = nock('http://127.0.0.1:8089')
      .post('/v2/documents:classifyText', wireBody('v2', TEXT))
      .query(REST_QUERY)
      .reply(200, { categories: [{ name: '/Games/Roleplaying Games', confidence: 0.55 }] });
    const logs = memoryLogger();
    const c = await classifier({ apiEndpoint: '127.0.0.1', port: 8089, protocol: 'http' }, logs);
    await expect(c.classify(TEXT)).resolves.toEqual({ labels: [{ name: '/Games/Roleplaying Games', confidence: 0.55 }] });
    scope.done();
    expect(logs.text()).toContain('unencrypted');
  });

  it('does not call anything for an empty or blank excerpt', async () => {
    const c = await classifier();
    await expect(c.classify('')).resolves.toEqual({ labels: [] });
    await expect(c.classify('   \n ')).resolves.toEqual({ labels: [] });
  });
});

describe('google classifier: answers', () => {
  it('keeps every label in order, with languageCode and languageSupported from v2', async () => {
    const categories = [
      { name: '/Computers & Electronics/Programming', confidence: 0.91 },
      { name: '/Computers & Electronics', confidence: 0.72 },
      { name: '/Science/Computer Science', confidence: 0.58 },
    ];
    interceptClassify('v2', TEXT).reply(200, { categories, languageCode: 'en', languageSupported: true });
    const c = await classifier();
    await expect(c.classify(TEXT)).resolves.toEqual({ labels: categories, languageCode: 'en', languageSupported: true });
  });

  it('keeps labels below 0.5 (the pipeline applies minConfidence) and reports an unsupported language', async () => {
    const categories = [
      { name: '/Arts & Entertainment/Other', confidence: 0.41 },
      { name: '/Books & Literature/Poetry', confidence: 0.12 },
    ];
    interceptClassify('v2', TEXT).reply(200, { categories, languageCode: 'sl', languageSupported: false });
    const c = await classifier();
    await expect(c.classify(TEXT)).resolves.toEqual({ labels: categories, languageCode: 'sl', languageSupported: false });
  });

  it('keeps a parent and its child label together', async () => {
    const categories = [
      { name: '/Science', confidence: 0.66 },
      { name: '/Science/Astronomy', confidence: 0.93 },
    ];
    interceptClassify('v2', TEXT).reply(200, { categories, languageCode: 'en', languageSupported: true });
    const c = await classifier();
    const result = await c.classify(TEXT);
    expect(result.labels).toEqual(categories);
  });

  it('keeps languageSupported when the answer has no languageCode', async () => {
    const categories = [{ name: '/News', confidence: 0.8 }];
    interceptClassify('v2', TEXT).reply(200, { categories, languageSupported: true });
    const c = await classifier();
    await expect(c.classify(TEXT)).resolves.toEqual({ labels: categories, languageSupported: true });
  });

  it('does not report the proto3 default languageSupported: false for an answer without language fields', async () => {
    const categories = [{ name: '/News', confidence: 0.8 }];
    interceptClassify('v2', TEXT).reply(200, { categories });
    const c = await classifier();
    const result = await c.classify(TEXT);
    expect(result).toEqual({ labels: categories });
    expect('languageSupported' in result).toBe(false);
  });

  it('treats an answer without categories as no labels (proto3 JSON leaves empty lists out)', async () => {
    interceptClassify('v2', TEXT).reply(200, { languageCode: 'en', languageSupported: true });
    const c = await classifier();
    await expect(c.classify(TEXT)).resolves.toEqual({ labels: [], languageCode: 'en', languageSupported: true });
  });
});

describe('google classifier: failures (one attempt, never retried by the adapter or gax)', () => {
  it('400 too few tokens is permanent "too_few_tokens" and not retried', async () => {
    const scope = interceptClassify('v2', TEXT).reply(400, googleError(400, 'INVALID_ARGUMENT', TOO_FEW));
    const trap = retryTrap();
    const c = await classifier();
    const err = await failure(c);
    scope.done();
    expect(trap.isDone()).toBe(false);
    expect(err).toBeInstanceOf(PermanentClassifierError);
    expect((err as PermanentClassifierError).reason).toBe('too_few_tokens');
    expect((err as Error).message).toContain('too few tokens');
    expect((err as Error).message).toContain('HTTP 400 INVALID_ARGUMENT');
    // Google's message ends with a period; the sentence must not end up with two.
    expect((err as Error).message).toContain('to process. The sample is recorded as unclassifiable (too_few_tokens).');
    expect((err as Error).message).not.toMatch(/\.\./);
  });

  it('400 about an unsupported language is permanent "unsupported_language"', async () => {
    interceptClassify('v1', TEXT).reply(
      400,
      googleError(400, 'INVALID_ARGUMENT', 'The language sl is not supported for document_classification.'),
    );
    const c = await classifier({ apiVersion: 'v1' });
    const err = await failure(c);
    expect(err).toBeInstanceOf(PermanentClassifierError);
    expect((err as PermanentClassifierError).reason).toBe('unsupported_language');
  });

  it('any other 400 is permanent "invalid_argument"', async () => {
    interceptClassify('v2', TEXT).reply(400, googleError(400, 'INVALID_ARGUMENT', 'Document type is not specified.'));
    const c = await classifier();
    const err = await failure(c);
    expect((err as PermanentClassifierError).reason).toBe('invalid_argument');
  });

  it('429 with Retry-After in seconds is rate limited with retryAfterMs, and not retried', async () => {
    const scope = interceptClassify('v2', TEXT).reply(
      429,
      googleError(429, 'RESOURCE_EXHAUSTED', "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute'."),
      { 'Retry-After': '7' },
    );
    const trap = retryTrap();
    const c = await classifier();
    const err = await failure(c);
    scope.done();
    expect(trap.isDone()).toBe(false);
    expect(err).toBeInstanceOf(TransientClassifierError);
    const t = err as TransientClassifierError;
    expect(t.reason).toBe('rate_limited');
    expect(t.rateLimited).toBe(true);
    expect(t.retryAfterMs).toBe(7000);
  });

  it('429 with Retry-After as an HTTP date is rate limited with the time left', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    interceptClassify('v2', TEXT).reply(429, googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded.'), { 'Retry-After': at });
    const c = await classifier();
    const t = (await failure(c)) as TransientClassifierError;
    expect(t.rateLimited).toBe(true);
    expect(t.retryAfterMs).toBeGreaterThan(25_000);
    expect(t.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('429 without Retry-After is rate limited and leaves the pause to the queue', async () => {
    interceptClassify('v2', TEXT).reply(429, googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded.'));
    const c = await classifier();
    const t = (await failure(c)) as TransientClassifierError;
    expect(t).toBeInstanceOf(TransientClassifierError);
    expect(t.reason).toBe('rate_limited');
    expect(t.rateLimited).toBe(true);
    expect(t.retryAfterMs).toBeUndefined();
  });

  it('503 is transient "unavailable", not rate limited, and not retried', async () => {
    const scope = interceptClassify('v2', TEXT).reply(503, googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.'));
    const trap = retryTrap();
    const c = await classifier();
    const t = (await failure(c)) as TransientClassifierError;
    scope.done();
    expect(trap.isDone()).toBe(false);
    expect(t).toBeInstanceOf(TransientClassifierError);
    expect(t.reason).toBe('unavailable');
    expect(t.rateLimited).toBe(false);
  });

  it('503 with Retry-After carries the delay for the queue (retried, not rate limited)', async () => {
    interceptClassify('v2', TEXT).reply(503, googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.'), {
      'Retry-After': '5',
    });
    const c = await classifier();
    const t = (await failure(c)) as TransientClassifierError;
    expect([t.reason, t.rateLimited, t.retryAfterMs]).toEqual(['unavailable', false, 5000]);
    expect(t.message).toContain('Retry-After');
    expect(t.message).not.toMatch(/\.\./);
  });

  it('a hung connection fails as transient "timeout" after timeoutMs (REST mode ignores the client timeout)', async () => {
    interceptClassify('v2', TEXT).delay(10_000).reply(200, { categories: [] });
    const c = await classifier({ timeoutMs: 150 });
    const started = Date.now();
    const t = (await failure(c)) as TransientClassifierError;
    const took = Date.now() - started;
    expect(t).toBeInstanceOf(TransientClassifierError);
    expect(t.reason).toBe('timeout');
    expect(t.message).toContain('classifier.google.timeoutMs');
    expect(took).toBeGreaterThanOrEqual(140);
    expect(took).toBeLessThan(2000);
  });

  it('malformed JSON is transient "bad_response"', async () => {
    interceptClassify('v2', TEXT).reply(200, '{"categories": [ {"name": "/Sci', { 'content-type': 'application/json' });
    const c = await classifier();
    const t = (await failure(c)) as TransientClassifierError;
    expect(t).toBeInstanceOf(TransientClassifierError);
    expect(t.reason).toBe('bad_response');
  });

  it('a body of the wrong shape is transient "bad_response"', async () => {
    interceptClassify('v2', TEXT).reply(200, { categories: 'Science' });
    const c = await classifier();
    expect(((await failure(c)) as TransientClassifierError).reason).toBe('bad_response');
  });

  it('a confidence outside 0..1 is transient "bad_response"', async () => {
    interceptClassify('v2', TEXT).reply(200, { categories: [{ name: '/Science', confidence: 1.5 }] });
    const c = await classifier();
    expect(((await failure(c)) as TransientClassifierError).reason).toBe('bad_response');
  });

  it('a reset connection is transient "connection"', async () => {
    interceptClassify('v2', TEXT).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const c = await classifier();
    const t = (await failure(c)) as TransientClassifierError;
    expect(t).toBeInstanceOf(TransientClassifierError);
    expect(t.reason).toBe('connection');
    expect(t.message).toContain('ECONNRESET');
  });

  it('401 and 403 are transient auth failures (a deployment problem, not an unclassifiable excerpt)', async () => {
    interceptClassify('v2', TEXT).reply(401, googleError(401, 'UNAUTHENTICATED', 'API key not valid. Please pass a valid API key.'));
    interceptClassify('v2', TEXT).reply(
      403,
      googleError(403, 'PERMISSION_DENIED', 'Cloud Natural Language API has not been used in project 123 before or it is disabled.'),
    );
    const c = await classifier();
    const first = (await failure(c)) as TransientClassifierError;
    const second = (await failure(c)) as TransientClassifierError;
    expect(first).toBeInstanceOf(TransientClassifierError);
    expect(first.reason).toBe('unauthenticated');
    expect(first.message).toContain('classifier.google.apiKey');
    expect(second.reason).toBe('permission_denied');
  });

  it('404 is permanent "not_found"', async () => {
    interceptClassify('v2', TEXT).reply(404, 'Not Found');
    const c = await classifier();
    const err = await failure(c);
    expect(err).toBeInstanceOf(PermanentClassifierError);
    expect((err as PermanentClassifierError).reason).toBe('not_found');
  });

  it('close() abandons a call in flight as "aborted"', async () => {
    interceptClassify('v2', TEXT).delay(10_000).reply(200, { categories: [] });
    const c = await classifier();
    const pending = failure(c);
    setTimeout(() => void c.close(), 30);
    const t = (await pending) as TransientClassifierError;
    expect(t).toBeInstanceOf(TransientClassifierError);
    expect(t.reason).toBe('aborted');
    await expect(c.classify(TEXT)).rejects.toThrow(/closed/);
  });
});

describe('google classifier: privacy', () => {
  it('never puts the excerpt or the API key in a log line or an error message', async () => {
    const logs = memoryLogger();
    const c = await classifier({}, logs);
    interceptClassify('v2', TEXT).reply(200, { categories: [{ name: '/Science', confidence: 0.7 }], languageCode: 'en', languageSupported: true });
    interceptClassify('v2', TEXT).reply(400, googleError(400, 'INVALID_ARGUMENT', `Cannot process: ${TEXT}`));
    interceptClassify('v2', TEXT).reply(429, googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded.'));
    interceptClassify('v2', TEXT).replyWithError(Object.assign(new Error(`connect failed ${TEXT}`), { code: 'ECONNREFUSED' }));
    await c.classify(TEXT);
    const errors = [await failure(c), await failure(c), await failure(c)] as Error[];
    for (const e of errors) {
      expect(e.message).not.toContain(TEXT.slice(0, 40));
      expect(e.message).not.toContain(API_KEY);
      expect(e.cause).toBeUndefined();
    }
    expect(errors[0]!.message).toContain('withheld');
    const text = logs.text();
    expect(text).toContain('google classifier ready');
    expect(text).toContain('"auth":"apiKey"');
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(TEXT.slice(0, 40));
  });
});

describe('google classifier: billing units', () => {
  it('a successful request is billed one unit; a blank excerpt, never sent, none', async () => {
    const c = await classifier();
    expect(c.billedUnits?.(TEXT)).toBe(1);
    expect(c.billedUnits?.(`${'x'.repeat(5000)}`)).toBe(1); // cut to 1,000 code points before it is sent
    expect(c.billedUnits?.('   ')).toBe(0);
  });
});

describe('google classifier: start-up', () => {
  it('with an API key and no project id, starts without probing the metadata server', async () => {
    // useNoMetadataServer() emptied GOOGLE_CLOUD_PROJECT & co and fails the test on any metadata request.
    const scope = interceptClassify('v2', TEXT).reply(200, { categories: [{ name: '/Science', confidence: 0.7 }] });
    const started = Date.now();
    const c = await classifier();
    await c.classify(TEXT);
    scope.done();
    // The probe took ~2-3 s of failed attempts; without it start-up and the first call are local work only.
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('starts with authorized_user credentials (refresh token) and sends their bearer token', async () => {
    const token = nock('https://oauth2.googleapis.com')
      .post('/token', (body: Record<string, string>) => body['grant_type'] === 'refresh_token' && body['refresh_token'] === 'test-refresh')
      .reply(200, { access_token: 'ya29.test-access', expires_in: 3600, token_type: 'Bearer' });
    const call = nock(GOOGLE_HOST)
      .matchHeader('authorization', 'Bearer ya29.test-access')
      .post(classifyPath('v2'), wireBody('v2', TEXT))
      .query(REST_QUERY)
      .reply(200, { categories: [{ name: '/Science', confidence: 0.7 }], languageCode: 'en', languageSupported: true });
    const logs = memoryLogger();
    const c = await classifier(
      {
        apiKey: undefined,
        credentials: {
          type: 'authorized_user',
          client_id: 'test-client.apps.googleusercontent.com',
          client_secret: 'test-client-secret',
          refresh_token: 'test-refresh',
          quota_project_id: 'prompt-census-test',
        },
      },
      logs,
    );
    await expect(c.classify(TEXT)).resolves.toEqual({
      labels: [{ name: '/Science', confidence: 0.7 }],
      languageCode: 'en',
      languageSupported: true,
    });
    token.done();
    call.done();
    expect(logs.text()).toContain('"auth":"credentials"');
    expect(logs.text()).not.toContain('test-client-secret');
  });
});

describe('google classifier: configuration', () => {
  it('refuses more than one of apiKey, credentials and keyFilename', async () => {
    await expect(
      createGoogleClassifier(googleConfig({ keyFilename: '/etc/sa.json' }), { logger: memoryLogger().logger }),
    ).rejects.toThrow(/set only one of apiKey, credentials or keyFilename/);
  });

  it('refuses plain http without an apiEndpoint (the key would go to Google unencrypted)', async () => {
    await expect(createGoogleClassifier(googleConfig({ protocol: 'http' }), { logger: memoryLogger().logger })).rejects.toThrow(
      /apiEndpoint is not set/,
    );
  });

  it('fails at start-up, with a hint, when the key file cannot be read', async () => {
    await expect(
      createGoogleClassifier(googleConfig({ apiKey: undefined, keyFilename: '/nonexistent/prompt-census-sa.json' }), {
        logger: memoryLogger().logger,
      }),
    ).rejects.toThrow(/could not start: .*ENOENT.*Check classifier\.google\.apiKey, credentials or keyFilename/s);
  });

  it('refuses an injected client without classifyText', async () => {
    await expect(
      createGoogleClassifier(googleConfig(), { logger: memoryLogger().logger }, { client: { close: async () => undefined } }),
    ).rejects.toThrow(/options\.client must be/);
  });
});

describe('google classifier: an injected client (gRPC-style errors)', () => {
  function fakeClient(answer: () => Promise<unknown>) {
    const calls: { request: unknown; options: unknown }[] = [];
    return {
      calls,
      client: {
        classifyText(request: unknown, options: unknown) {
          calls.push({ request, options });
          return answer();
        },
      },
    };
  }

  it('passes {retry: null} and the timeout, and reads the [response] tuple', async () => {
    const fake = fakeClient(async () => [{ categories: [{ name: '/News', confidence: 0.8 }], languageCode: 'fr', languageSupported: true }]);
    const c = await createGoogleClassifier(googleConfig({ timeoutMs: 2500 }), { logger: memoryLogger().logger }, { client: fake.client });
    open.push(c);
    await expect(c.classify(TEXT)).resolves.toEqual({ labels: [{ name: '/News', confidence: 0.8 }], languageCode: 'fr', languageSupported: true });
    expect(fake.calls).toEqual([{ request: { document: { type: 'PLAIN_TEXT', content: TEXT } }, options: { retry: null, timeout: 2500 } }]);
  });

  it('maps gRPC RESOURCE_EXHAUSTED (8) to rate limited and INVALID_ARGUMENT (3) to permanent', async () => {
    const errors = [
      Object.assign(new Error('8 RESOURCE_EXHAUSTED: Quota exceeded.'), { code: 8, details: 'Quota exceeded.' }),
      Object.assign(new Error(`3 INVALID_ARGUMENT: ${TOO_FEW}`), { code: 3, details: TOO_FEW }),
      Object.assign(new Error('14 UNAVAILABLE: Name resolution failed'), { code: 14, details: 'Name resolution failed' }),
    ];
    const fake = fakeClient(async () => {
      throw errors.shift();
    });
    const c = await createGoogleClassifier(googleConfig(), { logger: memoryLogger().logger }, { client: fake.client });
    open.push(c);
    const rate = (await failure(c)) as TransientClassifierError;
    const permanent = (await failure(c)) as PermanentClassifierError;
    const unavailable = (await failure(c)) as TransientClassifierError;
    expect(rate.rateLimited).toBe(true);
    expect(rate.reason).toBe('rate_limited');
    expect(permanent).toBeInstanceOf(PermanentClassifierError);
    expect(permanent.reason).toBe('too_few_tokens');
    expect(unavailable.reason).toBe('unavailable');
  });
});
