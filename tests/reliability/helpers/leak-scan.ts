import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from '../../../src/store/redis/redis-connection.js';
import { dumpPrefix } from '../../helpers/test-env.js';
import { countMarkers, findMarkers } from './canary-archive.js';

/**
 * The marker tag of one suite: upper-case letters only, so it cannot occur in a key prefix (lower case), a hash
 * or a number, and is found by a plain substring search.
 */
export function markerTag(suite: string): string {
  return `QZLEAK${suite.toUpperCase().replace(/[^A-Z]/g, '')}X`;
}

export interface LeakScanInput {
  /** The marker tag planted in the prompts and user ids (see markEvent / plantCanaries). */
  tag: string;
  /** Every key and value under this prefix is scanned. */
  redis?: { client: RedisClient; prefix: string };
  /** Further text to scan, by where it came from (worker process output, log lines, HTTP answers, ...). */
  texts?: Record<string, string>;
  /** Further exact strings that must not appear anywhere scanned (e.g. the keyed hashes of planted user ids). */
  forbidden?: readonly string[];
}

export interface LeakScan {
  tag: string;
  /** Marker occurrences found, over every place scanned. */
  leaked: number;
  /** Where markers were found, with a little context (empty when none). */
  hits: Record<string, string[]>;
  /** Every place scanned with its size ("redis: 812 keys", "worker output: 1,234 chars"). */
  scanned: string[];
  /** Keys under the prefix (0 when no Redis was scanned). */
  redisKeys: number;
  /** Each `forbidden` string found, as "<where>: <string>". */
  forbiddenFound: string[];
}

async function countKeys(redis: Redis, prefix: string): Promise<number> {
  let n = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    n += keys.length;
  } while (cursor !== '0');
  return n;
}

/**
 * Scan every Redis key and value under the test's prefix, and every text given, for the marker tag. This is how
 * every reliability suite measures what it reports as "leaked": the count of markers found, which must be 0.
 */
export async function scanForMarkers(input: LeakScanInput): Promise<LeakScan> {
  const places: Array<[string, string, string]> = [];
  let redisKeys = 0;
  if (input.redis) {
    const client = input.redis.client;
    if (client instanceof Cluster) throw new Error('leak scan: SCAN on a Redis Cluster client covers one node only; scan a client per node');
    redisKeys = await countKeys(client, input.redis.prefix);
    const dump = await dumpPrefix(client, input.redis.prefix);
    places.push(['every Redis key and value under the test prefix', dump, `${redisKeys.toLocaleString('en-US')} keys`]);
  }
  for (const [where, text] of Object.entries(input.texts ?? {})) {
    places.push([where, text, `${text.length.toLocaleString('en-US')} chars`]);
  }
  const hits: Record<string, string[]> = {};
  let leaked = 0;
  for (const [where, text] of places) {
    const n = countMarkers(text, input.tag);
    if (n > 0) {
      leaked += n;
      hits[where] = findMarkers(text, input.tag);
    }
  }
  const forbiddenFound = places.flatMap(([where, text]) => (input.forbidden ?? []).filter((f) => text.includes(f)).map((f) => `${where}: ${f}`));
  return { tag: input.tag, leaked, hits, scanned: places.map(([where, , size]) => `${where} (${size})`), redisKeys, forbiddenFound };
}
