import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;

/** The CLI as a user runs it: the package's bin script (built dist/, as after `npm ci`). */
async function cli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}) {
  try {
    const child = run(process.execPath, ['bin/prompt-census.js', ...args], { cwd: ROOT, env: { ...process.env, ...options.env } });
    if (options.input !== undefined) {
      child.child.stdin!.end(options.input);
    }
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the CLI from the bin script', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-cli-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('config check prints the effective config with secrets redacted, and names bad keys', async () => {
    const file = join(dir, 'c.yaml');
    await writeFile(
      file,
      'sampling: {salt: very-secret, rate: 0.01}\nserver: {authToken: tok-123}\n' +
        'classifier: {kind: http, http: {url: "https://classify.example/v2?key=APIKEYSECRET&alt=json"}}\n',
    );
    const ok = await cli(['config', 'check', '--config', file], { env: { REDIS_URL: 'redis://:hunter2@127.0.0.1:6379?db=0' } });
    expect(ok.code).toBe(0);
    const config = JSON.parse(ok.stdout);
    expect(config.sampling.rate).toBe(0.01);
    expect(config.redis.prefix).toBe('pc');
    expect(ok.stdout).not.toMatch(/very-secret|tok-123|APIKEYSECRET|hunter2/);
    expect(config.classifier.http.url).toBe('https://classify.example/v2?key=[redacted]&alt=json');
    expect(config.redis.url).toBe('redis://:[redacted]@127.0.0.1:6379?db=0');
    // The effective config: what the process uses, bundled files included.
    expect(config.taxonomy.mapping).toBe(join(ROOT, 'taxonomy/mapping.yaml'));
    expect(config.catalog.models).toBe(join(ROOT, 'config/models.yaml'));
    expect(config.classifier.local.model).toBe(join(ROOT, 'taxonomy/local-classifier/model.json'));

    await writeFile(file, 'sampling: {rate: 7}\nnope: 1\nredis: {prefx: a}\n');
    const bad = await cli(['config', 'check', '--config', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`Invalid config (from file ${file}):`);
    expect(bad.stderr).toContain('  - sampling.rate: ');
    expect(bad.stderr).toContain('  - nope: unknown key\n');
    expect(bad.stderr).toContain('  - redis.prefx: unknown key (did you mean "prefix"?)');

    const env = await cli(['config', 'check'], { env: { REDIS_URL: 'localhost:6379:x' } });
    expect(env.code).toBe(1);
    expect(env.stderr).toContain('Invalid config (from env REDIS_URL):\n  - redis.url: must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379');
  });

  it('taxonomy map answers one JSON line per path, unseen V2 paths included', async () => {
    const r = await cli(['taxonomy', 'map', '/Computers & Electronics/Programming', '/Games/Roleplaying Games/Other', '/Food & Drink']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.category)).toEqual(['programming', 'roleplay', 'others']);
    expect(lines[0]).toHaveProperty('tag');
    expect(lines[0].path).toBe('/Computers & Electronics/Programming');
  });

  it('classify works on --text and on NDJSON stdin, in order', async () => {
    const one = await cli(['classify', '--text', 'Write a TypeScript function that debounces another function and explain the closure.']);
    expect(one.code).toBe(0);
    const r = JSON.parse(one.stdout);
    expect(r.category).toBe('programming');
    expect(r.labels[0]).toHaveProperty('confidence');
    const many = await cli(['classify'], {
      input: ['Traduisez ce texte en anglais : je voudrais réserver une table pour deux personnes ce soir.', 'hi', '*smiles* You are Luna, a shy witch. Stay in character and never break the fourth wall.']
        .map((text) => JSON.stringify({ text }))
        .join('\n'),
    });
    const out = many.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.category)).toEqual(['translation', 'others', 'roleplay']);
  });

  it('generate writes the same bytes for the same seed', async () => {
    const a = join(dir, 'a.ndjson');
    const b = join(dir, 'b.ndjson');
    expect((await cli(['generate', '--events', '500', '--seed', '9', '--out', a])).code).toBe(0);
    expect((await cli(['generate', '--events', '500', '--seed', '9', '--out', b])).code).toBe(0);
    expect(await readFile(a)).toEqual(await readFile(b));
    expect((await readFile(a, 'utf8')).trim().split('\n')).toHaveLength(500);
    // Usage errors exit 2, as the README says.
    for (const args of [['--events', 'many'], ['--events', '0'], ['--events', '5', '--seed', 'abc'], ['--events', '5', '--start', '2025-02-30']]) {
      const bad = await cli(['generate', ...args, '--out', a]);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr, args.join(' ')).toMatch(/argument '.*' is invalid\. It must be/);
    }
  });

  it('an unreachable Redis is a clear error naming the URL', async () => {
    const r = await cli(['report'], { env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('redis://127.0.0.1:1');
    expect(r.stderr).toMatch(/Cannot reach Redis/);
  });
});
