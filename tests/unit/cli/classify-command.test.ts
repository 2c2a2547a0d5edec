import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { useNock } from '../../contract/classifier-contract.js';
import { ENDPOINT_URL, interceptHttp, TOKEN } from '../classifiers/http/http-fixtures.js';

useNock();

const TEXT = 'Explain how a black hole forms from a collapsing star and what the event horizon is, for a school essay.';

async function classify(args: string[], stdin = ''): Promise<{ code: number; lines: Record<string, unknown>[]; stderr: string }> {
  const r = await runCliInProcess(['classify', '--config', configFile, ...args], {}, stdin);
  return { code: r.code, lines: r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), stderr: r.stderr };
}

let dir: string;
let configFile: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-classify-cmd-'));
  configFile = join(dir, 'config.json');
  await writeFile(
    configFile,
    JSON.stringify({ classifier: { kind: 'http', http: { url: ENDPOINT_URL, headers: { Authorization: TOKEN } } }, log: { level: 'silent' } }),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('classify command output', () => {
  it('prints only the labels the pipeline keeps (>= minConfidence) in labels, the rest in droppedLabels', async () => {
    interceptHttp(TEXT).reply(200, {
      categories: [
        { name: '/Science', confidence: 0.66 },
        { name: '/Science/Astronomy', confidence: 0.93 },
        { name: '/Jobs & Education/Education', confidence: 0.42 },
        { name: '/Books & Literature', confidence: 0.1 },
      ],
      languageCode: 'en',
      languageSupported: true,
    });
    const r = await classify(['--text', TEXT]);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    const line = r.lines[0]!;
    expect(line['labels']).toEqual([
      { name: '/Science', confidence: 0.66 },
      { name: '/Science/Astronomy', confidence: 0.93 },
    ]);
    expect(line['droppedLabels']).toEqual([
      { name: '/Jobs & Education/Education', confidence: 0.42 },
      { name: '/Books & Literature', confidence: 0.1 },
    ]);
    expect(line['category']).toBe('science');
    expect(line['categories']).toEqual(['science']);
    expect(Array.isArray(line['tags'])).toBe(true);
    expect(line['languageCode']).toBe('en');
    expect(line['languageSupported']).toBe(true);
    expect(line['classifier']).toBe('http/classify.example.test:8443');
  });

  it('no label passing the threshold: labels empty, category "others", the labels in droppedLabels', async () => {
    interceptHttp(TEXT).reply(200, { categories: [{ name: '/Science', confidence: 0.49 }], languageSupported: false });
    const r = await classify([], `${JSON.stringify({ text: TEXT })}\n`);
    expect(r.code).toBe(0);
    expect(r.lines[0]).toMatchObject({
      labels: [],
      droppedLabels: [{ name: '/Science', confidence: 0.49 }],
      categories: ['others'],
      category: 'others',
      tags: ['others'],
      languageSupported: false,
    });
    expect(r.lines[0]).not.toHaveProperty('languageCode');
  });

  it('a classifier failure prints an error line with empty labels and exits 1', async () => {
    interceptHttp(TEXT).reply(400, { error: { code: 400, message: 'Invalid text content: too few tokens (words) to process.', status: 'INVALID_ARGUMENT' } });
    const r = await classify(['--text', TEXT]);
    expect(r.code).toBe(1);
    expect(r.lines[0]).toMatchObject({
      labels: [],
      droppedLabels: [],
      category: 'others',
      error: { kind: 'permanent', reason: 'too_few_tokens' },
    });
    expect((r.lines[0]!['error'] as { message: string }).message).not.toMatch(/\.\./);
  });
});
