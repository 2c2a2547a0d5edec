import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthzUrl } from '../../../src/cli/commands/healthcheck-command.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

const cli = runCliInProcess;

let dir: string;
let server: Server;
let port: number;
let status = 200;
const paths: string[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-healthcheck-'));
  server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(status, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('prompt-census healthcheck', () => {
  it('checks /healthz on the port of the config file, or of PROMPT_CENSUS_PORT', async () => {
    const file = join(dir, 'c.yaml');
    await writeFile(file, `server: {port: ${port}}\n`);
    const fromFile = await cli(['healthcheck', '--config', file]);
    expect(fromFile.stdout).toBe(`healthy: http://127.0.0.1:${port}/healthz\n`);
    expect(fromFile.code).toBe(0);
    const fromEnvConfig = await cli(['healthcheck'], { PROMPT_CENSUS_CONFIG: file });
    expect(fromEnvConfig.code).toBe(0);
    const fromEnvPort = await cli(['healthcheck'], { PROMPT_CENSUS_PORT: String(port) });
    expect(fromEnvPort.code).toBe(0);
    expect(paths.every((p) => p === '/healthz')).toBe(true);
    expect(paths).toHaveLength(3);
  });

  it('exits 1 when the worker answers an error or nothing listens', async () => {
    status = 503;
    const sick = await cli(['healthcheck'], { PROMPT_CENSUS_PORT: String(port) });
    expect(sick.code).toBe(1);
    expect(sick.stderr).toContain(`unhealthy: http://127.0.0.1:${port}/healthz answered 503`);
    status = 200;
    // Port 1 on loopback: nothing listens there.
    const none = await cli(['healthcheck'], { PROMPT_CENSUS_PORT: '1' });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^unhealthy: http:\/\/127\.0\.0\.1:1\/healthz: /);
  });

  it("is what the Dockerfile's HEALTHCHECK runs (no hard-coded port), in exec form", () => {
    const dockerfile = readFileSync(new URL('../../../Dockerfile', import.meta.url), 'utf8').replace(/\\\n\s*/g, ' ');
    const line = /^HEALTHCHECK\s+(.*)$/m.exec(dockerfile)?.[1] ?? '';
    const cmd = /\bCMD\s+(\[.*\])\s*$/.exec(line)?.[1];
    expect(cmd, line).toBeDefined();
    const argv = JSON.parse(cmd!) as string[];
    expect(argv.slice(0, 3)).toEqual(['node', '/app/bin/prompt-census.js', 'healthcheck']);
    expect(line).not.toMatch(/8787/);
    expect(/^WORKDIR \/app$/m.test(dockerfile.slice(dockerfile.lastIndexOf('\nFROM ')))).toBe(true);
  });

  it('reaches a wildcard listen address on loopback', () => {
    const base = { bodyLimitBytes: 1, requestTimeoutMs: 1, authTokens: {} };
    expect(healthzUrl({ ...base, host: '0.0.0.0', port: 9000 })).toBe('http://127.0.0.1:9000/healthz');
    expect(healthzUrl({ ...base, host: '::', port: 9000 })).toBe('http://[::1]:9000/healthz');
    expect(healthzUrl({ ...base, host: 'localhost', port: 80 })).toBe('http://localhost:80/healthz');
  });
});
