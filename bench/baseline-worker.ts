/**
 * Baseline consumer for `npm run bench`: a BullMQ worker that does nothing with each job (one job per event).
 * Usage: tsx bench/baseline-worker.ts <redisUrl> <prefix> <concurrency>
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

const [url = 'redis://127.0.0.1:6379', prefix = 'pc-bench-base', concurrency = '50'] = process.argv.slice(2);
const connection = new Redis(url, { maxRetriesPerRequest: null });
const worker = new Worker('baseline', async () => undefined, {
  connection,
  prefix,
  concurrency: Number(concurrency),
  removeOnComplete: { count: 0 },
});
await worker.waitUntilReady();
process.stdout.write('baseline worker ready\n');
const stop = async () => {
  await worker.close();
  await connection.quit();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
