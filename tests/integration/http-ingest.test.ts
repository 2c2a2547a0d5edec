import { gzipSync } from 'node:zlib';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOtlpTraceTypes } from '../../src/ingest/otlp/otlp-trace-proto.js';
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
    const xml = await post(JSON.stringify(event('h-7')), { 'content-type': 'application/xml' });
    expect(xml.status).toBe(415);
    expect(await xml.json()).toMatchObject({ error: 'unsupported_media_type', message: expect.stringContaining('application/x-ndjson') });
    expect((await post(JSON.stringify(event('h-7b')), { 'content-type': 'multipart/form-data; boundary=x' })).status).toBe(415);
    expect((await post(JSON.stringify(event('h-8')), { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post(JSON.stringify(event('h-9')), { authorization: '' })).status).toBe(401);
    expect((await post(JSON.stringify(event('h-10')), { 'content-encoding': 'br' })).status).toBe(415);
    expect((await post(Buffer.from('not gzip'), { 'content-encoding': 'gzip' })).status).toBe(400);
    expect((await post('')).status).toBe(400);
  });

  it('accepts a plain fetch (text/plain), no Content-Type at all, and every NDJSON content type', async () => {
    // fetch(url, {method: 'POST', body: JSON.stringify(ev)}) labels the body text/plain;charset=UTF-8.
    const plain = await fetch(`${base}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(event('ct-plain')) });
    expect(plain.status).toBe(200);
    expect(await plain.json()).toMatchObject({ accepted: 1, rejected: 0 });
    // A byte body gets no Content-Type from fetch.
    const untyped = await fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: new TextEncoder().encode(`${JSON.stringify(event('ct-none-1'))}\n${JSON.stringify(event('ct-none-2'))}`),
    });
    expect(untyped.status).toBe(200);
    expect(await untyped.json()).toMatchObject({ accepted: 2 });
    for (const ct of ['application/ndjson', 'application/jsonl', 'application/x-jsonlines']) {
      const r = await post([event(`ct-${ct}-1`), event(`ct-${ct}-2`)].map((e) => JSON.stringify(e)).join('\n'), { 'content-type': ct });
      expect(r.status, ct).toBe(200);
      expect(await r.json()).toMatchObject({ accepted: 2, rejected: 0 });
    }
    // text/plain that is not JSON: 415 naming what is accepted, without echoing the body.
    const prose = await post('CANARY-PROMPT-TEXT is just words', { 'content-type': 'text/plain' });
    expect(prose.status).toBe(415);
    const body = await prose.text();
    expect(body).not.toContain('CANARY-PROMPT-TEXT');
    expect(JSON.parse(body).message).toContain('application/json');
  });

  it('reads an NDJSON line holding an array as one rejected record (one line, one event)', async () => {
    const r = await post(`${JSON.stringify(event('nd-1'))}\n[1,2]\n${JSON.stringify(event('nd-2'))}`, { 'content-type': 'application/x-ndjson' });
    const body = (await r.json()) as { accepted: number; rejected: number; errors: Array<{ ref: string; field: string; message: string }> };
    expect(body).toMatchObject({ accepted: 2, rejected: 1 });
    expect(body.errors).toEqual([{ ref: 'line 2', field: '(line)', message: expect.stringContaining('JSON array') }]);
  });

  it('counts every rejected record under its own reason, beyond the 100 errors listed in the answer', async () => {
    const rejected = async () => {
      const m = await t.app.metrics.registry.getSingleMetric('prompt_census_events_rejected_total')!.get();
      const by = (reason: string) => m.values.find((v) => v.labels.source === 'events' && v.labels.reason === reason)?.value ?? 0;
      return { notAnObject: by('not_an_object'), invalidField: by('invalid_field') };
    };
    const before = await rejected();
    const r = await post(JSON.stringify([event('cap-ok'), ...Array.from({ length: 150 }, (_, i) => i)]));
    const body = (await r.json()) as { accepted: number; rejected: number; errors: unknown[]; errorsOmitted?: number };
    expect(body).toMatchObject({ accepted: 1, rejected: 150 });
    expect(body.errors).toHaveLength(100);
    expect(body.errorsOmitted).toBe(50);
    const after = await rejected();
    expect(after.notAnObject - before.notAnObject).toBe(150);
    expect(after.invalidField - before.invalidField).toBe(0);
  });

  it('answers OTLP failures with a google.rpc.Status in the request encoding, and an empty protobuf export with 200', async () => {
    const otlp = (body: Uint8Array | string, contentType: string, auth = 'Bearer otlp-only-token', extra: Record<string, string> = {}) =>
      fetch(`${base}/v1/traces`, { method: 'POST', headers: { 'content-type': contentType, authorization: auth, ...extra }, body });
    const statusOf = (bytes: ArrayBuffer) => {
      const r = protobuf.Reader.create(new Uint8Array(bytes));
      const out: { code?: number; message?: string } = {};
      while (r.pos < r.len) {
        const tag = r.uint32();
        if (tag >>> 3 === 1) out.code = r.int32();
        else if (tag >>> 3 === 2) out.message = r.string();
        else r.skipType(tag & 7);
      }
      return out;
    };
    const types = loadOtlpTraceTypes();

    const empty = await otlp(new Uint8Array(0), 'application/x-protobuf');
    expect(empty.status).toBe(200);
    expect(empty.headers.get('content-type')).toMatch(/^application\/x-protobuf/);
    expect(types.response.toObject(types.response.decode(new Uint8Array(await empty.arrayBuffer())))).toEqual({});

    const garbage = await otlp(new Uint8Array([0x0f, 0xff, 0xff]), 'application/x-protobuf');
    expect(garbage.status).toBe(400);
    expect(garbage.headers.get('content-type')).toMatch(/^application\/x-protobuf/);
    const st = statusOf(await garbage.arrayBuffer());
    expect(st.code).toBe(3); // INVALID_ARGUMENT
    expect(st.message).toContain('ExportTraceServiceRequest');

    const unauthorized = await otlp(new Uint8Array(0), 'application/x-protobuf', 'Bearer nope');
    expect(unauthorized.status).toBe(401);
    expect(statusOf(await unauthorized.arrayBuffer())).toMatchObject({ code: 16, message: expect.stringContaining('bearer token') });

    const badGzip = await otlp(new Uint8Array([1, 2, 3]), 'application/x-protobuf', undefined, { 'content-encoding': 'gzip' });
    expect(badGzip.status).toBe(400);
    expect(statusOf(await badGzip.arrayBuffer()).message).toContain('gzip');

    const badJson = await otlp('{"resourceSpans": [', 'application/json');
    expect(badJson.status).toBe(400);
    expect(badJson.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await badJson.json()).toMatchObject({
      code: 3,
      message: expect.stringContaining('not valid JSON'),
      details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'INVALID_BODY', domain: 'prompt-census' }],
    });

    // OTLP content types stay strict; the Status of a refused type is JSON.
    const plain = await otlp('{"resourceSpans": []}', 'text/plain');
    expect(plain.status).toBe(415);
    expect(await plain.json()).toMatchObject({ code: 3, message: expect.stringContaining('application/x-protobuf') });
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
    expect(await ready.json()).toMatchObject({ status: 'ready', redis: true, store: true, workers: true, problems: [] });
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
