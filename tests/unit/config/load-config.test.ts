import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/config-schema.js';
import { effectiveConfig } from '../../../src/config/effective-config.js';
import { closestKey, knownKeysAt } from '../../../src/config/known-keys.js';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';
import { redactConfig } from '../../../src/config/redact-config.js';
import { redactUrl } from '../../../src/config/redact-url.js';
import { defaultCatalogPath } from '../../../src/catalog/load-catalog.js';
import { bundledModelPath } from '../../../src/classifiers/local/load-local-model.js';
import { defaultMappingPath } from '../../../src/taxonomy/load-mapping.js';

const dir = mkdtempSync(join(tmpdir(), 'pc-config-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('loadConfig', () => {
  it('gives the pinned defaults with no file', () => {
    const { config } = loadConfig({ env: {} });
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.redis.prefix).toBe('pc');
    expect(config.sampling.rate).toBe(0.0025);
    expect(config.sampling.maxChars).toBe(1000);
    expect(config.classifier.kind).toBe('local');
    expect(config.classifier.minConfidence).toBe(0.5);
    expect(config.store.kind).toBe('redis');
    expect(config.server.host).toBe('127.0.0.1');
    expect(typeof config.server.port).toBe('number');
  });

  it('reads YAML and JSON, from --config or PROMPT_CENSUS_CONFIG, and REDIS_URL wins over redis.url', () => {
    const y = file('a.yaml', 'redis:\n  url: redis://10.0.0.1:6379\nsampling:\n  rate: 0.01\n');
    expect(loadConfig({ file: y, env: {} }).config.sampling.rate).toBe(0.01);
    const j = file('a.json', JSON.stringify({ classifier: { kind: 'http', http: { url: 'http://127.0.0.1:9/c' } } }));
    expect(loadConfig({ env: { PROMPT_CENSUS_CONFIG: j } }).config.classifier.kind).toBe('http');
    expect(loadConfig({ file: y, env: { REDIS_URL: 'redis://127.0.0.1:7000' } }).config.redis.url).toBe('redis://127.0.0.1:7000');
  });

  it('PROMPT_CENSUS_PORT overrides server.port (the worker and healthcheck read it alike)', () => {
    const f = file('port.yaml', 'server: {port: 9000}\n');
    expect(loadConfig({ file: f, env: {} }).config.server.port).toBe(9000);
    expect(loadConfig({ file: f, env: { PROMPT_CENSUS_PORT: '9100' } }).config.server.port).toBe(9100);
    expect(() => loadConfig({ env: { PROMPT_CENSUS_PORT: 'http' } })).toThrow(/^Invalid config \(from env PROMPT_CENSUS_PORT\):\n {2}- server\.port: /);
    expect(() => loadConfig({ env: { PROMPT_CENSUS_PORT: '70000' } })).toThrow(/server\.port: Too big/);
  });

  it('names every bad key path and why', () => {
    const bad = file('bad.yaml', 'redis: {url: nope, extra: 1}\nsampling: {rate: 2}\nclassifier: {kind: http}\nserver: {port: -1}\n');
    let message = '';
    try {
      loadConfig({ file: bad, env: {} });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toContain(bad);
    expect(message).toContain('redis.url');
    expect(message).toContain('  - redis.extra: unknown key\n');
    expect(message).not.toContain('Unrecognized');
    expect(message).toContain('sampling.rate');
    expect(message).toContain('classifier.http.url');
    expect(message).toContain('server.port');
  });

  it('reports unknown keys by their path, with the closest known key as a hint', () => {
    const bad = file('keys.yaml', 'bogus: 1\nreddis: {url: "redis://x:6379"}\nredis: {bogus: 1, prefx: a}\nsampling: {max_chars: 10}\nclassifier: {http: {timeout: 5}}\n');
    const error = (() => {
      try {
        loadConfig({ file: bad, env: {} });
      } catch (err) {
        return err as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    const lines = error.message.split('\n').slice(1);
    expect(lines).toEqual(
      expect.arrayContaining([
        '  - bogus: unknown key',
        '  - reddis: unknown key (did you mean "redis"?)',
        '  - redis.bogus: unknown key',
        '  - redis.prefx: unknown key (did you mean "prefix"?)',
        '  - sampling.max_chars: unknown key (did you mean "maxChars"?)',
        '  - classifier.http.timeout: unknown key (did you mean "timeoutMs"?)',
      ]),
    );
    expect(lines).toHaveLength(6);
    expect(error.message.split('\n')[0]).toBe(`Invalid config (from file ${bad}):`);
    expect(error.issues.map((i) => i.source)).toEqual(Array(6).fill(`file ${bad}`));
    expect(error.fromCommandLine).toBe(false);
  });

  it('names the env var or the command line a bad value came from', () => {
    expect(() => loadConfig({ env: { REDIS_URL: 'not a url' } })).toThrow('Invalid config (from env REDIS_URL):\n  - redis.url: must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379');
    const f = file('mixed.yaml', 'sampling: {rate: 2}\n');
    let message = '';
    try {
      loadConfig({ file: f, env: { REDIS_URL: 'nope', PROMPT_CENSUS_POSTGRES_URL: 'x' }, overrides: { 'server.port': Number('abc') } });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.split('\n')[0]).toBe(`Invalid config (from env REDIS_URL, file ${f}, the command line):`);
    expect(message).toContain('  - redis.url: must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379 (from env REDIS_URL)');
    expect(message).toContain(`  - sampling.rate: Too big: expected number to be <=1 (from file ${f})`);
    expect(message).toMatch(/ {2}- server\.port: .* \(from the command line\)/);
    // Only the flag is wrong: a usage error.
    try {
      loadConfig({ env: {}, overrides: { 'classifier.kind': 'nope' } });
    } catch (err) {
      expect((err as ConfigError).fromCommandLine).toBe(true);
      expect((err as Error).message).toMatch(/^Invalid config \(from the command line\):\n {2}- classifier\.kind: /);
    }
    expect.assertions(7);
  });

  it('finds the known keys of nested, defaulted objects', () => {
    expect(knownKeysAt(configSchema, [])).toContain('redis');
    expect(knownKeysAt(configSchema, ['redis'])).toEqual(['url', 'prefix', 'cluster']);
    expect(knownKeysAt(configSchema, ['store', 'postgres'])).toEqual(['url', 'schema']);
    expect(knownKeysAt(configSchema, ['nope'])).toBeUndefined();
    expect(closestKey('smapling', ['redis', 'sampling'])).toBe('sampling');
    expect(closestKey('zzz', ['redis', 'sampling'])).toBeUndefined();
  });

  it('explains unreadable and unparseable files', () => {
    expect(() => loadConfig({ file: join(dir, 'missing.yaml'), env: {} })).toThrow(/Cannot read config file .*ENOENT/);
    expect(() => loadConfig({ file: file('x.yaml', 'a: [1, 2'), env: {} })).toThrow(/not valid YAML/);
    expect(() => loadConfig({ file: file('x.json', '{'), env: {} })).toThrow(/not valid JSON/);
    expect(() => loadConfig({ file: file('list.yaml', '- 1\n- 2\n'), env: {} })).toThrow(/mapping of keys/);
  });

  it('requires a hash-tag prefix with Redis Cluster', () => {
    const c = file('c.yaml', 'redis: {cluster: ["redis://127.0.0.1:7000"], prefix: pc}\n');
    expect(() => loadConfig({ file: c, env: {} })).toThrow(/hash tag/);
  });

  it('redacts secrets and URL passwords', () => {
    const s = file('s.yaml', 'redis: {url: "redis://:hunter2@127.0.0.1:6379"}\nsampling: {salt: s3cret}\nserver: {authToken: tok}\nclassifier: {http: {headers: {Authorization: "Bearer abc"}}}\n');
    const text = JSON.stringify(redactConfig(loadConfig({ file: s, env: {} }).config));
    expect(text).not.toMatch(/hunter2|s3cret|"tok"|Bearer abc/);
    expect(text).toContain('[redacted]');
    expect(text).toContain('"Authorization":"[redacted]"');
  });

  it('redacts secret-looking query and fragment parameters in every URL, whatever their case', () => {
    const s = file(
      'q.yaml',
      [
        'classifier: {kind: http, http: {url: "https://c.example/v2:classify?key=APIKEYSECRET&alt=json"}}',
        'redis: {url: "redis://u:pw@127.0.0.1:6379/0?db=2&Password=PWSECRET", prefix: "{pc}", cluster: ["redis://127.0.0.1:7000?token=TOKSECRET"]}',
        'store: {postgres: {url: "postgres://app@db:5432/census?sslmode=require&password=PGSECRET"}}',
      ].join('\n'),
    );
    const out = redactConfig(loadConfig({ file: s, env: {} }).config) as {
      classifier: { http: { url: string } }; redis: { url: string; cluster: string[] }; store: { postgres: { url: string } };
    };
    expect(out.classifier.http.url).toBe('https://c.example/v2:classify?key=[redacted]&alt=json');
    expect(out.redis.url).toBe('redis://u:[redacted]@127.0.0.1:6379/0?db=2&Password=[redacted]');
    expect(out.redis.cluster).toEqual(['redis://127.0.0.1:7000?token=[redacted]']);
    expect(out.store.postgres.url).toBe('postgres://app@db:5432/census?sslmode=require&password=[redacted]');
    for (const name of ['api_key', 'APIKEY', 'access_token', 'auth', 'signature', 'sig', 'X-Amz-Signature', 'X-Amz-Credential', 'secret', 'client_secret', 'pwd', 'Session', 'jwt']) {
      expect(redactUrl(`https://h/p?a=1&${name}=S3CRET&b=2`), name).toBe(`https://h/p?a=1&${name}=[redacted]&b=2`);
    }
    expect(redactUrl('https://h/cb#access_token=S3CRET&state=x')).toBe('https://h/cb#access_token=[redacted]&state=x');
    expect(redactUrl('https://h/p?flag&x=1#section')).toBe('https://h/p?flag&x=1#section');
  });

  it('the effective config names the bundled files unset paths fall back to', () => {
    const { config } = loadConfig({ env: {} });
    const e = effectiveConfig(config);
    expect(e.taxonomy.mapping).toBe(defaultMappingPath());
    expect(e.catalog.models).toBe(defaultCatalogPath());
    expect(e.classifier.local.model).toBe(bundledModelPath());
    const own = file('own.yaml', 'taxonomy: {mapping: /etc/pc/mapping.yaml}\ncatalog: {models: /etc/pc/models.yaml}\n');
    const e2 = effectiveConfig(loadConfig({ file: own, env: {} }).config);
    expect(e2.taxonomy.mapping).toBe('/etc/pc/mapping.yaml');
    expect(e2.catalog.models).toBe('/etc/pc/models.yaml');
    expect(config.taxonomy.mapping).toBeUndefined(); // the validated config itself is not changed
  });
});
