import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactConfig } from '../../../src/config/load-config.js';

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
    expect(message).toMatch(/redis: Unrecognized key: "extra"/);
    expect(message).toContain('sampling.rate');
    expect(message).toContain('classifier.http.url');
    expect(message).toContain('server.port');
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
  });
});
