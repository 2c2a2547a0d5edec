import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_USAGE } from '../../../src/cli/program.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

// An unreachable Redis: a usage error must be found before anything connects.
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCliInProcess(args, { REDIS_URL: 'redis://127.0.0.1:1', ...env });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-exit-codes-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('CLI exit codes: 2 for every usage error, whichever command', () => {
  const out = () => join(dir, 'out.ndjson');
  it.each([
    [['generate', '--events', '10', '--seed', 'abc', '--out', 'x'], /--seed <s>' argument 'abc' is invalid\. It must be a whole number/],
    [['generate', '--events', '0', '--out', 'x'], /--events <n>' argument '0' is invalid\. It must be a whole number >= 1/],
    [['generate', '--events', '1.5', '--out', 'x'], /argument '1\.5' is invalid/],
    [['generate', '--events', '10', '--weeks', '-1', '--out', 'x'], /--weeks <w>' argument '-1' is invalid/],
    [['generate', '--events', '10', '--start', '2025-02-30', '--out', 'x'], /--start <date>' argument '2025-02-30' is invalid\. It must be a calendar date/],
    [['generate', '--events', '10', '--start', '2025-06-03', '--out', 'x'], /It must be a Monday/],
    [['generate', '--events', '10'], /required option '--out <file>' not specified/],
    [['generate', '--events', '10', '--out', 'x', '--bogus'], /unknown option '--bogus'/],
    [['worker', '--port', 'abc'], /--port <n>' argument 'abc' is invalid/],
    [['worker', '--port', '70000'], /from 0 to 65535/],
    [['demo', '--events', 'many'], /--events <n>' argument 'many' is invalid/],
    [['replay', 'x.ndjson', '--wait-timeout', 'soon'], /--wait-timeout <seconds>' argument 'soon' is invalid/],
    [['replay', 'x.ndjson', '--format', 'csv'], /Unknown ingest format "csv"/],
    [['report', '--format', 'xml'], /--format must be text, json or html/],
    [['report', '--from', '2025-02-30'], /--from <date>' argument '2025-02-30' is invalid/],
    [['report', '--min-confidence', '2'], /--min-confidence <x>' argument '2' is invalid\. It must be a number from 0 to 1/],
    [['report', '--from', '2025-06-10', '--to', '2025-06-01'], /is after --to/],
    [['rebucket', '--min-confidence', 'high'], /argument 'high' is invalid/],
    [['classify', '--classifier', 'psychic', '--text', 'hi'], /classifier\.kind: .*psychic|classifier\.kind: Invalid option/],
    [['nonsense'], /unknown command 'nonsense'/],
  ])('%j', async (args, message) => {
    const r = await cli(args.map((a) => (a === 'x' ? out() : a)));
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(EXIT_USAGE);
  });

  it('names the source of a bad value from a flag, and keeps exit 1 for a bad config file or a failure', async () => {
    const flag = await cli(['classify', '--classifier', 'psychic', '--text', 'hi']);
    expect(flag.stderr).toContain('Invalid config (from the command line)');
    expect(flag.stderr).toContain('(see: prompt-census classify --help)');

    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'sampling: {rate: 7}\n');
    const bad = await cli(['config', 'check', '--config', file]);
    expect(bad.code).toBe(EXIT_FAILURE);
    expect(bad.stderr).toContain(`Invalid config (from file ${file}):`);

    const env = await cli(['config', 'check'], { REDIS_URL: 'not a url' });
    expect(env.code).toBe(EXIT_FAILURE);
    expect(env.stderr).toContain('Invalid config (from env REDIS_URL):\n  - redis.url: must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379');

    const unreachable = await cli(['report']);
    expect(unreachable.code).toBe(EXIT_FAILURE);
  });

  it('help and version exit 0', async () => {
    expect((await cli(['--help'])).code).toBe(0);
    expect((await cli(['generate', '--help'])).code).toBe(0);
    expect((await cli(['--version'])).code).toBe(0);
  });
});
