import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { openArchiveSink } from './archive-sink.js';
import { EventFactory } from './event-factory.js';
import { GroundTruthTally, type GroundTruth } from './ground-truth.js';
import { deriveKey } from './scramble-index.js';
import { createSeededRandom } from './seeded-random.js';
import { DEFAULT_CONSENT_DENIED_SHARE, DEFAULT_CONSENT_GRANTED_SHARE, WEEKLY_VOLUME_GROWTH } from './study-shares.js';
import { buildTrafficPlan } from './traffic-plan.js';
import { EVENTS_PER_USER, UserPool } from './user-pool.js';
import { WeekClock } from './week-clock.js';

export type { GroundTruth, UsageTotals } from './ground-truth.js';

export interface GenerateOptions {
  /** Number of events to write (exactly). */
  events: number;
  /** Weeks the archive spans; default 8. */
  weeks?: number;
  /** PRNG seed, an integer in [0, 2^32); default 1. The same seed gives the same bytes. */
  seed?: number;
  /** ISO date (YYYY-MM-DD) of the first Monday; default '2025-06-02'. */
  start?: string;
  /** Output file; NDJSON, gzip-compressed when the name ends in `.gz`. */
  out: string;
  /** Where to write the ground-truth JSON, if anywhere. */
  truthOut?: string;
  /** Share of events carrying `consent: "denied"`; default 0.01. */
  consentDeniedShare?: number;
  /** Share of events carrying `consent: "granted"`; default 0.02. */
  consentGrantedShare?: number;
}

export interface GenerateSummary {
  events: number;
  /** Bytes in the output file (compressed size for `.gz`). */
  bytes: number;
  out: string;
  truth: GroundTruth;
}

export const DEFAULT_WEEKS = 8;
export const DEFAULT_SEED = 1;
export const DEFAULT_START = '2025-06-02';
/** Lines are joined into chunks of about this many characters before each stream write. */
const CHUNK_CHARS = 256 * 1024;

/**
 * Write a synthetic archive whose mix of models, categories, token sizes, users and countries follows
 * the study's published shares (see study-shares.ts, model-catalog.ts, token-shapes.ts). Events are
 * produced one at a time in createdAt order and streamed to disk with backpressure, so memory does not
 * grow with `events`. No clock and no Math.random are used: the same options give the same bytes.
 */
export async function generateArchive(options: GenerateOptions): Promise<GenerateSummary> {
  const o = validateOptions(options);
  const startMs = Date.parse(`${o.start}T00:00:00Z`);
  const plans = buildTrafficPlan(startMs, o.weeks);
  const users = new UserPool(createSeededRandom(deriveKey(o.seed, 'users')), Math.max(1, Math.ceil(o.events / EVENTS_PER_USER)), plans, deriveKey(o.seed, 'user-ids'));
  const factory = new EventFactory(createSeededRandom(deriveKey(o.seed, 'events')), plans, users, {
    seed: o.seed,
    eventKey: deriveKey(o.seed, 'event-ids'),
    consentDeniedShare: o.consentDeniedShare,
    consentGrantedShare: o.consentGrantedShare,
  });
  const clockRandom = createSeededRandom(deriveKey(o.seed, 'clock'));
  const truth = new GroundTruthTally();

  const sink = await openArchiveSink(o.out);
  let bytes: number;
  try {
    let n = 0;
    let chunk = '';
    for (const [week, count] of eventsPerWeek(o.events, o.weeks).entries()) {
      const clock = new WeekClock(plans[week]!.startMs, count);
      for (let i = 0; i < count; i++, n++) {
        const { event, category } = factory.create(n, week, clock.next(clockRandom));
        truth.add(category, event.model, event.usage, event.costUsd);
        chunk += JSON.stringify(event) + '\n';
        if (chunk.length >= CHUNK_CHARS) {
          await sink.write(chunk);
          chunk = '';
        }
      }
    }
    if (chunk) await sink.write(chunk);
  } finally {
    bytes = await sink.close();
  }

  const result = truth.result();
  if (o.truthOut) {
    await mkdir(dirname(o.truthOut), { recursive: true });
    await writeFile(o.truthOut, JSON.stringify(result, null, 2) + '\n');
  }
  return { events: o.events, bytes, out: o.out, truth: result };
}

/** Split `events` over `weeks`, growing WEEKLY_VOLUME_GROWTH a week (largest-remainder rounding). */
export function eventsPerWeek(events: number, weeks: number): number[] {
  const weights = Array.from({ length: weeks }, (_, w) => Math.pow(WEEKLY_VOLUME_GROWTH, w));
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (events * w) / total);
  const counts = exact.map(Math.floor);
  let missing = events - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    counts[i]! += 1;
    missing--;
  }
  return counts;
}

type ValidOptions = Required<Omit<GenerateOptions, 'truthOut'>> & { truthOut?: string };

function validateOptions(options: GenerateOptions): ValidOptions {
  const o = {
    events: options.events,
    weeks: options.weeks ?? DEFAULT_WEEKS,
    seed: options.seed ?? DEFAULT_SEED,
    start: options.start ?? DEFAULT_START,
    out: options.out,
    truthOut: options.truthOut,
    consentDeniedShare: options.consentDeniedShare ?? DEFAULT_CONSENT_DENIED_SHARE,
    consentGrantedShare: options.consentGrantedShare ?? DEFAULT_CONSENT_GRANTED_SHARE,
  };
  if (!Number.isSafeInteger(o.events) || o.events < 0) {
    throw new Error(`The number of events must be a whole number of zero or more (got ${String(o.events)}).`);
  }
  if (!Number.isSafeInteger(o.weeks) || o.weeks < 1 || o.weeks > 520) {
    throw new Error(`The number of weeks must be a whole number from 1 to 520 (got ${String(o.weeks)}).`);
  }
  if (!Number.isSafeInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) {
    throw new Error(`The seed must be a whole number from 0 to 4294967295 (got ${String(o.seed)}).`);
  }
  const startMs = /^\d{4}-\d{2}-\d{2}$/.test(o.start) ? Date.parse(`${o.start}T00:00:00Z`) : NaN;
  if (!Number.isFinite(startMs)) {
    throw new Error(`The start date must be an ISO date like 2025-06-02 (got "${o.start}").`);
  }
  if (new Date(startMs).getUTCDay() !== 1) {
    throw new Error(`The start date must be a Monday, because weeks run Monday to Sunday (got ${o.start}).`);
  }
  if (typeof o.out !== 'string' || o.out.length === 0) {
    throw new Error('The output path is empty; pass the file to write, e.g. archive.ndjson.gz.');
  }
  for (const [name, v] of [['consentDeniedShare', o.consentDeniedShare], ['consentGrantedShare', o.consentGrantedShare]] as const) {
    if (!(v >= 0 && v <= 1)) throw new Error(`${name} must be a share between 0 and 1 (got ${String(v)}).`);
  }
  if (o.consentDeniedShare + o.consentGrantedShare > 1) {
    throw new Error('consentDeniedShare and consentGrantedShare together must not exceed 1.');
  }
  return o;
}
