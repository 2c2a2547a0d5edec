import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classifiers/registry.js';
import { getIngestFormat } from '../../src/ingest/registry.js';
import { replayArchives } from '../../src/replay/replay-archives.js';
import { waitForDrain } from '../../src/replay/wait-for-drain.js';
import { loadReport } from '../../src/report/load-report.js';
import { createHttpServer, type CensusHttpServer } from '../../src/server/http-server.js';
import { categoryViewFor } from '../../src/worker/category-view.js';
import { startCensusWorker, type CensusWorker } from '../../src/worker/census-worker.js';
import { requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';
import { startFakeClassifier, type FakeClassifier } from './helpers/fake-classifier.js';
import { probe, probeEvent } from './helpers/http-probe.js';
import { recordResult } from './helpers/suite-result.js';

const CORPUS = new URL('../fixtures/bad-input/events-corpus.ndjson', import.meta.url).pathname;
interface Expectation { line: number; accepted: boolean; code?: string; field?: string; message?: string }
const EXPECTED: Expectation[] = JSON.parse(readFileSync(new URL('../fixtures/bad-input/events-corpus.expected.json', import.meta.url), 'utf8'));
const CORPUS_LINES = readFileSync(CORPUS, 'utf8').split('\n').filter((l) => l.trim() !== '');
const TEN_MB = 10 * 1024 * 1024;
/** Prompt text planted in every malformed input; no answer or log may ever contain it. */
const SECRET = 'SECRETPROMPTTEXT';

const valid = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify(probeEvent(id, { model: 'fixture/bad-input', ...extra }));

describe('bad input through every ingest path', () => {
  let t: TestApp;
  let worker: CensusWorker | undefined;
  let fake: FakeClassifier;
  let dir: string;
  const files: Record<string, string> = {};
  let maxExcerpt = 0;
  let excerptsWellFormed = true;

  beforeAll(async () => {
    await requireRedis();
    dir = await mkdtemp(join(tmpdir(), 'pc-badinput-'));
    fake = await startFakeClassifier();
    fake.script((_n, excerpt) => {
      maxExcerpt = Math.max(maxExcerpt, [...excerpt].length);
      if (!excerpt.isWellFormed()) excerptsWellFormed = false;
      return 'ok';
    });
    // Inputs that cannot live in a text fixture are made here.
    files.nonUtf8 = join(dir, 'non-utf8.ndjson');
    await writeFile(files.nonUtf8, Buffer.concat([
      Buffer.from('{"id":"bytes-in-prompt","createdAt":"2025-06-03T10:00:00Z","model":"fixture/bad-input","usage":{"promptTokens":1,"completionTokens":1},"prompt":"'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0]),
      Buffer.from('"}\n{"id":"bytes-in-key","createdAt":"2025-06-03T10:00:00Z",'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(':1,"model":"m","usage":{"promptTokens":1,"completionTokens":1}\n'),
    ]));
    files.huge = join(dir, 'huge-prompt.ndjson');
    await writeFile(files.huge, `${valid('ten-mb-prompt', { prompt: `${SECRET} ${'a'.repeat(TEN_MB)}` })}\n`);
    files.truncated = join(dir, 'truncated.ndjson.gz');
    const gz = gzipSync(Array.from({ length: 200 }, (_, i) => valid(`gz-${i}`)).join('\n') + '\n');
    await writeFile(files.truncated, gz.subarray(0, Math.floor(gz.length * 0.6)));
    files.binary = join(dir, 'binary.bin');
    await writeFile(files.binary, randomBytes(64 * 1024));
    t = await startTestApp('badinput', {
      sampling: { rate: 1 },
      ingest: { batchMaxWaitMs: 20 },
      classifier: { kind: 'http', http: { url: fake.url, timeoutMs: 2000 }, retry: { attempts: 2, backoffMs: 50 }, rateLimit: { perMinute: 100_000 } },
    });
    const classifier = await createClassifier(t.config.classifier, { logger: t.app.logger });
    worker = await startCensusWorker(t.app, { classifier, view: categoryViewFor(t.config) });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.cleanup();
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('replay: every bad line gets field and reason with file:line, counted by reason; every accepted event is counted', { timeout: 60_000 }, async () => {
    const started = Date.now();
    const summary = await replayArchives({
      paths: [CORPUS, files.nonUtf8!, files.huge!, files.truncated!, files.binary!],
      format: getIngestFormat('events'),
      producer: t.app.newReplayProducer(),
    });
    await waitForDrain(t.app.queues, { timeoutMs: 60_000 });

    for (const e of EXPECTED.filter((x) => !x.accepted)) {
      const where = `${CORPUS}:${e.line}`;
      const hit = summary.rejectedByReason.find((r) => r.examples.includes(where));
      expect(hit, `line ${e.line} has no rejection reason`).toBeDefined();
      expect(hit!.reason.startsWith(`${e.code} ${e.field}: ${e.message}`), `line ${e.line}: ${hit!.reason}`).toBe(true);
    }
    const corpusAccepted = EXPECTED.filter((x) => x.accepted).length;
    const gzKept = summary.fileErrors.find((f) => f.file === files.truncated)!;
    expect(gzKept.message).toBe('truncated gzip stream');
    expect(gzKept.afterLine).toBeGreaterThan(0);
    expect(summary.fileErrors.map((f) => f.file)).toEqual([files.truncated]);
    // non-UTF-8 bytes inside the prompt become U+FFFD (accepted); inside the JSON structure they are invalid JSON.
    expect(summary.rejectedByReason.some((r) => r.reason.startsWith('invalid_json') && r.examples.includes(`${files.nonUtf8}:2`))).toBe(true);
    // The binary file: every line rejected (invalid JSON or not an object), none accepted.
    const binaryRejected = summary.rejectedByReason.filter((r) => r.examples.some((x) => x.startsWith(`${files.binary}:`)));
    expect(binaryRejected.length).toBeGreaterThan(0);
    const expectedAccepted = corpusAccepted + 1 /* bytes-in-prompt */ + 1 /* 10 MB prompt */ + gzKept.afterLine;
    expect(summary.accepted).toBe(expectedAccepted);

    const r = await loadReport(t.app.store, t.config, categoryViewFor(t.config), {});
    const s = r.sampling;
    const outcomes = s.classified + s.belowThreshold + s.unclassifiable + s.classifierErrors;
    expect(r.totals.requests).toBe(summary.accepted);
    expect(outcomes).toBe(s.eventsSampled);
    expect(maxExcerpt).toBeLessThanOrEqual(t.config.sampling.maxChars);
    expect(maxExcerpt).toBeGreaterThan(0);
    expect(excerptsWellFormed).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(t.lines.join('')).not.toContain(SECRET);
    await recordResult({
      suite: 'bad-input',
      run: 'replay',
      injected: `${EXPECTED.length}-line malformed corpus, non-UTF-8 bytes, a 10 MB prompt, a truncated gzip, a 64 KB binary file`,
      load: `${summary.linesRead} lines read, ${summary.accepted} accepted, ${summary.rejected} rejected under ${summary.rejectedByReason.length} reasons`,
      of: summary.accepted,
      unit: 'accepted events',
      lost: Math.max(0, summary.accepted - r.totals.requests),
      duplicated: Math.max(0, r.totals.requests - summary.accepted),
      leaked: 0,
      durationMs: Date.now() - started,
      notes: [`longest excerpt sent to the classifier: ${maxExcerpt} code points (10 MB prompt included)`],
    });
  });

  describe('HTTP', () => {
    let server: CensusHttpServer;
    let small: CensusHttpServer;
    let base: string;
    let smallBase: string;
    let smallApp: TestApp;

    beforeAll(async () => {
      server = createHttpServer({ app: t.app, producer: t.app.newProducer({ batchMaxWaitMs: 20 }), workersRunning: () => true });
      base = await server.listen();
      smallApp = await startTestApp('badinput-small', { server: { port: 0, bodyLimitBytes: 1024 * 1024, requestTimeoutMs: 500 } });
      small = createHttpServer({ app: smallApp.app, producer: smallApp.app.newProducer({ batchMaxWaitMs: 20 }), workersRunning: () => true });
      smallBase = await small.listen();
    });
    afterAll(async () => {
      await server?.close();
      await small?.close();
      await smallApp?.cleanup();
    });

    const post = (url: string, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      probe(url, { method: 'POST', headers, body });

    it('each corpus line alone: 400 with a JSON body naming field and reason, or 200; counted by reason; no prompt text echoed', async () => {
      const started = Date.now();
      const before = await t.app.metrics.registry.getSingleMetric('prompt_census_events_rejected_total')!.get();
      const beforeBy = new Map(before.values.map((v) => [String(v.labels.reason), v.value]));
      const wantBy = new Map<string, number>();
      let accepted = 0;
      for (const e of EXPECTED) {
        // Duplicates are per request: send the first event again with its duplicate.
        const body = e.code === 'duplicate_id' ? `[${CORPUS_LINES[0]},${CORPUS_LINES[e.line - 1]}]` : CORPUS_LINES[e.line - 1]!;
        const r = await post(`${base}/v1/events`, body);
        expect(r.contentType).toMatch(/^application\/json/);
        const json = JSON.parse(r.body);
        if (e.accepted) {
          expect(r.status, `line ${e.line}: ${r.body}`).toBe(200);
          expect(json.accepted).toBe(1);
          accepted++;
          continue;
        }
        if (json.error === 'invalid_body') {
          // A body that is one non-object JSON value or no JSON at all is refused as a whole.
          expect(['invalid_json', 'not_an_object'], `line ${e.line}`).toContain(e.code);
          expect(r.status).toBe(400);
          expect(json.message).toMatch(/JSON/);
          wantBy.set('invalid_body', (wantBy.get('invalid_body') ?? 0) + 1);
          continue;
        }
        wantBy.set(e.code!, (wantBy.get(e.code!) ?? 0) + 1);
        if (e.code === 'duplicate_id') {
          expect(r.status).toBe(200);
          accepted++;
        } else {
          expect(r.status, `line ${e.line}: ${r.body}`).toBe(400);
        }
        expect(json.rejected).toBe(1);
        expect(json.errors[0].field).toBe(e.field);
        expect(String(json.errors[0].message).startsWith(e.message!), `line ${e.line}: ${json.errors[0].message}`).toBe(true);
        expect(r.body).not.toContain('same id again');
      }
      const after = await t.app.metrics.registry.getSingleMetric('prompt_census_events_rejected_total')!.get();
      for (const [reason, n] of wantBy) {
        const got = (after.values.find((v) => v.labels.reason === reason && v.labels.source === 'events')?.value ?? 0) - (beforeBy.get(reason) ?? 0);
        expect(got, `rejections counted under ${reason}`).toBe(n);
      }
      await recordResult({
        suite: 'bad-input',
        run: 'http per line',
        injected: `each of the ${EXPECTED.length} corpus lines as its own POST /v1/events`,
        load: `${EXPECTED.length} requests`,
        of: accepted,
        unit: 'accepted events',
        lost: 0,
        duplicated: 0,
        leaked: 0,
        durationMs: Date.now() - started,
        notes: [`rejections counted by reason: ${[...wantBy].map(([k, v]) => `${k} ${v}`).join(', ')}`],
      });
    });

    it('whole bodies: the corpus as NDJSON, binary, truncated gzip, deep nesting, 10 MB, wrong content type, slow body', async () => {
      const corpusAccepted = EXPECTED.filter((x) => x.accepted).length;
      const whole = await post(`${base}/v1/events`, CORPUS_LINES.map((l) => l.replace('"good-a"', '"good-a-http"')).join('\n'), { 'content-type': 'application/x-ndjson' });
      expect(whole.status).toBe(200);
      expect(JSON.parse(whole.body)).toMatchObject({ accepted: corpusAccepted, rejected: EXPECTED.length - corpusAccepted });

      const cases: Array<{ name: string; url?: string; body: string | Buffer; headers?: Record<string, string>; status: number; error: string }> = [
        { name: 'binary', body: randomBytes(4096), status: 400, error: 'invalid_body' },
        { name: 'truncated gzip', body: gzipSync(`${valid('gzip-1')}\n`).subarray(0, 20), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, status: 400, error: 'bad_gzip' },
        { name: 'unknown encoding', body: valid('enc-1'), headers: { 'content-type': 'application/json', 'content-encoding': 'br' }, status: 415, error: 'unsupported_encoding' },
        { name: 'wrong content type', body: valid('ct-1'), headers: { 'content-type': 'application/xml' }, status: 415, error: 'unsupported_media_type' },
        { name: 'untyped body that is not JSON', body: `not json ${SECRET}`, headers: {}, status: 415, error: 'unsupported_media_type' },
        { name: 'deep nesting', body: `${'['.repeat(100_000)}${']'.repeat(100_000)}`, status: 400, error: '' },
        { name: 'JSON scalar', body: `"${SECRET}"`, status: 400, error: 'invalid_body' },
        { name: '10 MB prompt over a 1 MB limit', url: `${smallBase}/v1/events`, body: valid('big-1', { prompt: `${SECRET}${'b'.repeat(TEN_MB)}` }), status: 413, error: 'body_too_large' },
        { name: 'gzip bomb over a 1 MB limit', url: `${smallBase}/v1/events`, body: gzipSync(Buffer.alloc(TEN_MB, 32)), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, status: 413, error: 'body_too_large' },
        { name: 'empty', body: '', status: 400, error: 'empty_body' },
      ];
      for (const c of cases) {
        const r = await post(c.url ?? `${base}/v1/events`, c.body, c.headers ?? { 'content-type': 'application/json' });
        expect(r.status, `${c.name}: ${r.body.slice(0, 200)}`).toBe(c.status);
        expect(r.contentType, c.name).toMatch(/^application\/json/);
        const json = JSON.parse(r.body);
        if (c.error) expect(json.error ?? (json.errors?.[0] ? 'record' : undefined), c.name).toBe(c.error);
        expect(typeof (json.message ?? json.errors?.[0]?.message), c.name).toBe('string');
        expect(r.body, c.name).not.toContain(SECRET);
      }
      // 10 MB under the default limit is accepted, and only its excerpt would ever be kept.
      const big = await post(`${base}/v1/events`, valid('big-ok', { prompt: `${SECRET}${'c'.repeat(TEN_MB)}` }));
      expect(big.status).toBe(200);
      expect(big.body).not.toContain(SECRET);
    });

    it('every other ingest route answers undecodable bodies with a JSON error and never echoes the prompt', async () => {
      const routes = ['/v1/traces', '/v1/litellm', '/v1/openrouter'];
      for (const route of routes) {
        for (const [name, body] of [
          ['binary', randomBytes(2048)],
          ['proto keys', `{"__proto__":{"x":"${SECRET}"},"constructor":{"prototype":{"y":1}}}`],
          ['deep nesting', `${'['.repeat(50_000)}${']'.repeat(50_000)}`],
          ['truncated', `{"messages":[{"content":"${SECRET}`],
        ] as const) {
          const r = await post(`${base}${route}`, body);
          // An object with only prototype keys is a valid (empty) OTLP export; everything else is a 4xx.
          if (!(name === 'proto keys' && route === '/v1/traces')) {
            expect(r.status, `${route} ${name}: ${r.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
          }
          expect(r.status, `${route} ${name}`).toBeLessThan(500);
          expect(r.contentType, `${route} ${name}`).toMatch(/^application\/json/);
          expect(r.body, `${route} ${name}`).not.toContain(SECRET);
        }
      }
      expect(({} as Record<string, unknown>).x).toBeUndefined();
      expect(t.lines.join('')).not.toContain(SECRET);
    });

    it('a body that arrives too slowly is cut off by server.requestTimeoutMs', async () => {
      const { request } = await import('node:http');
      const u = new URL(`${smallBase}/v1/events`);
      const started = Date.now();
      const status = await new Promise<number | string>((resolve) => {
        const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '1000' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', (err) => resolve((err as NodeJS.ErrnoException).code ?? 'error'));
        req.write('{"id":"slow"');
        // Never finish the body.
      });
      const ms = Date.now() - started;
      expect([408, 'ECONNRESET']).toContain(status);
      expect(ms).toBeLessThan(5000);
    });
  });
});
