import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCounter, addDistinct, addUnion, emptyDeltas, type BatchDeltas } from '../../src/pipeline/batch-deltas.js';
import { FIELD_SEP } from '../../src/pipeline/rollup-fields.js';
import type { AggregationStore } from '../../src/store/aggregation-store.js';
import type { RawLabelRecord } from '../../src/store/raw-label-record.js';

export interface StoreUnderTest {
  /** The store the suite uses; the suite never closes it (cleanup does). */
  store: AggregationStore;
  /** Another store instance on the same data (as a second worker process would open); closed by cleanup. */
  another(): Promise<AggregationStore>;
  /** Close every instance and delete everything the store wrote. */
  cleanup(): Promise<void>;
}

/**
 * The contract every store kind passes. `setup` is called once per file; tests isolate themselves by writing
 * only scopes, sets, weeks and meta keys under their own random tag, and read back through `select` predicates.
 */
export function storeContract(name: string, setup: () => Promise<StoreUnderTest>): void {
  describe(`store contract: ${name}`, () => {
    let t: StoreUnderTest;
    let store: AggregationStore;

    beforeAll(async () => {
      t = await setup();
      store = t.store;
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    /** A fresh namespace for one test. */
    const tag = () => `t${randomBytes(4).toString('hex')}`;
    const under = (prefix: string) => (s: string) => s.startsWith(prefix);
    const deltasOf = (counters: Record<string, Record<string, number>>, distinct: Record<string, string[]> = {}): BatchDeltas => {
      const d = emptyDeltas();
      for (const [scope, fields] of Object.entries(counters)) for (const [f, v] of Object.entries(fields)) addCounter(d, scope, f, v);
      for (const [n, elems] of Object.entries(distinct)) for (const e of elems) addDistinct(d, n, e);
      return d;
    };
    const plain = (m: Map<string, Map<string, number>>) =>
      Object.fromEntries([...m].map(([s, f]) => [s, Object.fromEntries([...f].sort(([a], [b]) => (a < b ? -1 : 1)))]));
    const userHash = (i: number) => createHmac('sha256', 'contract-key').update(`user-${i}`).digest('hex');
    const rawLabel = (week: string, n: number): RawLabelRecord => ({
      week,
      day: '2025-06-03',
      kind: 'local',
      classifier: 'local/2026.11.1',
      labels: [
        { name: '/Computers & Electronics/Programming', confidence: 0.9 },
        { name: '/Science/Mathematics', confidence: 0.123456789 },
      ],
      languageCode: 'en',
      languageSupported: true,
      model: `openai/gpt-4o-${n}`,
      provider: 'OpenAI',
      promptTokens: 100 + n,
      completionTokens: 20,
      costNano: 1_500_000,
    });
    const labelsOfWeek = async (week: string) => {
      const out: RawLabelRecord[] = [];
      for await (const r of store.readRawLabels()) if (r.week === week) out.push(r);
      return out;
    };

    it('reports its kind and answers ping', async () => {
      expect(store.kind).toBe(name);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('applyBatch applies a batch once: a second call with the same id returns false and changes nothing', async () => {
      const p = tag();
      const d = deltasOf({ [`${p}:w`]: { req: 3, pt: 300 }, [`${p}:d`]: { req: 3 } }, { [`${p}:u`]: ['a', 'b'] });
      expect(await store.applyBatch(`${p}-b1`, d)).toBe(true);
      const once = plain(await store.readCounters(under(p)));
      expect(once).toEqual({ [`${p}:d`]: { req: 3 }, [`${p}:w`]: { pt: 300, req: 3 } });
      expect(await store.countDistinct([`${p}:u`])).toBe(2);

      expect(await store.applyBatch(`${p}-b1`, d)).toBe(false);
      expect(await store.applyBatch(`${p}-b1`, deltasOf({ [`${p}:w`]: { req: 1000 } }))).toBe(false);
      expect(plain(await store.readCounters(under(p)))).toEqual(once);

      expect(await store.applyBatch(`${p}-b2`, d)).toBe(true);
      expect(plain(await store.readCounters(under(p)))).toEqual({ [`${p}:d`]: { req: 6 }, [`${p}:w`]: { pt: 600, req: 6 } });
      expect(await store.countDistinct([`${p}:u`])).toBe(2);
    });

    it('concurrent duplicate applyBatch calls (two instances) apply once; concurrent distinct batches lose nothing', async () => {
      const p = tag();
      const other = await t.another();
      const d = deltasOf({ [`${p}:w`]: { req: 1, tok: 10 } }, { [`${p}:u`]: ['x'] });
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? other : store).applyBatch(`${p}-dup`, d)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(plain(await store.readCounters(under(p)))).toEqual({ [`${p}:w`]: { req: 1, tok: 10 } });

      // 20 different batches touching the same fields at once: every increment lands.
      const many = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? other : store).applyBatch(
            `${p}-many-${i}`,
            deltasOf({ [`${p}:w`]: { req: 1, tok: i }, [`${p}:s${i % 3}`]: { n: 1 } }, { [`${p}:u`]: [`e${i}`] }),
          ),
        ),
      );
      expect(many.every(Boolean)).toBe(true);
      const after = plain(await other.readCounters(under(p)));
      expect(after[`${p}:w`]).toEqual({ req: 21, tok: 10 + (19 * 20) / 2 });
      expect(after[`${p}:s0`]).toEqual({ n: 7 });
      expect(after[`${p}:s1`]).toEqual({ n: 7 });
      expect(after[`${p}:s2`]).toEqual({ n: 6 });
      expect(await store.countDistinct([`${p}:u`])).toBe(21);
    });

    it('applySample records a sample once, with its raw labels readable for rebucketing', async () => {
      const p = tag();
      const week = `${p}-W23`;
      const raw = rawLabel(week, 1);
      const d = deltasOf({ [`${p}${FIELD_SEP}k`]: { [`o${FIELD_SEP}classified`]: 1 } });
      expect(await store.isSampleDone(`${p}-s1`)).toBe(false);
      expect(await store.applySample(`${p}-s1`, d, raw)).toBe(true);
      expect(await store.isSampleDone(`${p}-s1`)).toBe(true);
      expect(await store.applySample(`${p}-s1`, d, raw)).toBe(false);
      expect(await labelsOfWeek(week)).toEqual([raw]);
      expect(plain(await store.readCounters(under(p)))).toEqual({ [`${p}${FIELD_SEP}k`]: { [`o${FIELD_SEP}classified`]: 1 } });

      // Without raw labels (a failed sample): counted once, no label record.
      const failed = deltasOf({ [`${p}${FIELD_SEP}q`]: { [`o${FIELD_SEP}error`]: 1 } });
      expect(await store.applySample(`${p}-s2`, failed, null)).toBe(true);
      expect(await store.applySample(`${p}-s2`, failed, null)).toBe(false);
      expect(await store.isSampleDone(`${p}-s2`)).toBe(true);
      expect(await labelsOfWeek(week)).toHaveLength(1);

      // Batch and sample ids live apart: a batch with a sample's id is still applied.
      expect(await store.applyBatch(`${p}-s1`, deltasOf({ [`${p}:w`]: { req: 1 } }))).toBe(true);

      // Many labels, concurrently, each kept exactly once and in full.
      const more = Array.from({ length: 30 }, (_, i) => rawLabel(week, i + 2));
      await Promise.all(more.map((r, i) => store.applySample(`${p}-m${i}`, emptyDeltas(), r)));
      await Promise.all(more.map((r, i) => store.applySample(`${p}-m${i}`, emptyDeltas(), r)));
      const got = await labelsOfWeek(week);
      expect(got).toHaveLength(31);
      const byModel = (a: RawLabelRecord, b: RawLabelRecord) => (a.model < b.model ? -1 : 1);
      expect([...got].sort(byModel)).toEqual([raw, ...more].sort(byModel));
    });

    it('readCounters returns exactly the scopes select picks, with numeric values', async () => {
      const p = tag();
      await store.applyBatch(
        `${p}-b`,
        deltasOf({ [`${p}:w:1`]: { a: 1 }, [`${p}:w:2`]: { a: 2, b: -5 }, [`${p}:d:1`]: { a: 3 }, [`${p}x`]: { a: 4 } }),
      );
      const w = await store.readCounters(under(`${p}:w:`));
      expect(plain(w)).toEqual({ [`${p}:w:1`]: { a: 1 }, [`${p}:w:2`]: { a: 2, b: -5 } });
      expect(typeof w.get(`${p}:w:1`)!.get('a')).toBe('number');
      expect([...(await store.readCounters(under(p))).keys()].sort()).toEqual([`${p}:d:1`, `${p}:w:1`, `${p}:w:2`, `${p}x`].sort());
      expect((await store.readCounters(() => false)).size).toBe(0);
      // Large values stay exact.
      await store.applyBatch(`${p}-big1`, deltasOf({ [`${p}:big`]: { v: 2 ** 50 } }));
      await store.applyBatch(`${p}-big2`, deltasOf({ [`${p}:big`]: { v: 2 ** 50 + 7 } }));
      expect((await store.readCounters(under(`${p}:big`))).get(`${p}:big`)!.get('v')).toBe(2 ** 51 + 7);
    });

    it('listDistinct/countDistinct: names by select, union cardinality within 2% on 20,000 elements', async () => {
      const p = tag();
      expect(await store.countDistinct([])).toBe(0);
      expect(await store.countDistinct([`${p}:none`])).toBe(0);
      // Three overlapping sets: a = 0..9,999, b = 5,000..14,999, c = 12,000..19,999 → union 20,000.
      const sets: Record<string, [number, number]> = { a: [0, 10_000], b: [5_000, 15_000], c: [12_000, 20_000] };
      let i = 0;
      for (const [n, [from, to]] of Object.entries(sets)) {
        for (let start = from; start < to; start += 2_500) {
          const d = emptyDeltas();
          for (let u = start; u < Math.min(start + 2_500, to); u++) addDistinct(d, `${p}:${n}`, userHash(u));
          expect(await store.applyBatch(`${p}-h${i++}`, d)).toBe(true);
        }
      }
      expect(await store.listDistinct(under(p))).toEqual([`${p}:a`, `${p}:b`, `${p}:c`]);
      expect(await store.listDistinct(under(`${p}:b`))).toEqual([`${p}:b`]);
      const within = (got: number, want: number) => expect(Math.abs(got - want) / want).toBeLessThan(0.02);
      within(await store.countDistinct([`${p}:a`]), 10_000);
      within(await store.countDistinct([`${p}:a`, `${p}:b`]), 15_000);
      const union = await store.countDistinct([`${p}:a`, `${p}:b`, `${p}:c`]);
      within(union, 20_000);
      // Unknown names add nothing; adding the same elements again changes nothing.
      expect(await store.countDistinct([`${p}:a`, `${p}:b`, `${p}:c`, `${p}:none`])).toBe(union);
      const again = emptyDeltas();
      for (let u = 0; u < 20_000; u += 7) addDistinct(again, `${p}:c`, userHash(u));
      await store.applyBatch(`${p}-again`, again);
      expect(await store.countDistinct([`${p}:a`, `${p}:b`, `${p}:c`])).toBe(union);
      // Small sets are (nearly) exact.
      const small = emptyDeltas();
      for (let u = 0; u < 10; u++) addDistinct(small, `${p}:small`, userHash(100_000 + u));
      await store.applyBatch(`${p}-small`, small);
      expect(await store.countDistinct([`${p}:small`])).toBe(10);
    });

    it('unions: a target counts exactly what adding its sources\' elements to it would count, across batches', async () => {
      const p = tag();
      // Two "days" of 3,000 users each, 1,000 shared, each merged into one "week"; a direct set gets the same adds.
      const days: Array<[string, number, number]> = [[`${p}:day1`, 0, 3_000], [`${p}:day2`, 2_000, 5_000]];
      let i = 0;
      for (const [day, from, to] of days) {
        for (let start = from; start < to; start += 1_000) {
          const d = emptyDeltas();
          for (let u = start; u < start + 1_000; u++) {
            addDistinct(d, day, userHash(u));
            addDistinct(d, `${p}:direct`, userHash(u));
          }
          addUnion(d, `${p}:week`, day);
          expect(await store.applyBatch(`${p}-u${i++}`, d)).toBe(true);
        }
      }
      // The same batch again changes nothing; a union of a source without new elements adds nothing.
      const replay = emptyDeltas();
      addDistinct(replay, `${p}:day1`, userHash(1));
      addUnion(replay, `${p}:week`, `${p}:day1`);
      await store.applyBatch(`${p}-u0`, replay);
      expect(await store.listDistinct(under(p))).toEqual([`${p}:day1`, `${p}:day2`, `${p}:direct`, `${p}:week`]);
      expect(await store.listDistinct(under(`${p}:week`))).toEqual([`${p}:week`]);
      const week = await store.countDistinct([`${p}:week`]);
      expect(week).toBe(await store.countDistinct([`${p}:direct`]));
      expect(Math.abs(week - 5_000) / 5_000).toBeLessThan(0.02);
      expect(await store.countDistinct([`${p}:week`, `${p}:day1`, `${p}:day2`])).toBe(week);
      // Elements of mixed lengths, and non-ASCII ones of one length, reach the target too.
      for (const [j, elems] of [['a', 'bb', 'ccc'], ['é1', 'é2', 'ü3']].entries()) {
        const d = emptyDeltas();
        for (const e of elems) addDistinct(d, `${p}:odd${j}`, e);
        addUnion(d, `${p}:oddweek`, `${p}:odd${j}`);
        await store.applyBatch(`${p}-odd${j}`, d);
      }
      expect(await store.countDistinct([`${p}:odd0`])).toBe(3);
      expect(await store.countDistinct([`${p}:odd1`])).toBe(3);
      expect(await store.countDistinct([`${p}:oddweek`])).toBe(6);
    });

    it('replaceCounters drops every selected scope, writes the new ones, and leaves the rest alone', async () => {
      const p = tag();
      const view = `${p}:k:v1:`;
      await store.applyBatch(
        `${p}-b`,
        deltasOf({ [`${view}W1`]: { a: 5, b: 1 }, [`${view}W2`]: { a: 7 }, [`${p}:k:v2:W1`]: { a: 9 }, [`${p}:w:W1`]: { req: 3 } }),
      );
      // W2 has no replacement: it must disappear. W1 gets new values (written, not added). W3 is new.
      const fresh = deltasOf({ [`${view}W1`]: { a: 1 }, [`${view}W3`]: { c: 2 } });
      const other = await t.another();
      // Counter writes to other scopes racing the replace all land.
      const racing = Array.from({ length: 10 }, (_, i) => other.applyBatch(`${p}-race-${i}`, deltasOf({ [`${p}:w:W1`]: { req: 1 } })));
      await Promise.all([store.replaceCounters(under(view), fresh), ...racing]);
      expect(plain(await store.readCounters(under(p)))).toEqual({
        [`${view}W1`]: { a: 1 },
        [`${view}W3`]: { c: 2 },
        [`${p}:k:v2:W1`]: { a: 9 },
        [`${p}:w:W1`]: { req: 13 },
      });
      // Replacing again with the same deltas gives the same figures (rebucket twice = once).
      await store.replaceCounters(under(view), fresh);
      expect(plain(await store.readCounters(under(view)))).toEqual({ [`${view}W1`]: { a: 1 }, [`${view}W3`]: { c: 2 } });
      // Replacing with nothing empties the selection.
      await store.replaceCounters(under(view), emptyDeltas());
      expect((await store.readCounters(under(view))).size).toBe(0);
      expect(plain(await store.readCounters(under(`${p}:k:v2`)))).toEqual({ [`${p}:k:v2:W1`]: { a: 9 } });
    });

    it('meta: unknown keys read null, values are stored and overwritten exactly', async () => {
      const p = tag();
      expect(await store.getMeta(`${p}:nothing`)).toBeNull();
      await store.setMeta(`${p}:view`, 'mapping-2026.1@0.5');
      expect(await store.getMeta(`${p}:view`)).toBe('mapping-2026.1@0.5');
      const json = JSON.stringify({ view: 'x', samples: 12, note: 'é "quoted" \\ ␟' });
      await store.setMeta(`${p}:view`, json);
      expect(await store.getMeta(`${p}:view`)).toBe(json);
      await store.setMeta(`${p}:empty`, '');
      expect(await store.getMeta(`${p}:empty`)).toBe('');
      expect(await (await t.another()).getMeta(`${p}:view`)).toBe(json);
    });

    it('large batches: 5,000 fields in one batch are applied whole and read back exactly', async () => {
      const p = tag();
      const d = emptyDeltas();
      for (let i = 0; i < 5_000; i++) addCounter(d, `${p}:s${i % 50}`, `m${FIELD_SEP}model-${i}${FIELD_SEP}req`, i + 1);
      for (let i = 0; i < 3_000; i++) addDistinct(d, `${p}:u${i % 3}`, userHash(i));
      expect(await store.applyBatch(`${p}-big`, d)).toBe(true);
      expect(await store.applyBatch(`${p}-big`, d)).toBe(false);
      const got = await store.readCounters(under(p));
      expect(got.size).toBe(50);
      let fields = 0;
      let sum = 0;
      for (const m of got.values()) for (const v of m.values()) (fields++, (sum += v));
      expect(fields).toBe(5_000);
      expect(sum).toBe((5_000 * 5_001) / 2);
      expect(got.get(`${p}:s7`)!.get(`m${FIELD_SEP}model-4957${FIELD_SEP}req`)).toBe(4958);
      const users = await store.countDistinct([`${p}:u0`, `${p}:u1`, `${p}:u2`]);
      expect(Math.abs(users - 3_000) / 3_000).toBeLessThan(0.02);
    });

    it('keeps scopes, fields, set names, meta keys and labels with separators, quotes, glob/LIKE characters and unicode', async () => {
      const p = tag();
      const weird = [
        `m${FIELD_SEP}anthropic/claude "3.5" sonnet${FIELD_SEP}O'Reilly${FIELD_SEP}req`,
        `c${FIELD_SEP}${FIELD_SEP}tok`,
        'back\\slash',
        '%_*?[]{}:',
        '漢字 😀 émoji',
        ' leading and trailing ',
        '',
      ];
      const scope = `${p}${FIELD_SEP}k${FIELD_SEP}2025-W23${FIELD_SEP}loc'al/1${FIELD_SEP}map"@0.5 😀`;
      const counters: Record<string, number> = {};
      weird.forEach((f, i) => (counters[f] = i + 1));
      const setName = `${p}${FIELD_SEP}wm${FIELD_SEP}2025-W23${FIELD_SEP}mod'el "x" %_*`;
      expect(await store.applyBatch(`${p}-b'"${FIELD_SEP}😀`, deltasOf({ [scope]: counters }, { [setName]: ['u1', 'u2', 'u3'] }))).toBe(true);
      expect(await store.applyBatch(`${p}-b'"${FIELD_SEP}😀`, deltasOf({ [scope]: counters }))).toBe(false);
      expect(plain(await store.readCounters(under(p)))).toEqual(plain(new Map([[scope, new Map(Object.entries(counters))]])));
      // A selection by the exact weird scope works (no pattern interpretation).
      expect((await store.readCounters((s) => s === scope)).get(scope)!.get('%_*?[]{}:')).toBe(4);
      expect(await store.listDistinct(under(p))).toEqual([setName]);
      expect(await store.countDistinct([setName])).toBe(3);
      await store.setMeta(`${p}:k'"${FIELD_SEP}😀`, 'v😀');
      expect(await store.getMeta(`${p}:k'"${FIELD_SEP}😀`)).toBe('v😀');
      const week = `${p}-W'"😀`;
      const raw = { ...rawLabel(week, 1), model: `mo"del'${FIELD_SEP}😀`, labels: [{ name: '/Arts & Entertainment/"Quotes" \\ 漢字', confidence: 0.5 }] };
      expect(await store.applySample(`${p}-s'"😀`, emptyDeltas(), raw)).toBe(true);
      expect(await store.isSampleDone(`${p}-s'"😀`)).toBe(true);
      expect(await labelsOfWeek(week)).toEqual([raw]);
    });
  });
}
