import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIngestFormat } from '../../src/ingest/registry.js';
import { replayArchives } from '../../src/replay/replay-archives.js';
import { requireRedis, startTestApp, type TestApp } from '../helpers/test-env.js';

const span = (i: number, extra: Record<string, unknown> = {}) => ({
  traceId: 'abcdef0123456789abcdef0123456789',
  spanId: i.toString(16).padStart(16, '0'),
  name: 'chat',
  startTimeUnixNano: '1767268800000000000',
  attributes: [
    { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
    { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
    { key: 'gen_ai.usage.input_tokens', value: { intValue: '10' } },
    { key: 'gen_ai.usage.output_tokens', value: { intValue: '5' } },
  ],
  ...extra,
});
const exportOf = (spans: unknown[]) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 't' }, spans }] }] });
const event = (id: string) => JSON.stringify({ id, createdAt: '2025-06-04T08:00:00Z', model: 'm/x', usage: { promptTokens: 1, completionTokens: 1 } });

describe('replay rejection accounting', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    await requireRedis();
    t = await startTestApp('replay-rejections');
    dir = await mkdtemp(join(tmpdir(), 'pc-rejections-'));
  });
  afterAll(async () => {
    await t?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('counts every rejected span of an OTLP line under its reason, with the span ref in the examples', async () => {
    const file = join(dir, 'otlp.ndjson');
    // Line 1: 30 spans without a start time and 12 with a negative one, plus one good span. Line 2: one more bad span.
    const bad = Array.from({ length: 30 }, (_, i) => span(i, { startTimeUnixNano: undefined }));
    const negative = Array.from({ length: 12 }, (_, i) => span(100 + i, { startTimeUnixNano: -5 }));
    await writeFile(file, `${exportOf([...bad, span(999), ...negative])}\n${exportOf([span(500, { startTimeUnixNano: undefined })])}\n`);
    const summary = await replayArchives({ paths: [file], format: getIngestFormat('otlp'), producer: t.app.newReplayProducer() });
    expect(summary.linesRead).toBe(2);
    expect(summary.accepted).toBe(1);
    expect(summary.rejected).toBe(43);
    expect(summary.rejectedByReason.reduce((n, r) => n + r.count, 0)).toBe(summary.rejected);
    const missing = summary.rejectedByReason.find((r) => r.reason.startsWith('invalid_field startTimeUnixNano: is required'))!;
    expect(missing.count).toBe(31);
    expect(missing.examples).toHaveLength(5);
    expect(missing.examples[0]).toBe(`${file}:1#resourceSpans[0].scopeSpans[0].spans[0]`);
    expect(missing.examples[4]).toBe(`${file}:1#resourceSpans[0].scopeSpans[0].spans[4]`);
    const negativeReason = summary.rejectedByReason.find((r) => r.reason.startsWith('invalid_field startTimeUnixNano: must be a non-negative'))!;
    expect(negativeReason.count).toBe(12);
    expect(negativeReason.examples[0]).toBe(`${file}:1#resourceSpans[0].scopeSpans[0].spans[31]`);
  });

  it('counts an NDJSON line holding an array as one rejection at its file:line (accepted + rejected = lines)', async () => {
    const file = join(dir, 'events.ndjson');
    await writeFile(file, `${event('r-1')}\n[1,2]\n[${event('r-2')},${event('r-3')},${event('r-5')}]\n${event('r-4')}\n`);
    const summary = await replayArchives({ paths: [file], format: getIngestFormat('events'), producer: t.app.newReplayProducer() });
    expect(summary).toMatchObject({ linesRead: 4, accepted: 2, rejected: 2 });
    expect(summary.rejectedByReason).toEqual([
      {
        reason: expect.stringMatching(/^not_an_object \(line\): holds a JSON array/),
        count: 2,
        examples: [`${file}:2`, `${file}:3`],
      },
    ]);
  });
});
