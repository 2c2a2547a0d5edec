import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/config-schema.js';
import { createBearerCheck } from '../../src/server/bearer-auth.js';
import { createHttpServer, type CensusHttpServer } from '../../src/server/http-server.js';
import { requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';
import { postJson, probeEvent } from './helpers/http-probe.js';

const TOKEN = 'reliability-secret-token';

describe('HTTP ingest hardening', () => {
  let t: TestApp;
  let server: CensusHttpServer;
  let base: string;

  beforeAll(async () => {
    await requireRedis();
    t = await startTestApp('hardening', { server: { port: 0, authToken: TOKEN }, ingest: { batchMaxWaitMs: 20 } });
    server = createHttpServer({ app: t.app, producer: t.app.newProducer(), workersRunning: () => true });
    base = await server.listen();
  });
  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
  });

  it('binds to loopback by default', () => {
    expect(configSchema.parse({}).server.host).toBe('127.0.0.1');
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('with server.authToken: 401 + WWW-Authenticate without or with a wrong token, 200 with the right one; never echoes', async () => {
    const body = [probeEvent('auth-1', { prompt: 'PROMPTSECRET' })];
    const none = await postJson(`${base}/v1/events`, body);
    const wrong = await postJson(`${base}/v1/events`, body, { authorization: `Bearer ${TOKEN}x` });
    const short = await postJson(`${base}/v1/events`, body, { authorization: 'Bearer x' });
    const basic = await postJson(`${base}/v1/events`, body, { authorization: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` });
    const right = await postJson(`${base}/v1/events`, body, { authorization: `Bearer ${TOKEN}` });
    for (const r of [none, wrong, short, basic]) {
      expect(r.status).toBe(401);
      expect(r.contentType).toMatch(/^application\/json/);
      expect(JSON.parse(r.body).error).toBe('unauthorized');
      expect(r.body).not.toContain('PROMPTSECRET');
      expect(r.body).not.toContain(TOKEN);
    }
    expect(right.status).toBe(200);
  });

  it('the token check compares fixed-length digests (no early exit on length or prefix)', () => {
    const check = createBearerCheck(TOKEN);
    expect(check(`Bearer ${TOKEN}`)).toBe(true);
    expect(check(undefined)).toBe(false);
    expect(check('Bearer ')).toBe(false);
    expect(check(`Bearer ${'x'.repeat(10_000)}`)).toBe(false);
    expect(check(`Bearer ${TOKEN.slice(0, -1)}`)).toBe(false);
    // Timing: a near-miss and a far miss take the same path; check they cost about the same on average.
    const time = (h: string) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < 20_000; i++) check(h);
      return Number(process.hrtime.bigint() - start);
    };
    time(`Bearer ${TOKEN}`);
    const best = (h: string) => Math.min(time(h), time(h), time(h));
    const near = best(`Bearer ${TOKEN.slice(0, -1)}y`);
    const far = best('Bearer zzzzzzzzzzzzzzzzzzzzzzzz');
    // Loose bound: this runs beside other suites on a shared 2-core machine.
    expect(Math.max(near, far) / Math.min(near, far)).toBeLessThan(3);
  });
});
