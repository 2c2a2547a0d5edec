/**
 * `npm run bench`: events/s through ingest → worker → store, beside baselines measured in the same run
 * (BullMQ, one job per event, no-op worker). Every side uses one producer process (this one) and one worker
 * process, so each gets the machine's cores. Runs interleave (baselines, prompt-census, worker alone) for
 * BENCH_ROUNDS rounds, so a burst of load from another tenant of this shared machine hits every side; the table
 * gives the median round and the range. CPU seconds are read per process (this process, the worker, Redis's own
 * counters), which a noisy neighbour disturbs far less than wall-clock time. Writes its section of BENCHMARKS.md.
 *
 * Env: BENCH_EVENTS (default 300000), BENCH_BASELINE_EVENTS (default 60000), BENCH_ROUNDS (default 3), REDIS_URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
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
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** The per-call baseline is slow; it gets a third of the bulk baseline's events. */
const ADD_EVENTS = Math.max(1_000, Math.round(BASE_EVENTS / 3));
const NODE_FLAGS = ['--max-semi-space-size=64'];

interface Run {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** CPU seconds (user + system) of the producer (this process), the worker process and the Redis server. */
  cpu: { producer: number; worker: number; redis: number };
  workerPeakRssMb: number;
}

function spawnAndWait(args: string[], ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const on = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) resolve(child);
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}:\n${out}`)));
  });
}

async function procStatus(pid: number | undefined): Promise<{ cpuSeconds: number; peakRssMb: number }> {
  if (!pid) return { cpuSeconds: NaN, peakRssMb: NaN };
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command name (which may hold spaces): utime is field 14, stime 15 (clock ticks, 100/s on Linux).
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return { cpuSeconds: (Number(f[11]) + Number(f[12])) / 100, peakRssMb: m ? Number(m[1]) / 1024 : NaN };
}

async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  let s = 0;
  for (const m of info.matchAll(/used_cpu_(?:user|sys):([\d.]+)/g)) s += Number(m[1]);
  return s;
}

const selfCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Measure fn between two snapshots of every process's CPU time. */
async function measured(redis: Redis, worker: ChildProcess, events: number, fn: () => Promise<void>): Promise<Run> {
  const w0 = await procStatus(worker.pid);
  const r0 = await redisCpuSeconds(redis);
  const p0 = selfCpu();
  const t0 = process.hrtime.bigint();
  await fn();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const p1 = selfCpu();
  const r1 = await redisCpuSeconds(redis);
  const w1 = await procStatus(worker.pid);
  return {
    events,
    seconds,
    eventsPerSecond: events / seconds,
    cpu: { producer: p1 - p0, worker: w1.cpuSeconds - w0.cpuSeconds, redis: r1 - r0 },
    workerPeakRssMb: w1.peakRssMb,
  };
}

async function stop(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function* baselineEvents(archive: string, n: number) {
  const rl = createInterface({ input: createReadStream(archive), crlfDelay: Infinity });
  let sent = 0;
  for await (const line of rl) {
    if (sent++ >= n) break;
    const e = JSON.parse(line);
    delete e.prompt; // the baseline gets the same privacy treatment: no text in Redis
    yield e as Record<string, unknown>;
  }
  rl.close();
}

async function queueEmpty(queue: Queue): Promise<void> {
  for (;;) {
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(c).every((v) => v === 0)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** BullMQ, one job per event, a no-op worker (concurrency 50). `bulk`: addBulk of 1,000; else one awaited add() per event. */
async function baseline(redis: Redis, archive: string, n: number, bulk: boolean): Promise<Run> {
  const prefix = bulk ? 'pc-bench-base-bulk' : 'pc-bench-base-add';
  await clearPrefix(redis, prefix);
  const worker = await spawnAndWait(['--import', 'tsx', 'bench/baseline-worker.ts', REDIS_URL, prefix, '50'], /baseline worker ready/);
  const queue = new Queue('baseline', { connection: redis, prefix });
  let sent = 0;
  const run = await measured(redis, worker, n, async () => {
    let chunk: Array<{ name: string; data: unknown }> = [];
    for await (const e of baselineEvents(archive, n)) {
      sent++;
      if (!bulk) {
        await queue.add('event', e);
        continue;
      }
      chunk.push({ name: 'event', data: e });
      if (chunk.length === 1000) {
        await queue.addBulk(chunk);
        chunk = [];
      }
    }
    if (chunk.length) await queue.addBulk(chunk);
    await queueEmpty(queue);
  });
  await stop(worker);
  await queue.close();
  await clearPrefix(redis, prefix);
  return { ...run, events: sent, eventsPerSecond: sent / run.seconds };
}

async function censusConfig(dir: string, prefix: string) {
  const configFile = join(dir, `${prefix}.yaml`);
  const raw = { redis: { url: REDIS_URL, prefix }, log: { level: 'info' }, worker: { concurrency: 2 } };
  await writeFile(configFile, stringify(raw));
  const config = configSchema.parse(raw);
  const app = await createApp({ config, logger: createLogger({ level: 'warn' }) });
  await clearPrefix(app.redis, prefix);
  return { configFile, app };
}

const startWorker = (configFile: string) => spawnAndWait(['bin/prompt-census.js', 'worker', '--no-http', '--config', configFile], /workers started/);

/** prompt-census end to end: replay the archive while one worker applies batches and classifies samples. */
async function census(redis: Redis, archive: string, dir: string) {
  const { configFile, app } = await censusConfig(dir, 'pc-bench');
  const worker = await startWorker(configFile);
  let summary!: Awaited<ReturnType<typeof replayArchives>>;
  let enqueueSeconds = 0;
  const run = await measured(redis, worker, 0, async () => {
    const t0 = process.hrtime.bigint();
    summary = await replayArchives({ paths: [archive], format: getIngestFormat('events'), producer: app.newReplayProducer() });
    enqueueSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    await waitForDrain(app.queues, { timeoutMs: 600_000, pollMs: 20 });
  });
  await stop(worker);
  await clearPrefix(app.redis, 'pc-bench');
  await app.release();
  return { ...run, events: summary.accepted, eventsPerSecond: summary.accepted / run.seconds, sampled: summary.sampled, enqueueSeconds };
}

/** The worker alone: fill the queue first (no worker running), then time one worker draining it. */
async function workerOnly(redis: Redis, archive: string, dir: string): Promise<Run> {
  const { configFile, app } = await censusConfig(dir, 'pc-bench-w');
  const summary = await replayArchives({ paths: [archive], format: getIngestFormat('events'), producer: app.newReplayProducer() });
  const worker = await startWorker(configFile);
  // Timed from the moment the worker says it started (start-up is not throughput).
  const run = await measured(redis, worker, summary.accepted, () => waitForDrain(app.queues, { timeoutMs: 600_000, pollMs: 20 }));
  await stop(worker);
  await clearPrefix(app.redis, 'pc-bench-w');
  await app.release();
  return { ...run, cpu: { ...run.cpu, producer: 0 } };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const cpuTotal = (r: Run) => r.cpu.producer + r.cpu.worker + r.cpu.redis;
/** Events per CPU-second summed over every process involved. */
const perCpu = (r: Run) => r.events / cpuTotal(r);

function row(label: string, runs: Run[]): string {
  const eps = runs.map((r) => r.eventsPerSecond);
  const m = runs.find((r) => r.eventsPerSecond === median(eps)) ?? runs[0]!;
  const c = m.cpu;
  return `| ${label} | ${m.events} | ${m.seconds.toFixed(2)} | **${fmt(m.eventsPerSecond)}** (${fmt(Math.min(...eps))}–${fmt(Math.max(...eps))}) | ` +
    `${c.producer.toFixed(2)} / ${c.worker.toFixed(2)} / ${c.redis.toFixed(2)} | ${fmt(median(runs.map(perCpu)))} | ${m.workerPeakRssMb.toFixed(0)} |`;
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'pc-bench-'));
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  try {
    const archive = join(dir, 'bench.ndjson');
    const g0 = Date.now();
    await generateArchive({ events: EVENTS, seed: 42, weeks: 8, out: archive });
    process.stderr.write(`generated ${EVENTS} events in ${Date.now() - g0} ms\n`);
    const load0 = loadavg()[0]!;
    const bulk: Run[] = [];
    const add: Run[] = [];
    const ours: Array<Run & { sampled: number; enqueueSeconds: number }> = [];
    const alone: Run[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      bulk.push(await baseline(redis, archive, BASE_EVENTS, true));
      add.push(await baseline(redis, archive, ADD_EVENTS, false));
      ours.push(await census(redis, archive, dir));
      alone.push(await workerOnly(redis, archive, dir));
      process.stderr.write(`round ${round}: ${JSON.stringify({ bulk: bulk.at(-1), add: add.at(-1), ours: ours.at(-1), alone: alone.at(-1) })}\n`);
    }
    const load1 = loadavg()[0]!;
    const med = (runs: Run[]) => median(runs.map((r) => r.eventsPerSecond));
    // Ratios per round (each round's sides ran minutes apart at most), then their median.
    const ratioBulk = median(ours.map((o, i) => o.eventsPerSecond / bulk[i]!.eventsPerSecond));
    const ratioAdd = median(ours.map((o, i) => o.eventsPerSecond / add[i]!.eventsPerSecond));
    const ratioCpuBulk = median(ours.map((o, i) => perCpu(o) / perCpu(bulk[i]!)));
    const cpu = cpus();
    const section = [
      '<!-- bench:pipeline:start -->',
      '## Pipeline throughput (`npm run bench`)',
      '',
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length} cores, ` +
        `${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version}, Redis at ${REDIS_URL.replace(/\/\/.*@/, '//***@')}; ` +
        `load average ${load0.toFixed(2)} before, ${load1.toFixed(2)} after.`,
      `Command: \`npm run bench\` (BENCH_EVENTS=${EVENTS}, BENCH_BASELINE_EVENTS=${BASE_EVENTS}, BENCH_ROUNDS=${ROUNDS}). Every run uses one producer`,
      'process (the bench) and one worker process on the generated archive (seed 42), each with `--max-semi-space-size=64` as the CLI; the',
      `sides run interleaved, ${ROUNDS} rounds. Shown: the median round (range over rounds); CPU seconds of producer / worker / Redis in that round;`,
      'events per CPU-second summed over the three processes (median), which a noisy neighbour on this shared machine disturbs least.',
      '',
      '| run | events | seconds | events/s | CPU s: producer / worker / Redis | events per CPU-s | worker peak RSS (MB) |',
      '|---|---:|---:|---:|---:|---:|---:|',
      row('baseline A: BullMQ one job per event, `addBulk` of 1,000, no-op worker (concurrency 50)', bulk),
      row('baseline B: BullMQ one job per event, one awaited `add()` per event, no-op worker (concurrency 50)', add),
      row(`prompt-census: replay → batch jobs (5,000 events) → worker aggregate → Lua apply (+ ${ours[0]!.sampled} samples classified by \`local\`)`, ours),
      row('prompt-census worker alone, draining a pre-filled queue (one replica)', alone),
      '',
      `**Ratio (median of rounds): ${ratioBulk.toFixed(1)}× baseline A and ${ratioAdd.toFixed(1)}× baseline B** in events/s end to end ` +
        `(target ≥ 20×); ${ratioCpuBulk.toFixed(1)}× baseline A in events per CPU-second. Absolute: ${fmt(med(ours))} events/s end to end ` +
        `(target ≥ 100,000); the worker alone drains ${fmt(med(alone))} events/s.`,
      `Enqueue alone took ${median(ours.map((o) => o.enqueueSeconds)).toFixed(2)} s (median): the producer is the bottleneck end to end.`,
      'Time runs from the first line read until both queues are empty (every batch applied, every sample recorded).',
      '<!-- bench:pipeline:end -->',
    ].join('\n');
    const file = join(ROOT, 'BENCHMARKS.md');
    let text = await readFile(file, 'utf8').catch(() => "# Benchmarks\n\nFigures measured on this project's machine; each section says how to regenerate it.\n");
    const re = /<!-- bench:pipeline:start -->[\s\S]*<!-- bench:pipeline:end -->/;
    text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`;
    await writeFile(file, text);
    process.stdout.write(`${section}\n`);
  } finally {
    await redis.quit();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
