import { describe, expect, it } from 'vitest';
import { createSampler } from '../../../src/sampling/sampler.js';
import { createUserHasher } from '../../../src/sampling/user-hasher.js';

describe('sampler', () => {
  it('is deterministic: same id and salt, same decision on every instance', () => {
    const a = createSampler(0.0025, 'salt-1');
    const b = createSampler(0.0025, 'salt-1');
    for (let i = 0; i < 5000; i++) {
      const id = `req-${i}`;
      expect(a.isSampled(id)).toBe(b.isSampled(id));
      expect(a.position(id)).toBe(b.position(id));
    }
  });

  it('samples close to the configured rate', () => {
    const s = createSampler(0.0025, 'rate-test');
    const n = 400_000;
    let k = 0;
    for (let i = 0; i < n; i++) if (s.isSampled(`gen-${i}`)) k++;
    // Binomial sd = sqrt(n p (1-p)) ≈ 31.6; allow 4 sd.
    expect(Math.abs(k - n * 0.0025)).toBeLessThan(4 * Math.sqrt(n * 0.0025 * 0.9975));
  });

  it('draws a different sample under another salt', () => {
    const a = createSampler(0.1, 'one');
    const b = createSampler(0.1, 'two');
    let differ = 0;
    for (let i = 0; i < 1000; i++) if (a.isSampled(`x${i}`) !== b.isSampled(`x${i}`)) differ++;
    expect(differ).toBeGreaterThan(100);
  });

  it('follows the documented hash: HMAC-SHA256(salt, id), first 48 bits / 2^48', async () => {
    const { createHmac } = await import('node:crypto');
    const s = createSampler(0.5, 'doc');
    const u = createHmac('sha256', 'doc').update('abc').digest().readUIntBE(0, 6) / 2 ** 48;
    expect(s.position('abc')).toBe(u);
    expect(s.isSampled('abc')).toBe(u < 0.5);
  });

  it('handles rates 0 and 1 and rejects invalid ones', () => {
    expect(createSampler(0, 's').isSampled('a')).toBe(false);
    expect(createSampler(1, 's').isSampled('a')).toBe(true);
    expect(() => createSampler(1.5, 's')).toThrow(/0\.\.1/);
  });

  it('sample ids are stable keyed hashes that do not contain the request id', () => {
    const s = createSampler(0.1, 'k');
    expect(s.sampleId('request-123')).toMatch(/^[0-9a-f]{32}$/);
    expect(s.sampleId('request-123')).toBe(createSampler(0.2, 'k').sampleId('request-123'));
    expect(s.sampleId('request-123')).not.toBe(createSampler(0.1, 'other').sampleId('request-123'));
  });

  it('hashes user ids with a key', () => {
    const h = createUserHasher('key');
    expect(h('alice')).toMatch(/^[0-9a-f]{32}$/);
    expect(h('alice')).not.toContain('alice');
    expect(h('alice')).not.toBe(createUserHasher('key2')('alice'));
  });
});
