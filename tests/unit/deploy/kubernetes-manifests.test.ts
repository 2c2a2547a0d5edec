import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../../src/cli/cli-context.js';
import { registerWorkerCommand } from '../../../src/cli/commands/worker-command.js';
import { runCli } from '../../../src/cli/program.js';
import type { Config } from '../../../src/config/config-schema.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { ingestFormats } from '../../../src/ingest/registry.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const DIR = join(ROOT, 'deploy/kubernetes');

/* Minimal shapes of the Kubernetes objects the test reads. */
interface Probe { httpGet?: { path: string; port: number | string } }
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  supplementalGroups?: number[];
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  restartPolicy?: string;
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: SecurityContext;
  volumeMounts?: Array<{ name: string; mountPath: string; readOnly?: boolean }>;
}
interface Volume {
  name: string;
  configMap?: { name: string; items?: Array<{ key: string; path: string; mode?: number }> };
  secret?: { secretName: string; defaultMode?: number; items?: Array<{ key: string; path: string; mode?: number }> };
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec?: {
    initContainers?: Container[];
    containers?: Container[];
    volumes?: Volume[];
    securityContext?: SecurityContext;
  };
}

function loadManifests(): K8sObject[] {
  const out: K8sObject[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(DIR, file), 'utf8'))) {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      const obj = doc.toJS() as K8sObject | null;
      if (obj) out.push(obj);
    }
  }
  return out;
}

/** The runtime stage of the Dockerfile: its USER and its ENTRYPOINT (exec form). */
function dockerfileRuntime(): { user: string; entrypoint: string[] } {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const lastStage = text.slice(text.lastIndexOf('\nFROM '));
  const user = [...lastStage.matchAll(/^USER\s+(\S+)\s*$/gm)].pop()?.[1];
  const entrypoint = /^ENTRYPOINT\s+(\[.*\])\s*$/m.exec(lastStage)?.[1];
  if (!user || !entrypoint) throw new Error('the Dockerfile runtime stage needs a USER and an exec-form ENTRYPOINT');
  return { user, entrypoint: JSON.parse(entrypoint) as string[] };
}

/** Users of the base image (node:20-bookworm-slim) by name. */
const BASE_IMAGE_USERS: Record<string, { uid: number; gid: number }> = { node: { uid: 1000, gid: 1000 } };

/**
 * `prompt-census …` commands quoted in a file: inside backticks, or as a shell line in a YAML comment (a line
 * starting with `prompt-census` that passes flags). Returns the command words (up to the first flag or argument).
 */
function quotedCommands(text: string): string[][] {
  const lines = [
    ...[...text.matchAll(/`prompt-census ([^`]+)`/g)].map((m) => m[1]!),
    ...[...text.matchAll(/^\s*#\s+(?:\$\s+)?prompt-census\s+(.*\s--.*)$/gm)].map((m) => m[1]!),
  ];
  return lines.map((l) => {
    const words: string[] = [];
    for (const w of l.trim().split(/\s+/)) {
      if (!/^[a-z][a-z-]*$/.test(w) || words.length === 2) break;
      words.push(w);
    }
    return words;
  });
}

/** True when `prompt-census <words> --help` is the help of exactly that (sub)command. */
async function isCliCommand(words: string[]): Promise<boolean> {
  let out = '';
  const sink = new PassThrough();
  sink.on('data', (d) => (out += String(d)));
  const code = await runCli([...words, '--help'], { stdout: sink, stderr: sink, stdin: new PassThrough(), env: {}, signals: { onShutdown: () => undefined } });
  const usage = /^Usage: (.*)$/m.exec(out)?.[1] ?? '';
  return code === 0 && usage.startsWith(`prompt-census ${words.join(' ')} `);
}

/** Parse args with the CLI's real `worker` command definition; its action is swapped for one that records the options. */
async function parseWorkerArgs(args: string[]): Promise<Record<string, unknown>> {
  const ctx: CliContext = {
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    env: {},
    signals: { onShutdown: () => undefined },
  };
  const program = new Command().exitOverride().configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  registerWorkerCommand(program, ctx);
  const worker = program.commands.find((c) => c.name() === args[0]);
  if (!worker) throw new Error(`"${args[0]}" is not a prompt-census command`);
  worker.exitOverride();
  let seen: Record<string, unknown> | undefined;
  worker.action((opts: Record<string, unknown>) => {
    seen = opts;
  });
  await program.parseAsync(args, { from: 'user' });
  if (!seen) throw new Error('the worker command did not run');
  return seen;
}

describe('deploy/kubernetes example: gateway Pod with prompt-census as a sidecar', () => {
  const objects = loadManifests();
  const pod = objects.find((o) => o.kind === 'Pod')!;
  const all = [...(pod?.spec?.initContainers ?? []), ...(pod?.spec?.containers ?? [])];
  const sidecar = all.find((c) => c.name === 'prompt-census')!;
  const gateway = pod?.spec?.containers?.find((c) => c.name === 'gateway');
  const volumes = pod?.spec?.volumes ?? [];
  const configMap = (name: string) => objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name);
  let tmp: string;
  let config: Config;
  let configPath: string;

  /** The container path of a file mounted from a ConfigMap or Secret volume item. */
  const mountedFile = (c: Container, path: string) => {
    const mount = c.volumeMounts?.find((m) => posix.dirname(path) === m.mountPath);
    const volume = volumes.find((v) => v.name === mount?.name);
    return { mount, volume, item: (volume?.configMap?.items ?? volume?.secret?.items)?.find((i) => i.path === posix.basename(path)) };
  };

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'pc-k8s-'));
  });
  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('has a Pod with a gateway container and the prompt-census sidecar', () => {
    expect(pod).toBeDefined();
    expect(gateway).toBeDefined();
    expect(sidecar).toBeDefined();
    // Native sidecar: an init container that keeps running.
    expect(pod.spec!.initContainers).toContain(sidecar);
    expect(sidecar.restartPolicy).toBe('Always');
  });

  it("runs a real CLI command: the package's bin script, `worker`, and flags the worker command accepts", async () => {
    const command = sidecar.command!;
    expect(command[0]).toBe('node');
    expect(command[command.length - 1]).toBe('bin/prompt-census.js');
    // Anything between is a node flag (the Dockerfile's ENTRYPOINT uses --max-semi-space-size=64 as well).
    for (const flag of command.slice(1, -1)) expect(flag).toMatch(/^--[a-z-]+(=\S+)?$/);
    // The image's WORKDIR is the package root (/app), so the script path is relative to it.
    expect(existsSync(join(ROOT, command[command.length - 1]!))).toBe(true);
    const args = sidecar.args!;
    expect(args[0]).toBe('worker');
    const opts = await parseWorkerArgs(args);
    expect(opts.http).toBe(true); // the HTTP server must run: the gateway posts to it and the probes hit it
    expect(typeof opts.config).toBe('string');
    configPath = opts.config as string;
    // A flag the CLI does not know is refused by the same parser (so the check above means something).
    await expect(parseWorkerArgs(['worker', '--no-such-flag'])).rejects.toThrow(/unknown option/);
  });

  it('mounts the config map at the --config path, and that config validates with loadConfig', async () => {
    const { mount, volume, item } = mountedFile(sidecar, configPath);
    expect(mount?.readOnly).toBe(true);
    const cm = configMap(volume!.configMap!.name);
    const text = cm?.data?.[item!.key];
    expect(text).toBeTypeOf('string');
    const file = join(tmp, 'config.yaml');
    await writeFile(file, text!);
    // REDIS_URL comes from a Secret in the Pod; any valid URL stands in for it here.
    const env = { REDIS_URL: 'redis://redis.example.svc:6379' };
    expect(sidecar.env?.some((e) => e.name === 'REDIS_URL' && e.valueFrom !== undefined)).toBe(true);
    config = loadConfig({ file, env }).config;
    expect(config.redis.url).toBe(env.REDIS_URL);
  });

  it("exposes server.port as the container port, and the probes hit /healthz and /readyz on it", () => {
    const port = sidecar.ports!.find((p) => p.containerPort === config.server.port);
    expect(port).toBeDefined();
    expect(sidecar.ports).toHaveLength(1);
    // Probes and Prometheus come in on the Pod IP, so the server cannot be bound to loopback only.
    expect(config.server.host).toBe('0.0.0.0');
    const resolve = (p: number | string) => (typeof p === 'number' ? p : sidecar.ports!.find((x) => x.name === p)?.containerPort);
    expect(sidecar.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(resolve(sidecar.livenessProbe!.httpGet!.port)).toBe(config.server.port);
    for (const probe of [sidecar.readinessProbe, sidecar.startupProbe]) {
      expect(probe?.httpGet?.path).toBe('/readyz');
      expect(resolve(probe!.httpGet!.port)).toBe(config.server.port);
    }
    expect(sidecar.resources?.requests?.cpu).toBeDefined();
    expect(sidecar.resources?.limits?.memory).toBeDefined();
    expect(sidecar.securityContext?.readOnlyRootFilesystem).toBe(true);
  });

  it('mounts the Google credentials Secret where classifier.google.keyFilename points', () => {
    expect(config.classifier.kind).toBe('google');
    const keyFilename = config.classifier.google.keyFilename!;
    expect(keyFilename).toBeDefined();
    const { mount, volume, item } = mountedFile(sidecar, keyFilename);
    expect(mount?.readOnly).toBe(true);
    expect(volume?.secret?.secretName).toBe('prompt-census-google');
    expect(item?.path).toBe(basename(keyFilename));
    expect(mount!.mountPath).toBe(dirname(keyFilename));
  });

  it("points the gateway's callback at the sidecar's LiteLLM route over loopback", () => {
    const volume = volumes.find((v) => v.name === gateway!.volumeMounts?.[0]?.name);
    const litellm = configMap(volume!.configMap!.name)!.data!['config.yaml']!;
    const endpoint = /endpoint:\s*(\S+)/.exec(litellm)?.[1];
    const url = new URL(endpoint!);
    expect(url.hostname).toBe('127.0.0.1');
    expect(Number(url.port)).toBe(config.server.port);
    expect(url.pathname).toBe(ingestFormats().get('litellm')!.httpPath);
    // The gateway's own config is mounted where its --config flag points.
    const args = gateway!.args!;
    expect(posix.dirname(args[args.indexOf('--config') + 1]!)).toBe(gateway!.volumeMounts![0]!.mountPath);
  });
  it('runs the sidecar as a numeric non-root user, matching the image, with no privileges', () => {
    const sc = sidecar.securityContext!;
    expect(sc.runAsNonRoot).toBe(true);
    // The kubelet verifies runAsNonRoot only against a numeric user; the image's USER may be a name.
    expect(Number.isInteger(sc.runAsUser) && sc.runAsUser! > 0).toBe(true);
    expect(Number.isInteger(sc.runAsGroup) && sc.runAsGroup! > 0).toBe(true);
    expect(sc.allowPrivilegeEscalation).toBe(false);
    expect(sc.readOnlyRootFilesystem).toBe(true);
    expect(sc.capabilities?.drop).toContain('ALL');
    expect(sc.capabilities?.add ?? []).toEqual([]);
    // The uid is the one the image's USER names.
    const { user } = dockerfileRuntime();
    const [name, group] = user.split(':');
    const image = /^\d+$/.test(name!) ? { uid: Number(name), gid: Number(group ?? name) } : BASE_IMAGE_USERS[name!];
    expect(image, `Dockerfile USER ${user}: use a numeric uid:gid or a user of the base image`).toBeDefined();
    expect(sc.runAsUser).toBe(image!.uid);
    expect(sc.runAsGroup).toBe(image!.gid);
  });

  it('forces non-root only where it can be verified: every non-root container has a numeric runAsUser', () => {
    const podSc = pod.spec!.securityContext ?? {};
    for (const c of all) {
      const nonRoot = c.securityContext?.runAsNonRoot ?? podSc.runAsNonRoot;
      const uid = c.securityContext?.runAsUser ?? podSc.runAsUser;
      if (nonRoot) expect(Number.isInteger(uid) && uid! > 0, `${c.name}: runAsNonRoot without a numeric runAsUser`).toBe(true);
    }
    // The gateway is a third-party image (LiteLLM) that runs as root: it must not be forced to non-root.
    expect(gateway!.securityContext?.runAsNonRoot ?? podSc.runAsNonRoot).not.toBe(true);
  });

  it('lets the sidecar (and nobody else) read the Google key: Secret mode and fsGroup', () => {
    const keyFilename = config.classifier.google.keyFilename!;
    const { volume, item } = mountedFile(sidecar, keyFilename);
    // Kubernetes' default for Secret files is 0644; items may override defaultMode.
    const mode = item?.mode ?? volume!.secret!.defaultMode ?? 0o644;
    const podSc = pod.spec!.securityContext ?? {};
    const sc = sidecar.securityContext!;
    // Secret files are owned by root; with fsGroup their group is fsGroup, which every container gets as a group.
    const groups = new Set([sc.runAsGroup, ...(podSc.supplementalGroups ?? []), podSc.fsGroup].filter((g) => g !== undefined));
    const readable = sc.runAsUser === 0 || (mode & 0o004) !== 0 || ((mode & 0o040) !== 0 && podSc.fsGroup !== undefined && groups.has(podSc.fsGroup));
    expect(readable, `key mode ${mode.toString(8)}, fsGroup ${podSc.fsGroup}, uid ${sc.runAsUser}`).toBe(true);
    expect(mode & 0o007, 'the key must not be readable by other users').toBe(0);
    expect(podSc.fsGroup).toBe(sc.runAsGroup);
  });

  it("runs the image's own entrypoint", () => {
    expect(sidecar.command).toEqual(dockerfileRuntime().entrypoint);
  });

  it('quotes only prompt-census commands that exist in the CLI', async () => {
    const files = [
      ...readdirSync(DIR).filter((f) => f.endsWith('.yaml') || f.endsWith('.md')).map((f) => join(DIR, f)),
      join(ROOT, 'docs/operations.md'),
    ];
    const seen: string[] = [];
    for (const file of files) {
      for (const words of quotedCommands(readFileSync(file, 'utf8'))) {
        if (words.length === 0) continue;
        seen.push(words.join(' '));
        expect(await isCliCommand(words), `${basename(file)} quotes "prompt-census ${words.join(' ')}", which the CLI does not have`).toBe(true);
      }
    }
    expect(seen).toContain('config check');
    expect(seen.length).toBeGreaterThan(3);
    // The checker itself refuses a command that does not exist.
    expect(await isCliCommand(['config', 'show'])).toBe(false);
  });
});
