import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classifiers/registry.js';
import { createHttpServer, type CensusHttpServer } from '../../src/server/http-server.js';
import { waitForDrain } from '../../src/replay/wait-for-drain.js';
import { loadReport } from '../../src/report/load-report.js';
import { categoryViewFor } from '../../src/worker/category-view.js';
import { startCensusWorker, type CensusWorker } from '../../src/worker/census-worker.js';
import { requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';

const TOKEN = 'test-token-123';
const event = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  createdAt: '2025-06-04T08:00:00Z',
  model: 'openai/gpt-4o',
  provider: 'OpenAI',
  usage: { promptTokens: 10, completionTokens: 4 },
  costUsd: 0.001,
  ...extra,
});

describe('HTTP ingest (POST /v1/events) with a running worker', () => {
  let t: TestApp;
  let worker: CensusWorker;
  let http: CensusHttpServer;
  let base: string;

  beforeAll(async () => {
    await requireRedis();
    t = await startTestApp('http', { server: { port: 0, authToken: TOKEN, authTokens: { otlp: 'otlp-only-token' } }, ingest: { batchMaxWaitMs: 20 } });
    const classifier = await createClassifier(t.config.classifier, { logger: t.app.logger });
    worker = await startCensusWorker(t.app, { classifier, view: categoryViewFor(t.config) });
    http = createHttpServer({ app: t.app, producer: t.app.newProducer(), workersRunning: () => worker.running() });
    base = await http.listen();
  });
  afterAll(async () => {
    await http?.close();
    await worker?.close();
    await t?.cleanup();
  });

  const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
      body,
    });

  it('accepts one event, an array and NDJSON, and gzip bodies', async () => {
    let r = await post(JSON.stringify(event('h-1')));
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ accepted: 1, rejected: 0 });

    r = await post(JSON.stringify([event('h-2'), event('h-3')]));
    expect(await r.json()).toMatchObject({ accepted: 2, rejected: 0 });

    r = await post([event('h-4'), event('h-5')].map((e) => JSON.stringify(e)).join('\n'), { 'content-type': 'application/x-ndjson' });
    expect(await r.json()).toMatchObject({ accepted: 2, rejected: 0 });

    r = await post(gzipSync(JSON.stringify([event('h-6')])), { 'content-encoding': 'gzip' });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ accepted: 1 });

    await waitForDrain(t.app.queues, { timeoutMs: 20_000 });
    const report = await loadReport(t.app.store, t.config, categoryViewFor(t.config), {});
    expect(report.totals.requests).toBe(6);
    expect(report.totals.promptTokens).toBe(60);
  });

  it('rejects bad events with the record, field and reason, and never echoes prompt text', async () => {
    const r = await post(
      JSON.stringify([
        event('h-ok'),
        { ...event('h-bad'), usage: { promptTokens: -1, completionTokens: 1 }, prompt: 'CANARY-PROMPT-TEXT' },
      ]),
    );
    expect(r.status).toBe(200);
    const body = (await r.json()) as { accepted: number; rejected: number; errors: Array<Record<string, unknown>> };
    expect(body.accepted).toBe(1);
    expect(body.rejected).toBe(1);
    expect(body.errors[0]).toMatchObject({ ref: '[1]', field: 'usage.promptTokens', message: 'must not be negative' });
    expect(JSON.stringify(body)).not.toContain('CANARY-PROMPT-TEXT');

    const all = await post(JSON.stringify({ id: 'x', prompt: 'CANARY-PROMPT-TEXT' }));
    expect(all.status).toBe(400);
    expect(await all.text()).not.toContain('CANARY-PROMPT-TEXT');

    const garbage = await post('{"id": "CANARY-PROMPT-TEXT", broken');
    expect(garbage.status).toBe(400);
    expect(await garbage.text()).not.toContain('CANARY-PROMPT-TEXT');
  });

  it('checks the content type, the bearer token and the encoding', async () => {
    expect((await post(JSON.stringify(event('h-7')), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(JSON.stringify(event('h-8')), { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post(JSON.stringify(event('h-9')), { authorization: '' })).status).toBe(401);
    expect((await post(JSON.stringify(event('h-10')), { 'content-encoding': 'br' })).status).toBe(415);
    expect((await post(Buffer.from('not gzip'), { 'content-encoding': 'gzip' })).status).toBe(400);
    expect((await post('')).status).toBe(400);
  });

  it('applies a per-endpoint token where one is set (server.authTokens), the shared one elsewhere', async () => {
    const otlp = (auth: string) =>
      fetch(`${base}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: '{"resourceSpans":[]}' });
    expect((await otlp(`Bearer ${TOKEN}`)).status).toBe(401);
    expect((await otlp('Bearer otlp-only-token')).status).toBe(200);
    expect((await post(JSON.stringify(event('h-11')), { authorization: 'Bearer otlp-only-token' })).status).toBe(401);
  });

  it('serves health, readiness and Prometheus metrics named prompt_census_*', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', redis: true, workers: true });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/prompt_census_events_accepted_total\{source="events"\} \d+/);
    expect(metrics).toMatch(/prompt_census_events_rejected_total\{source="events",reason="invalid_field"\} \d+/);
    expect(metrics).toMatch(/prompt_census_samples_dropped_total\{reason="not_sampled"\} \d+/);
    for (const line of metrics.split('\n')) {
      if (line.startsWith('# HELP') || line.startsWith('# TYPE') || !line.trim()) continue;
      expect(line.startsWith('prompt_census_')).toBe(true);
    }
  });
});
