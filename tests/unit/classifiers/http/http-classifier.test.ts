import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Classifier } from '../../../../src/classifiers/classifier.js';
import { PermanentClassifierError } from '../../../../src/classifiers/errors/permanent-classifier-error.js';
import { TransientClassifierError } from '../../../../src/classifiers/errors/transient-classifier-error.js';
import { createHttpClassifier } from '../../../../src/classifiers/http/http-classifier.js';
import { httpClassifierKind } from '../../../../src/classifiers/http/index.js';
import { useNock } from '../../../contract/classifier-contract.js';
import { memoryLogger } from '../google/google-fixtures.js';
import { ENDPOINT_ORIGIN, ENDPOINT_PATH, httpConfig, interceptHttp, TOKEN } from './http-fixtures.js';

useNock();

const TEXT = 'Translate this paragraph into German and keep the formal register: we are pleased to confirm your booking.';

const open: Classifier[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function classifier(http: Record<string, unknown> = {}, logger = memoryLogger()): Promise<Classifier> {
  const c = await createHttpClassifier(httpConfig(http), { logger: logger.logger });
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

describe('http classifier: the request', () => {
  it('POSTs the classifyText document with the configured headers', async () => {
    let seenBody: unknown;
    const scope = nock(ENDPOINT_ORIGIN)
      .matchHeader('authorization', TOKEN)
      .matchHeader('content-type', 'application/json; charset=utf-8')
      .matchHeader('accept', 'application/json')
      .post(ENDPOINT_PATH, (body) => {
        seenBody = body;
        return true;
      })
      .query({ tenant: 'census' })
      .reply(200, { categories: [{ name: '/Reference/Language Resources/Foreign Language Resources', confidence: 0.77 }] });
    const c = await classifier();
    expect(c.kind).toBe('http');
    expect(c.version).toBe('http/classify.example.test:8443');
    expect(c.remote).toBe(true);
    await c.classify(TEXT);
    scope.done();
    expect(seenBody).toEqual({ document: { type: 'PLAIN_TEXT', content: TEXT } });
  });

  it('is what the http kind creates', async () => {
    const c = await httpClassifierKind.create(httpConfig(), { logger: memoryLogger().logger });
    open.push(c);
    expect(httpClassifierKind.kind).toBe('http');
    expect(c.kind).toBe('http');
  });

  it('cuts the excerpt to 1,000 code points without splitting a surrogate pair', async () => {
    const scope = interceptHttp(`${'z'.repeat(999)}🎲`).reply(200, { categories: [] });
    const c = await classifier();
    await c.classify(`${'z'.repeat(999)}🎲🎲🎲 and more`);
    scope.done();
  });
});

describe('http classifier: answers', () => {
  it('keeps every label in order, below 0.5 too, parents with children, and the language', async () => {
    const categories = [
      { name: '/Science', confidence: 0.61 },
      { name: '/Science/Astronomy', confidence: 0.94 },
      { name: '/Travel & Transportation/Other', confidence: 0.22 },
    ];
    interceptHttp(TEXT).reply(200, { categories, languageCode: 'de', languageSupported: true });
    const c = await classifier();
    await expect(c.classify(TEXT)).resolves.toEqual({ labels: categories, languageCode: 'de', languageSupported: true });
  });

  it('keeps languageSupported when the answer has no languageCode', async () => {
    interceptHttp(TEXT).reply(200, { categories: [{ name: '/News', confidence: 0.8 }], languageSupported: false });
    const c = await classifier();
    await expect(c.classify(TEXT)).resolves.toEqual({ labels: [{ name: '/News', confidence: 0.8 }], languageSupported: false });
  });

  it('accepts an answer without languageCode', async () => {
    interceptHttp(TEXT).reply(200, { categories: [{ name: '/Adult', confidence: 0.97 }] });
    const c = await classifier();
    await expect(c.classify(TEXT)).resolves.toEqual({ labels: [{ name: '/Adult', confidence: 0.97 }] });
  });
});

describe('http classifier: failures', () => {
  it('400 too few tokens is permanent "too_few_tokens"', async () => {
    interceptHttp(TEXT).reply(400, {
      error: { code: 400, message: 'Invalid text content: too few tokens (words) to process.', status: 'INVALID_ARGUMENT' },
    });
    const c = await classifier();
    const err = await failure(c);
    expect(err).toBeInstanceOf(PermanentClassifierError);
    expect((err as PermanentClassifierError).reason).toBe('too_few_tokens');
    expect((err as Error).message).toBe(
      'The classifier endpoint at classify.example.test:8443 refused to classify this excerpt (HTTP 400 INVALID_ARGUMENT): ' +
        'Invalid text content: too few tokens (words) to process. The sample is recorded as unclassifiable (too_few_tokens).',
    );
  });

  it('400 in another shape is permanent "invalid_argument"', async () => {
    interceptHttp(TEXT).reply(400, { error: 'document.content must be a string' });
    const c = await classifier();
    const err = await failure(c);
    expect((err as PermanentClassifierError).reason).toBe('invalid_argument');
    expect((err as Error).message).toContain('document.content must be a string');
  });

  it('a 400 that quotes the excerpt has its message withheld', async () => {
    interceptHttp(TEXT).reply(400, { error: { message: `cannot classify "${TEXT}"` } });
    const c = await classifier();
    const err = (await failure(c)) as Error;
    expect(err.message).not.toContain(TEXT.slice(0, 30));
    expect(err.message).toContain('withheld');
  });

  it('429 with Retry-After is rate limited with retryAfterMs; without it leaves the pause to the queue', async () => {
    interceptHttp(TEXT).reply(429, { error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' } }, { 'Retry-After': '2' });
    interceptHttp(TEXT).reply(429, 'Too Many Requests');
    const c = await classifier();
    const first = (await failure(c)) as TransientClassifierError;
    const second = (await failure(c)) as TransientClassifierError;
    expect(first).toBeInstanceOf(TransientClassifierError);
    expect([first.reason, first.rateLimited, first.retryAfterMs]).toEqual(['rate_limited', true, 2000]);
    expect([second.reason, second.rateLimited, second.retryAfterMs]).toEqual(['rate_limited', true, undefined]);
  });

  it('503 with Retry-After is transient "unavailable" (not a queue pause) and carries the delay', async () => {
    interceptHttp(TEXT).reply(503, '<html><body>Service Unavailable</body></html>', { 'Retry-After': '5', 'content-type': 'text/html' });
    const c = await classifier();
    const t = (await failure(c)) as TransientClassifierError;
    expect(t).toBeInstanceOf(TransientClassifierError);
    expect([t.reason, t.rateLimited, t.retryAfterMs]).toEqual(['unavailable', false, 5000]);
    expect(t.message).not.toContain('<html>');
    expect(t.message).toContain('the classify queue pauses for the 5000 ms its Retry-After header asks');
  });

  it('no message ends up with a doubled full stop, whatever the upstream message ends with', async () => {
    for (const [status, message] of [
      [400, 'Document is empty.'],
      [401, 'API key not valid.'],
      [404, 'No such model.'],
      [422, 'Unprocessable!'],
      [429, 'Quota exceeded.'],
      [503, 'Back soon.'],
      [504, 'Upstream timed out.'],
    ] as const) {
      interceptHttp(TEXT).reply(status, { error: { code: status, message } });
      const c = await classifier();
      const err = (await failure(c)) as Error;
      expect(err.message, `HTTP ${status}`).toContain(message);
      expect(err.message, `HTTP ${status}`).not.toMatch(/[.!?]\./);
    }
  });

  it('a hung connection fails as transient "timeout" after timeoutMs', async () => {
    interceptHttp(TEXT).delay(10_000).reply(200, { categories: [] });
    const c = await classifier({ timeoutMs: 120 });
    const started = Date.now();
    const t = (await failure(c)) as TransientClassifierError;
    expect(t).toBeInstanceOf(TransientClassifierError);
    expect(t.reason).toBe('timeout');
    expect(t.message).toContain('classifier.http.timeoutMs');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('malformed JSON, a non-JSON page and a wrong shape are transient "bad_response"', async () => {
    interceptHttp(TEXT).reply(200, '{"categories": [', { 'content-type': 'application/json' });
    interceptHttp(TEXT).reply(200, '<html>maintenance</html>', { 'content-type': 'text/html' });
    interceptHttp(TEXT).reply(200, { categories: [{ name: 'Science', confidence: 0.9 }] });
    interceptHttp(TEXT).reply(200, [1, 2, 3]);
    const c = await classifier();
    for (let i = 0; i < 4; i++) {
      const t = (await failure(c)) as TransientClassifierError;
      expect(t).toBeInstanceOf(TransientClassifierError);
      expect(t.reason).toBe('bad_response');
    }
  });

  it('an answer larger than 1 MiB is transient "bad_response"', async () => {
    interceptHttp(TEXT).reply(200, `{"categories": [], "pad": "${'x'.repeat(1024 * 1024 + 10)}"}`);
    const c = await classifier();
    const t = (await failure(c)) as TransientClassifierError;
    expect(t.reason).toBe('bad_response');
  });

  it('a refused connection is transient "connection" and names no URL', async () => {
    interceptHttp(TEXT).replyWithError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:8443'), { code: 'ECONNREFUSED' }));
    const c = await classifier();
    const t = (await failure(c)) as TransientClassifierError;
    expect(t).toBeInstanceOf(TransientClassifierError);
    expect(t.reason).toBe('connection');
    expect(t.message).not.toContain('tenant=census');
  });

  it('401/403 are transient auth failures, 404 is permanent "not_found", 422 is permanent "rejected"', async () => {
    interceptHttp(TEXT).reply(401, { error: 'bad token' });
    interceptHttp(TEXT).reply(403, { error: 'forbidden' });
    interceptHttp(TEXT).reply(404, 'no such route');
    interceptHttp(TEXT).reply(422, { message: 'unprocessable' });
    const c = await classifier();
    const errors = [await failure(c), await failure(c), await failure(c), await failure(c)] as (
      | TransientClassifierError
      | PermanentClassifierError
    )[];
    expect(errors.map((e) => [e.constructor.name, e.reason])).toEqual([
      ['TransientClassifierError', 'unauthenticated'],
      ['TransientClassifierError', 'permission_denied'],
      ['PermanentClassifierError', 'not_found'],
      ['PermanentClassifierError', 'rejected'],
    ]);
    expect(errors[0]!.message).toContain('classifier.http.headers');
  });

  it('close() abandons a call in flight as "aborted" and refuses new calls', async () => {
    interceptHttp(TEXT).delay(10_000).reply(200, { categories: [] });
    const c = await classifier();
    const pending = failure(c);
    setTimeout(() => void c.close(), 30);
    const t = (await pending) as TransientClassifierError;
    expect(t.reason).toBe('aborted');
    await expect(c.classify(TEXT)).rejects.toThrow(/closed/);
  });
});

describe('http classifier: billing units', () => {
  it('a successful request is billed one unit; a blank excerpt, never sent, none', async () => {
    const c = await classifier();
    expect(c.billedUnits?.(TEXT)).toBe(1);
    expect(c.billedUnits?.('😀'.repeat(3000))).toBe(1);
    expect(c.billedUnits?.('\n\t ')).toBe(0);
  });
});

describe('http classifier: privacy and configuration', () => {
  it('never logs the excerpt, the headers or the URL query', async () => {
    const logs = memoryLogger();
    const c = await classifier({}, logs);
    interceptHttp(TEXT).reply(200, { categories: [{ name: '/Science', confidence: 0.7 }] });
    interceptHttp(TEXT).reply(500, { error: { message: 'internal' } });
    await c.classify(TEXT);
    await failure(c);
    const text = logs.text();
    expect(text).toContain('http classifier ready');
    expect(text).toContain('"headerCount":1');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('Authorization');
    expect(text).not.toContain(TOKEN.slice('Bearer '.length));
    expect(text).not.toContain('tenant=census');
    expect(text).not.toContain(TEXT.slice(0, 30));
  });

  it('refuses headers the adapter sets itself, a missing url and a non-http url', async () => {
    const deps = { logger: memoryLogger().logger };
    await expect(createHttpClassifier(httpConfig({ headers: { 'Content-Type': 'text/plain' } }), deps)).rejects.toThrow(
      /sets Content-Type, which the http classifier sets itself/,
    );
    const noUrl = { ...httpConfig(), http: { ...httpConfig().http, url: undefined } };
    await expect(createHttpClassifier(noUrl, deps)).rejects.toThrow(/classifier\.http\.url is not set/);
    await expect(createHttpClassifier(httpConfig({ url: 'ftp://files.example.test/classify' }), deps)).rejects.toThrow(
      /must be an http:\/\/ or https:\/\/ URL/,
    );
  });
});
