/**
 * `npm run bench`: events/s through ingest → worker → store, beside a baseline measured in the same run
 * (BullMQ, one job per event, no-op worker). Both sides use one producer process (this one) and one worker
 * process, so both get the machine's two cores. Writes its section of BENCHMARKS.md.
 *
 * Env: BENCH_EVENTS (default 300000), BENCH_BASELINE_EVENTS (default 60000), REDIS_URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { createApp } from '../src/app/census-app.js';
import { configSchema } from '../src/config/config-schema.js';
import { generateArchive } from '../src/generate/generate-archive.js';
import { getIngestFormat } from '../src/ingest/registry.js';
import { createLogger } from '../src/logging/create-logger.js';
import { replayArchives } from '../src/replay/replay-archives.js';
import { waitForDrain } from '../src/replay/wait-for-drain.js';
import { clearPrefix } from '../src/store/redis/clear-prefix.js';

const ROOT = new URL('../', import.meta.url).pathname;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 300_000);
const BASE_EVENTS = Number(process.env.BENCH_BASELINE_EVENTS ?? 60_000);

function spawnAndWait(cmd: string, args: string[], ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const on = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) resolve(child);
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
    child.on('exit', (code) => reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out}`)));
  });
}

async function peakRssMb(pid: number | undefined): Promise<number> {
  if (!pid) return NaN;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

async function stop(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function baseline(archive: string, n: number) {
  const prefix = 'pc-bench-base';
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  await clearPrefix(redis, prefix);
  const worker = await spawnAndWait(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'bench/baseline-worker.ts', REDIS_URL, prefix, '50'], /baseline worker ready/);
  const queue = new Queue('baseline', { connection: redis, prefix });
  const t0 = process.hrtime.bigint();
  const rl = createInterface({ input: createReadStream(archive), crlfDelay: Infinity });
  let chunk: Array<{ name: string; data: unknown }> = [];
  let sent = 0;
  for await (const line of rl) {
    if (sent >= n) break;
    const e = JSON.parse(line);
    delete e.prompt; // the baseline gets the same privacy treatment: no text in Redis
    chunk.push({ name: 'event', data: e });
    sent++;
    if (chunk.length === 1000) {
      await queue.addBulk(chunk);
      chunk = [];
    }
  }
  if (chunk.length) await queue.addBulk(chunk);
  rl.close();
  for (;;) {
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(c).every((v) => v === 0)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const workerRss = await peakRssMb(worker.pid);
  await stop(worker);
  await queue.close();
  await clearPrefix(redis, prefix);
  await redis.quit();
  return { events: sent, seconds, eventsPerSecond: sent / seconds, workerPeakRssMb: workerRss };
}

async function census(archive: string, dir: string) {
  const prefix = 'pc-bench';
  const configFile = join(dir, 'bench.yaml');
  const raw = { redis: { url: REDIS_URL, prefix }, log: { level: 'info' }, worker: { concurrency: 2 } };
  await writeFile(configFile, stringify(raw));
  const config = configSchema.parse(raw);
  const app = await createApp({ config, logger: createLogger({ level: 'warn' }) });
  await clearPrefix(app.redis, prefix);
  const worker = await spawnAndWait(process.execPath, ['--max-semi-space-size=64', 'bin/prompt-census.js', 'worker', '--no-http', '--config', configFile], /workers started/);
  const t0 = process.hrtime.bigint();
  const summary = await replayArchives({ paths: [archive], format: getIngestFormat('events'), producer: app.newReplayProducer() });
  const tEnqueued = process.hrtime.bigint();
  await waitForDrain(app.queues, { timeoutMs: 600_000, pollMs: 20 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const workerRss = await peakRssMb(worker.pid);
  await stop(worker);
  await clearPrefix(app.redis, prefix);
  await app.release();
  return {
    events: summary.accepted,
    sampled: summary.sampled,
    seconds,
    enqueueSeconds: Number(tEnqueued - t0) / 1e9,
    eventsPerSecond: summary.accepted / seconds,
    workerPeakRssMb: workerRss,
    producerPeakRssMb: process.memoryUsage().rss / 1024 / 1024,
  };
}

/** The worker alone: fill the queue first (no worker running), then time one worker draining it. */
async function workerOnly(archive: string, dir: string) {
  const prefix = 'pc-bench-w';
  const configFile = join(dir, 'bench-w.yaml');
  const raw = { redis: { url: REDIS_URL, prefix }, log: { level: 'info' }, worker: { concurrency: 2 } };
  await writeFile(configFile, stringify(raw));
  const config = configSchema.parse(raw);
  const app = await createApp({ config, logger: createLogger({ level: 'warn' }) });
  await clearPrefix(app.redis, prefix);
  const summary = await replayArchives({ paths: [archive], format: getIngestFormat('events'), producer: app.newReplayProducer() });
  const t0 = process.hrtime.bigint();
  const worker = await spawnAndWait(process.execPath, ['--max-semi-space-size=64', 'bin/prompt-census.js', 'worker', '--no-http', '--config', configFile], /workers started/);
  const tReady = process.hrtime.bigint();
  await waitForDrain(app.queues, { timeoutMs: 600_000, pollMs: 20 });
  const seconds = Number(process.hrtime.bigint() - tReady) / 1e9;
  const workerRss = await peakRssMb(worker.pid);
  await stop(worker);
  await clearPrefix(app.redis, prefix);
  await app.release();
  return { events: summary.accepted, seconds, startSeconds: Number(tReady - t0) / 1e9, eventsPerSecond: summary.accepted / seconds, workerPeakRssMb: workerRss };
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'pc-bench-'));
  try {
    const archive = join(dir, 'bench.ndjson');
    const g0 = Date.now();
    await generateArchive({ events: EVENTS, seed: 42, weeks: 8, out: archive });
    process.stderr.write(`generated ${EVENTS} events in ${Date.now() - g0} ms\n`);
    const base = await baseline(archive, BASE_EVENTS);
    process.stderr.write(`baseline: ${JSON.stringify(base)}\n`);
    const ours = await census(archive, dir);
    process.stderr.write(`prompt-census: ${JSON.stringify(ours)}\n`);
    const alone = await workerOnly(archive, dir);
    process.stderr.write(`worker alone: ${JSON.stringify(alone)}\n`);
    const ratio = ours.eventsPerSecond / base.eventsPerSecond;
    const cpu = cpus();
    const section = [
      '<!-- bench:pipeline:start -->',
      '## Pipeline throughput (`npm run bench`)',
      '',
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length} cores, ` +
        `${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version}, Redis at ${REDIS_URL.replace(/\/\/.*@/, '//***@')}.`,
      'Both runs in the same invocation: one producer process (the bench) and one worker process, generated archive (seed 42); every process runs with `--max-semi-space-size=64` as the CLI does.',
      '',
      '| run | events | seconds | events/s | worker peak RSS (MB) |',
      '|---|---:|---:|---:|---:|',
      `| baseline: BullMQ one job per event, no-op worker (concurrency 50), addBulk × 1000 | ${base.events} | ${base.seconds.toFixed(2)} | ${Math.round(base.eventsPerSecond)} | ${base.workerPeakRssMb.toFixed(0)} |`,
      `| prompt-census: replay → batch jobs (5,000 events) → worker aggregate → Lua apply (+ ${ours.sampled} samples classified by \`local\`) | ${ours.events} | ${ours.seconds.toFixed(2)} | ${Math.round(ours.eventsPerSecond)} | ${ours.workerPeakRssMb.toFixed(0)} |`,
      `| prompt-census worker alone, draining a pre-filled queue (one replica; producer idle) | ${alone.events} | ${alone.seconds.toFixed(2)} | ${Math.round(alone.eventsPerSecond)} | ${alone.workerPeakRssMb.toFixed(0)} |`,
      '',
      `**Ratio: ${ratio.toFixed(1)}× the baseline** end to end (target ≥ 20×); absolute ${Math.round(ours.eventsPerSecond).toLocaleString('en-US')} events/s (target ≥ 100,000).`,
      `Enqueue alone took ${ours.enqueueSeconds.toFixed(2)} s; the producer's RSS at the end was ${ours.producerPeakRssMb.toFixed(0)} MB.`,
      'Time runs from the first line read until both queues are empty (every batch applied, every sample recorded).',
      'The machine is shared and noisy (2 cores); compare the ratio, not the absolute figures, across runs.',
      '<!-- bench:pipeline:end -->',
    ].join('\n');
    const file = join(ROOT, 'BENCHMARKS.md');
    let text = await readFile(file, 'utf8').catch(() => '# Benchmarks\n\nFigures measured on this project\'s machine; each section says how to regenerate it.\n');
    const re = /<!-- bench:pipeline:start -->[\s\S]*<!-- bench:pipeline:end -->/;
    text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`;
    await writeFile(file, text);
    process.stdout.write(`${section}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
