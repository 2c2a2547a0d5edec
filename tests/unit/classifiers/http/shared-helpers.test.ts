// Tests of src/classifiers/shared/* and classification-units.ts (used by both network kinds).
import { describe, expect, it } from 'vitest';
import { billingUnits } from '../../../../src/classifiers/classification-units.js';
import { TransientClassifierError } from '../../../../src/classifiers/errors/transient-classifier-error.js';
import { withDeadline } from '../../../../src/classifiers/shared/deadline.js';
import { sentence } from '../../../../src/classifiers/shared/failure-context.js';
import { invalidArgumentReason } from '../../../../src/classifiers/shared/http-failure.js';
import { prepareExcerpt } from '../../../../src/classifiers/shared/prepare-excerpt.js';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../../../src/classifiers/shared/retry-after.js';
import { readUpstreamError, safeUpstreamMessage } from '../../../../src/classifiers/shared/upstream-message.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
  });
  it('reads an HTTP date as the time left, and a past date as 0', () => {
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:59:00 GMT', now)).toBe(0);
  });
  it('caps long waits and ignores absent or unreadable values', () => {
    expect(parseRetryAfter('86400', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('sentence', () => {
  it('ends a text with exactly one full stop', () => {
    expect(sentence('HTTP 400: too few tokens (words) to process.')).toBe('HTTP 400: too few tokens (words) to process.');
    expect(sentence('HTTP 503')).toBe('HTTP 503.');
    expect(sentence('Slow down!  ')).toBe('Slow down!');
    expect(sentence('Why?')).toBe('Why?');
    expect(sentence('cut…')).toBe('cut…');
  });
});

describe('billingUnits', () => {
  it('is ceil(code points / 1,000), at least 1', () => {
    expect(billingUnits('')).toBe(1);
    expect(billingUnits('a'.repeat(1000))).toBe(1);
    expect(billingUnits('a'.repeat(1001))).toBe(2);
    expect(billingUnits('😀'.repeat(1000))).toBe(1); // 2,000 UTF-16 units, 1,000 characters
    expect(billingUnits('a'.repeat(2500))).toBe(3);
  });
});

describe('prepareExcerpt', () => {
  it('trims, and returns "" for blank text', () => {
    expect(prepareExcerpt('  hello world \n')).toBe('hello world');
    expect(prepareExcerpt(' \t\n ')).toBe('');
  });
  it('cuts to 1,000 code points and never splits a surrogate pair', () => {
    const cut = prepareExcerpt(`${'a'.repeat(999)}😀😀`);
    expect(cut).toBe(`${'a'.repeat(999)}😀`);
    expect([...cut].length).toBe(1000);
    expect(billingUnits(cut)).toBe(1);
    expect(prepareExcerpt('😀'.repeat(1200))).toBe('😀'.repeat(1000));
  });
  it('replaces a lone surrogate so the JSON body is well-formed', () => {
    expect(prepareExcerpt('abc\uD800def')).toBe('abc\uFFFDdef');
  });
});

describe('upstream error messages', () => {
  it('reads Google, {error: string}, {message} and short plain-text bodies', () => {
    expect(readUpstreamError('{"error":{"code":400,"message":"too few tokens","status":"INVALID_ARGUMENT"}}')).toEqual({
      message: 'too few tokens',
      status: 'INVALID_ARGUMENT',
    });
    expect(readUpstreamError('{"error":"bad token"}')).toEqual({ message: 'bad token' });
    expect(readUpstreamError('{"message":"unprocessable"}')).toEqual({ message: 'unprocessable' });
    expect(readUpstreamError('Service Unavailable')).toEqual({ message: 'Service Unavailable' });
    expect(readUpstreamError('<html><body>502</body></html>')).toEqual({ message: '' });
    expect(readUpstreamError('')).toEqual({ message: '' });
  });
  it('withholds a message that quotes the excerpt and shortens long ones', () => {
    const excerpt = 'my secret project plan for the quarterly review meeting';
    expect(safeUpstreamMessage(`Cannot parse "${excerpt.slice(3, 30)}"`, excerpt)).toContain('withheld');
    expect(safeUpstreamMessage('Invalid text content: too few tokens (words) to process.', excerpt)).toBe(
      'Invalid text content: too few tokens (words) to process.',
    );
    expect(safeUpstreamMessage('x'.repeat(500), 'short').length).toBe(301);
  });
  it('picks the 400 reason from the message', () => {
    expect(invalidArgumentReason('Invalid text content: too few tokens (words) to process.')).toBe('too_few_tokens');
    expect(invalidArgumentReason('The language sl is not supported for document_classification.')).toBe('unsupported_language');
    expect(invalidArgumentReason('Unsupported language: xx')).toBe('unsupported_language');
    expect(invalidArgumentReason('Document type is not specified.')).toBe('invalid_argument');
  });
});

describe('withDeadline', () => {
  const options = { timeoutMs: 1000, timeoutSetting: 'classifier.http.timeoutMs', service: 'the test service' };

  it('does not start the work when a signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let started = false;
    const result = withDeadline(
      async () => {
        started = true;
        return 1;
      },
      { ...options, signals: [controller.signal] },
    );
    await expect(result).rejects.toMatchObject({ reason: 'aborted' });
    expect(started).toBe(false);
  });

  it('aborts the work signal on timeout and passes results and errors through', async () => {
    let workSignal: AbortSignal | undefined;
    const hung = withDeadline(
      (signal) => {
        workSignal = signal;
        return new Promise<never>(() => undefined);
      },
      { ...options, timeoutMs: 20, signals: [] },
    );
    await expect(hung).rejects.toBeInstanceOf(TransientClassifierError);
    await expect(hung).rejects.toMatchObject({ reason: 'timeout' });
    expect(workSignal?.aborted).toBe(true);
    await expect(withDeadline(async () => 42, { ...options, signals: [] })).resolves.toBe(42);
    const boom = new Error('boom');
    await expect(withDeadline(() => Promise.reject(boom), { ...options, signals: [] })).rejects.toBe(boom);
  });
});
