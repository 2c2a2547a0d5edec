/**
 * Size knobs of the reliability suites. `RELIABILITY_SCALE=full` (set by `npm run test:reliability`) runs the
 * sizes the issue asks for; anything else (the normal `npm test`, CI) runs the short version of every suite.
 */
export type ReliabilityScale = 'ci' | 'full';

export interface ReliabilitySizes {
  scale: ReliabilityScale;
  /** Events replayed while workers are killed. */
  chaosEvents: number;
  /** SIGKILLs per chaos run (at least). */
  chaosKills: number;
  /** Events per Redis-fault run. */
  redisFaultEvents: number;
  /** Connection kills (CLIENT KILL) and pauses (SIGSTOP/SIGCONT) per Redis-fault run. */
  redisKills: number;
  redisPauses: number;
  /** Events per classifier-fault run (sampling rate 1/faultSampleEvery of them are classified). */
  classifierEvents: number;
  /** Events sent over HTTP while a worker shuts down. */
  shutdownEvents: number;
  /** Events in the canary run. */
  canaryEvents: number;
  /** Batches left waiting while the worker's memory is measured. */
  backlogBatches: number;
  /** Test timeout for the long tests. */
  timeoutMs: number;
}

const SIZES: Record<ReliabilityScale, ReliabilitySizes> = {
  ci: {
    scale: 'ci',
    chaosEvents: 30_000,
    chaosKills: 3,
    redisFaultEvents: 20_000,
    redisKills: 2,
    redisPauses: 1,
    classifierEvents: 4_000,
    shutdownEvents: 5_000,
    canaryEvents: 2_000,
    backlogBatches: 200,
    timeoutMs: 120_000,
  },
  full: {
    scale: 'full',
    chaosEvents: 200_000,
    chaosKills: 10,
    redisFaultEvents: 100_000,
    redisKills: 6,
    redisPauses: 3,
    classifierEvents: 20_000,
    shutdownEvents: 30_000,
    canaryEvents: 10_000,
    backlogBatches: 2_000,
    timeoutMs: 900_000,
  },
};

export function reliabilitySizes(env: NodeJS.ProcessEnv = process.env): ReliabilitySizes {
  const raw = (env.RELIABILITY_SCALE ?? 'ci').toLowerCase();
  if (raw !== 'ci' && raw !== 'full') {
    throw new Error(`RELIABILITY_SCALE must be "ci" or "full", got "${env.RELIABILITY_SCALE}".`);
  }
  return SIZES[raw];
}
