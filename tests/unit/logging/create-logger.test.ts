import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { censorLogLine, createLogger } from '../../../src/logging/create-logger.js';

/** A real logger writing into memory: what would reach stderr. */
function captured(): { logger: ReturnType<typeof createLogger>; text(): string; lines(): Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = createLogger({ level: 'trace', destination });
  return {
    logger,
    text: () => chunks.join(''),
    lines: () => chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

const SECRETS = {
  bearer: 'Bearer tok-5b1c9e',
  googKey: 'AIza-log-key-77aa',
  vendorKey: 'vendor-key-0d9f',
  custom: 'x-secret-value-31',
};

describe('logger redaction', () => {
  it('censors header values whatever the case of the header name, at any depth', () => {
    const log = captured();
    log.logger.info({ Authorization: SECRETS.bearer }, 'top level, capitalised');
    log.logger.info({ request: { AUTHORIZATION: SECRETS.bearer, 'X-Goog-Api-Key': SECRETS.googKey } }, 'nested');
    log.logger.info({ a: { b: { c: { 'x-goog-api-key': SECRETS.googKey, 'X-API-KEY': SECRETS.vendorKey } } } }, 'deep');
    log.logger.info({ classifier: { http: { headers: { 'X-Custom-Auth': SECRETS.custom, Authorization: SECRETS.bearer } } } }, 'config');
    log.logger.info({ Headers: { 'X-Custom-Auth': SECRETS.custom } }, 'Headers object');
    log.logger.info({ rawHeaders: ['X-Custom-Auth', SECRETS.custom] }, 'raw headers');
    log.logger.info({ pairs: ['Content-Type', 'application/json', 'Authorization', SECRETS.bearer] }, 'name/value pairs');
    log.logger.info({ api_key: SECRETS.vendorKey, ApiKey: SECRETS.googKey }, 'spellings');
    log.logger.child({ headers: { authorization: SECRETS.bearer } }).info('child bindings');
    const text = log.text();
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    expect(text.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(10);
    // The rest of each line survives.
    const lines = log.lines();
    expect(lines.map((l) => l['msg'])).toEqual([
      'top level, capitalised',
      'nested',
      'deep',
      'config',
      'Headers object',
      'raw headers',
      'name/value pairs',
      'spellings',
      'child bindings',
    ]);
    expect(lines[5]!['rawHeaders']).toBe('[redacted]');
    expect(lines[6]!['pairs']).toEqual(['Content-Type', 'application/json', 'Authorization', '[redacted]']);
  });

  it('censors headers an error carries (a GaxiosError has config.headers with the API key)', () => {
    const log = captured();
    const err = Object.assign(new Error('request failed'), {
      config: { url: 'https://language.googleapis.com/v2/documents:classifyText', headers: { 'X-Goog-Api-Key': SECRETS.googKey } },
      response: { headers: { 'Set-Cookie': `sid=${SECRETS.custom}` } },
    });
    log.logger.error({ err }, 'classify failed');
    const text = log.text();
    expect(text).toContain('request failed');
    expect(text).not.toContain(SECRETS.googKey);
    expect(text).not.toContain(SECRETS.custom);
  });

  it('keeps the prompt-field redaction and leaves ordinary fields alone', () => {
    const log = captured();
    log.logger.info({ excerpt: 'my secret prompt', promptTokens: 12, headerCount: 2, tokens: 5, keyPrefix: 'pc' }, 'ok');
    const [line] = log.lines();
    expect(line).toMatchObject({ excerpt: '[redacted]', promptTokens: 12, headerCount: 2, tokens: 5, keyPrefix: 'pc' });
  });

  it('censorLogLine leaves a line without secret keys untouched (same string)', () => {
    const line = '{"level":30,"msg":"workers started","concurrency":4}\n';
    expect(censorLogLine(line)).toBe(line);
    expect(censorLogLine('not json authorization\n')).toBe('not json authorization\n');
  });
});
