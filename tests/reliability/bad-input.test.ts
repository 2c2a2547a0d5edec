import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classifiers/registry.js';
import { getIngestFormat } from '../../src/ingest/registry.js';
import { replayArchives } from '../../src/replay/replay-archives.js';
import { waitForDrain } from '../../src/replay/wait-for-drain.js';
import { createHttpServer, type CensusHttpServer } from '../../src/server/http-server.js';
import { categoryViewFor } from '../../src/worker/category-view.js';
import { startCensusWorker, type CensusWorker } from '../../src/worker/census-worker.js';
import { requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';
import { startFakeClassifier, type FakeClassifier } from './helpers/fake-classifier.js';
import { countMarkers } from './helpers/canary-archive.js';
import { compareWithRollups, expectedFiguresOf, readRollups } from './helpers/expected-figures.js';
import { probe, probeEvent } from './helpers/http-probe.js';
import { markerTag, scanForMarkers } from './helpers/leak-scan.js';
import { recordResult } from './helpers/suite-result.js';

const CORPUS_FIXTURE = new URL('../fixtures/bad-input/events-corpus.ndjson', import.meta.url).pathname;
interface Expectation { line: number; accepted: boolean; code?: string; field?: string; message?: string }
const EXPECTED: Expectation[] = JSON.parse(readFileSync(new URL('../fixtures/bad-input/events-corpus.expected.json', import.meta.url), 'utf8'));
const TEN_MB = 10 * 1024 * 1024;
/** Prompt text planted in every malformed input; no answer or log may ever contain it. */
const SECRET = 'SECRETPROMPTTEXT';
/** Marker tag planted in the prompts and user ids of every input (see markLine); the leak scan counts it. */
const TAG = markerTag('badinput');

/**
 * A corpus line with markers in its prompt, user id and chat text parts. A string value gets the marker in front;
 * a missing key is added as a string; a key whose value is not a string is this line's defect and stays as it
 * is. Lines that are not JSON objects are not touched.
 */
function markLine(line: string, n: number): string {
  if (!line.startsWith('{')) return line;
  let out = line;
  for (const [key, marker] of [['prompt', `${TAG}P${n}Z `], ['userId', `${TAG}U${n}Z`]] as const) {
    const m = new RegExp(`"${key}":\\s*"`).exec(out);
    if (m) out = out.slice(0, m.index + m[0].length) + marker + out.slice(m.index + m[0].length);
    else if (!out.includes(`"${key}":`)) out = `{"${key}":"${marker}",${out.slice(1)}`;
  }
  return out.replace(/"text":\s*"/g, (m) => `${m}${TAG}T${n}Z `);
}
const CORPUS_LINES = readFileSync(CORPUS_FIXTURE, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l, i) => markLine(l, i + 1));

/** A valid event with markers in its prompt and user id (an `extra` prompt replaces the marked one). */
const validEvent = (id: string, extra: Record<string, unknown> = {}) =>
  probeEvent(id, { model: 'fixture/bad-input', prompt: `${TAG}P-${id}Z hello`, userId: `${TAG}U-${id}Z`, ...extra });
const valid = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify(validEvent(id, extra));

/**
 * The lines of a truncated gzip file that can be read in full, decoded independently of the pipeline (zlib with
 * a sync flush, then only newline-terminated lines).
 */
function completeLinesOfTruncatedGzip(buf: Buffer): string[] {
  const text = gunzipSync(buf, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8');
  return text.split('\n').slice(0, -1);
}

describe('bad input through every ingest path', () => {
  let t: TestApp;
  let worker: CensusWorker | undefined;
  let fake: FakeClassifier;
  let dir: string;
  const files: Record<string, string> = {};
  /** The corpus with markers planted (markLine); replayed in place of the fixture. */
  let CORPUS: string;
  /** The valid events written into the generated files, parsed independently: the replay must count exactly these. */
  const generatedAccepted: Array<Record<string, unknown>> = [];
  let generatedMarkers = 0;
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
    CORPUS = join(dir, 'events-corpus.marked.ndjson');
    await writeFile(CORPUS, `${CORPUS_LINES.join('\n')}\n`);
    // Inputs that cannot live in a text fixture are made here.
    files.nonUtf8 = join(dir, 'non-utf8.ndjson');
    const nonUtf8 = Buffer.concat([
      Buffer.from(`{"id":"bytes-in-prompt","createdAt":"2025-06-03T10:00:00Z","model":"fixture/bad-input","usage":{"promptTokens":1,"completionTokens":1},"userId":"${TAG}U-bytesZ","prompt":"${TAG}P-bytesZ `),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0]),
      Buffer.from(`"}\n{"id":"bytes-in-key","createdAt":"2025-06-03T10:00:00Z","prompt":"${TAG}P-bytes2Z",`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(':1,"model":"m","usage":{"promptTokens":1,"completionTokens":1}\n'),
    ]);
    await writeFile(files.nonUtf8, nonUtf8);
    // Its first line is valid once the bytes become U+FFFD.
    generatedAccepted.push(JSON.parse(nonUtf8.toString('utf8').split('\n')[0]!));
    files.huge = join(dir, 'huge-prompt.ndjson');
    const huge = validEvent('ten-mb-prompt', { prompt: `${TAG}P-hugeZ ${SECRET} ${'a'.repeat(TEN_MB)}` });
    await writeFile(files.huge, `${JSON.stringify(huge)}\n`);
    generatedAccepted.push(huge);
    files.truncated = join(dir, 'truncated.ndjson.gz');
    const gz = gzipSync(Array.from({ length: 200 }, (_, i) => valid(`gz-${i}`)).join('\n') + '\n');
    const truncated = gz.subarray(0, Math.floor(gz.length * 0.6));
    await writeFile(files.truncated, truncated);
    generatedAccepted.push(...completeLinesOfTruncatedGzip(truncated).map((l) => JSON.parse(l) as Record<string, unknown>));
    generatedMarkers = countMarkers(nonUtf8.toString('latin1'), TAG) + 2 + 2 * 200;
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
    // What must be counted, known without the pipeline: the lines the fixture marks accepted, and the valid
    // events written into the generated files (of the truncated gzip, the lines zlib can still read in full).
    const acceptedEvents = [
      ...EXPECTED.filter((x) => x.accepted).map((x) => JSON.parse(CORPUS_LINES[x.line - 1]!) as Record<string, unknown>),
      ...generatedAccepted,
    ];
    expect(gzKept.afterLine).toBe(generatedAccepted.length - 2);
    expect(summary.accepted).toBe(acceptedEvents.length);
    expect(corpusAccepted).toBe(acceptedEvents.length - generatedAccepted.length);

    const rollups = await readRollups(t.app.store, t.config);
    const r = rollups.report;
    const cmp = compareWithRollups(expectedFiguresOf(acceptedEvents, { rate: 1, salt: t.config.sampling.salt }), rollups);
    const scan = await scanForMarkers({
      tag: TAG,
      redis: { client: t.app.redis, prefix: t.config.redis.prefix },
      texts: { 'replay summary, rejection reasons and examples': JSON.stringify(summary), 'test-process logs of the replay and the worker': t.lines.join('') },
    });
    const s = r.sampling;
    const outcomes = s.classified + s.belowThreshold + s.unclassifiable + s.classifierErrors;
    expect(r.totals.requests).toBe(acceptedEvents.length);
    expect(cmp.mismatches).toEqual([]);
    expect(outcomes).toBe(s.eventsSampled);
    expect(scan.hits).toEqual({});
    expect(scan.leaked).toBe(0);
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
      of: acceptedEvents.length,
      unit: 'accepted events',
      lost: cmp.lost,
      duplicated: cmp.duplicated,
      leaked: scan.leaked,
      compared: `the lines the fixture marks valid and the valid events written into the generated files, parsed and summed by the test: ${cmp.compared}`,
      leakScan: { markers: countMarkers(CORPUS_LINES.join('\n'), TAG) + generatedMarkers, scanned: scan.scanned },
      durationMs: Date.now() - started,
      notes: [`longest excerpt sent to the classifier: ${maxExcerpt} code points (10 MB prompt included)`, ...cmp.mismatches.slice(0, 5)],
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
      const countedBefore = (await readRollups(t.app.store, t.config)).report.totals;
      /** Events that must be counted, from the fixture's expectations (not from the answers). */
      let accepted = 0;
      /** What the answers said was accepted. */
      let acknowledged = 0;
      /**
       * Events the rollups must gain. A batch's id is the hash of its event ids, so a request whose accepted ids
       * equal an earlier request's is a retry of that batch: acknowledged, and counted once (not again).
       */
      let mustCount = 0;
      let retried = 0;
      const batchIds = new Set<string>();
      const acceptedIn = (ids: string[]) => {
        const key = JSON.stringify(ids);
        if (batchIds.has(key)) retried += ids.length;
        else mustCount += ids.length;
        batchIds.add(key);
      };
      const idOf = (line: number) => String((JSON.parse(CORPUS_LINES[line - 1]!) as { id: unknown }).id);
      const answers: string[] = [];
      for (const e of EXPECTED) {
        // Duplicates are per request: send the first event again with its duplicate.
        const body = e.code === 'duplicate_id' ? `[${CORPUS_LINES[0]},${CORPUS_LINES[e.line - 1]}]` : CORPUS_LINES[e.line - 1]!;
        const r = await post(`${base}/v1/events`, body);
        answers.push(r.body);
        expect(r.contentType).toMatch(/^application\/json/);
        const json = JSON.parse(r.body);
        acknowledged += typeof json.accepted === 'number' ? json.accepted : 0;
        if (e.accepted) {
          expect(r.status, `line ${e.line}: ${r.body}`).toBe(200);
          expect(json.accepted).toBe(1);
          accepted++;
          acceptedIn([idOf(e.line)]);
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
          acceptedIn([idOf(1)]);
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
      // Every answer was given once its accepted events were in Redis: drain, then count what the rollups gained.
      await waitForDrain(t.app.queues, { timeoutMs: 30_000 });
      const counted = (await readRollups(t.app.store, t.config)).report.totals.requests - countedBefore.requests;
      const scan = await scanForMarkers({
        tag: TAG,
        redis: { client: t.app.redis, prefix: t.config.redis.prefix },
        texts: { 'HTTP answers': answers.join('\n'), 'test-process logs of the server and the worker': t.lines.join('') },
      });
      await recordResult({
        suite: 'bad-input',
        run: 'http per line',
        injected: `each of the ${EXPECTED.length} corpus lines as its own POST /v1/events`,
        load: `${EXPECTED.length} requests`,
        of: accepted,
        unit: 'accepted events',
        lost: Math.max(0, mustCount - counted),
        duplicated: Math.max(0, counted - mustCount),
        leaked: scan.leaked,
        compared:
          'the events the fixture marks valid (and the first event of the duplicate-id request), against what the rollups gained; a request whose accepted ids repeat an earlier request\'s is that batch retried and counts once',
        leakScan: { markers: countMarkers(CORPUS_LINES.join('\n'), TAG) + countMarkers(CORPUS_LINES[0]!, TAG), scanned: scan.scanned },
        durationMs: Date.now() - started,
        notes: [
          `rejections counted by reason: ${[...wantBy].map(([k, v]) => `${k} ${v}`).join(', ')}`,
          `${accepted} events acknowledged, ${retried} of them in a request with the same ids as an earlier one (the same batch id): ${counted} counted`,
        ],
      });
      expect(acknowledged).toBe(accepted);
      expect(mustCount + retried).toBe(accepted);
      expect(counted).toBe(mustCount);
      expect(scan.hits).toEqual({});
      expect(scan.leaked).toBe(0);
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
