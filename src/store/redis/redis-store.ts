import { readFileSync } from 'node:fs';
import type { BatchDeltas } from '../../pipeline/batch-deltas.js';
import type { AggregationStore } from '../aggregation-store.js';
import type { RawLabelRecord } from '../raw-label-record.js';
import type { RedisClient } from './redis-connection.js';
import { redisKeys, type RedisKeys } from './redis-keys.js';

const APPLY_DELTAS_LUA = readFileSync(new URL('./lua/apply-deltas.lua', import.meta.url), 'utf8');
const DAY_S = 86_400;

export interface RedisStoreOptions {
  client: RedisClient;
  prefix: string;
  dedupTtlDays: number;
  labelRetentionDays: number;
}

type ApplyFn = (numKeys: number, ...args: Array<string | number>) => Promise<number>;

/** Translate deltas into the apply-deltas script's KEYS/ARGV. */
function encodeDeltas(keys: RedisKeys, deltas: BatchDeltas, extra: { raw?: { key: string; ttl: number; value: string } } = {}) {
  const keyList: string[] = [];
  const keyIndex = new Map<string, number>();
  const idx = (key: string) => {
    let i = keyIndex.get(key);
    if (i === undefined) {
      keyList.push(key);
      i = keyList.length + 1; // KEYS[1] is the marker
      keyIndex.set(key, i);
    }
    return i;
  };
  const argv: Array<string | number> = [];
  const scopes: string[] = [];
  for (const [scope, fields] of deltas.counters) {
    if (fields.size === 0) continue;
    scopes.push(scope);
    argv.push('h', idx(keys.counters(scope)), fields.size);
    for (const [f, v] of fields) argv.push(f, v);
  }
  if (scopes.length) argv.push('s', idx(keys.scopesIndex()), scopes.length, ...scopes);
  // Each set's elements travel once, with the keys of the sets that are unions of it (week and month sets of a
  // day set): the script adds them to every one of those keys. Fixed-width ASCII elements (the keyed user hashes)
  // travel packed in one string, which costs the client and the server far less than one argument each.
  const targetsOf = new Map<string, string[]>();
  for (const [target, sources] of deltas.unions) {
    for (const source of sources) {
      let t = targetsOf.get(source);
      if (!t) targetsOf.set(source, (t = []));
      t.push(target);
    }
  }
  const names = new Set<string>();
  for (const [name, elems] of deltas.distinct) {
    if (elems.size === 0) continue;
    const setNames = [name, ...(targetsOf.get(name) ?? [])];
    for (const n of setNames) names.add(n);
    const keyIdx = setNames.map((n) => idx(keys.distinct(n)));
    const packed = packFixedWidth(elems);
    if (packed) argv.push('P', keyIdx.length, ...keyIdx, packed.width, packed.text);
    else for (const k of keyIdx) argv.push('p', k, elems.size, ...elems);
  }
  if (names.size) argv.push('s', idx(keys.distinctIndex()), names.size, ...names);
  if (extra.raw) argv.push('l', idx(extra.raw.key), extra.raw.ttl, extra.raw.value);
  return { keyList, argv };
}

/** The elements joined into one string when all are ASCII of one length (so the script can cut it), else null. */
function packFixedWidth(elems: Set<string>): { width: number; text: string } | null {
  let width = -1;
  for (const e of elems) {
    if (width === -1) width = e.length;
    else if (e.length !== width) return null;
  }
  if (width <= 0) return null;
  const text = [...elems].join('');
  // Byte length equal to character length: every character is ASCII, so byte offsets are character offsets.
  return Buffer.byteLength(text) === text.length ? { width, text } : null;
}

export function createRedisStore(options: RedisStoreOptions): AggregationStore {
  const { client } = options;
  const keys = redisKeys(options.prefix);
  client.defineCommand('pcApplyDeltas', { lua: APPLY_DELTAS_LUA });
  const apply = (client as unknown as { pcApplyDeltas: ApplyFn }).pcApplyDeltas.bind(client);
  const dedupTtl = options.dedupTtlDays * DAY_S;
  const labelTtl = options.labelRetentionDays * DAY_S;

  const run = async (marker: string, deltas: BatchDeltas, extra: Parameters<typeof encodeDeltas>[2] = {}) => {
    const { keyList, argv } = encodeDeltas(keys, deltas, extra);
    const r = await apply(1 + keyList.length, marker, ...keyList, dedupTtl, ...argv);
    return r === 1;
  };

  return {
    kind: 'redis',
    applyBatch: (batchId, deltas) => run(keys.batchMarker(batchId), deltas),
    async applySample(sampleId, deltas, raw) {
      const extra = raw ? { raw: { key: keys.labels(raw.week), ttl: labelTtl, value: JSON.stringify(raw) } } : {};
      if (raw) {
        // Record the week in the labels index inside the same atomic write.
        const withIndex: BatchDeltas = { counters: deltas.counters, distinct: deltas.distinct, unions: deltas.unions };
        const { keyList, argv } = encodeDeltas(keys, withIndex, extra);
        const i = keyList.length + 2;
        keyList.push(keys.labelsIndex());
        argv.push('s', i, 1, raw.week);
        const r = await apply(1 + keyList.length, keys.sampleMarker(sampleId), ...keyList, dedupTtl, ...argv);
        return r === 1;
      }
      return run(keys.sampleMarker(sampleId), deltas);
    },
    async isSampleDone(sampleId) {
      return (await client.exists(keys.sampleMarker(sampleId))) === 1;
    },
    async readCounters(select) {
      const scopes = (await client.smembers(keys.scopesIndex())).filter(select).sort();
      const out = new Map<string, Map<string, number>>();
      for (let i = 0; i < scopes.length; i += 200) {
        const chunk = scopes.slice(i, i + 200);
        const pipe = client.pipeline();
        for (const s of chunk) pipe.hgetall(keys.counters(s));
        const res = (await pipe.exec()) ?? [];
        chunk.forEach((s, j) => {
          const [err, h] = res[j] ?? [null, {}];
          if (err) throw err;
          const m = new Map<string, number>();
          for (const [f, v] of Object.entries(h as Record<string, string>)) m.set(f, Number(v));
          if (m.size) out.set(s, m);
        });
      }
      return out;
    },
    async listDistinct(select) {
      return (await client.smembers(keys.distinctIndex())).filter(select).sort();
    },
    async countDistinct(names) {
      if (names.length === 0) return 0;
      let total = 0;
      // PFCOUNT over several keys returns the cardinality of their union.
      total = await client.pfcount(...names.map((n) => keys.distinct(n)));
      return total;
    },
    async *readRawLabels() {
      const weeks = (await client.smembers(keys.labelsIndex())).sort();
      for (const week of weeks) {
        const len = await client.llen(keys.labels(week));
        for (let start = 0; start < len; start += 1000) {
          const items = await client.lrange(keys.labels(week), start, start + 999);
          for (const item of items) yield JSON.parse(item) as RawLabelRecord;
        }
      }
    },
    async replaceCounters(select, deltas) {
      const old = (await client.smembers(keys.scopesIndex())).filter(select);
      const multi = client.multi();
      for (const s of old) multi.del(keys.counters(s));
      if (old.length) multi.srem(keys.scopesIndex(), ...old);
      for (const [scope, fields] of deltas.counters) {
        if (fields.size === 0) continue;
        multi.hset(keys.counters(scope), Object.fromEntries(fields));
        multi.sadd(keys.scopesIndex(), scope);
      }
      await multi.exec();
    },
    async getMeta(key) {
      return client.hget(keys.meta(), key);
    },
    async setMeta(key, value) {
      await client.hset(keys.meta(), key, value);
    },
    async ping() {
      await client.ping();
    },
    async close() {
      // The client is owned by whoever created it.
    },
  };
}
