import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEventLine } from '../../../src/event/parse-event.js';
import { eventsPerWeek, generateArchive, type GenerateSummary } from '../../../src/generate/generate-archive.js';
import { MODEL_CATALOG } from '../../../src/generate/model-catalog.js';
import { CATEGORY_IDS, SOURCE_TOKEN_SHARE } from '../../../src/generate/study-shares.js';
import { buildTrafficPlan, WEEK_MS } from '../../../src/generate/traffic-plan.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prompt-census-generate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256 = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');
const readLines = async (path: string) => {
  const raw = await readFile(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  return text.split('\n').slice(0, -1);
};

describe('generateArchive determinism', () => {
  it('writes identical bytes for the same seed, plain and gzip', async () => {
    for (const name of ['a.ndjson', 'a.ndjson.gz']) {
      const first = join(dir, `1-${name}`);
      const second = join(dir, `2-${name}`);
      const s1 = await generateArchive({ events: 3000, seed: 42, out: first });
      const s2 = await generateArchive({ events: 3000, seed: 42, out: second });
      expect(await sha256(first)).toBe(await sha256(second));
      expect(s1.bytes).toBe(s2.bytes);
      expect(s1.truth).toEqual(s2.truth);
    }
  });

  it('writes different bytes for a different seed', async () => {
    const a = join(dir, 'seed-a.ndjson');
    const b = join(dir, 'seed-b.ndjson');
    await generateArchive({ events: 500, seed: 1, out: a });
    await generateArchive({ events: 500, seed: 2, out: b });
    expect(await sha256(a)).not.toBe(await sha256(b));
  });

  it('gzips when the name ends in .gz and reports the file size', async () => {
    const out = join(dir, 'size.ndjson.gz');
    const s = await generateArchive({ events: 400, out });
    const raw = await readFile(out);
    expect(raw[0]).toBe(0x1f);
    expect(raw[1]).toBe(0x8b);
    expect(s.bytes).toBe(raw.length);
    expect(await readLines(out)).toHaveLength(400);
  });
});

describe('generateArchive content', () => {
  const events = 40_000;
  const weeks = 8;
  const start = '2025-06-02';
  let summary: GenerateSummary;
  let lines: string[];
  let parsed: Record<string, any>[];

  beforeAll(async () => {
    const out = join(dir, 'content.ndjson.gz');
    summary = await generateArchive({ events, weeks, seed: 7, start, out, truthOut: join(dir, 'truth', 'content.json') });
    lines = await readLines(out);
    parsed = lines.map((l) => JSON.parse(l));
  });

  it('writes exactly N events, each a valid v1 event with a unique id', () => {
    expect(summary.events).toBe(events);
    expect(lines).toHaveLength(events);
    const invalid = lines.map(parseEventLine).filter((r) => !r.ok);
    expect(invalid).toEqual([]);
    expect(new Set(parsed.map((e) => e.id)).size).toBe(events);
  });

  it('orders events by createdAt inside the window, with more events in later weeks', () => {
    const startMs = Date.parse(`${start}T00:00:00Z`);
    const times = parsed.map((e) => Date.parse(e.createdAt));
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
    expect(times[0]!).toBeGreaterThanOrEqual(startMs);
    expect(times[times.length - 1]!).toBeLessThan(startMs + weeks * WEEK_MS);
    const perWeek = eventsPerWeek(events, weeks);
    const observed = Array.from({ length: weeks }, (_, w) => times.filter((t) => Math.floor((t - startMs) / WEEK_MS) === w).length);
    expect(observed).toEqual(perWeek);
    expect(perWeek[weeks - 1]!).toBeGreaterThan(perWeek[0]!);
  });

  it('writes the ground truth that the file itself adds up to', async () => {
    const truth = summary.truth;
    expect(JSON.parse(await readFile(join(dir, 'truth', 'content.json'), 'utf8'))).toEqual(truth);
    const sum = (pick: (e: Record<string, any>) => number) => parsed.reduce((acc, e) => acc + pick(e), 0);
    expect(truth.events).toBe(events);
    expect(truth.totals.requests).toBe(events);
    expect(truth.totals.promptTokens).toBe(sum((e) => e.usage.promptTokens));
    expect(truth.totals.completionTokens).toBe(sum((e) => e.usage.completionTokens));
    expect(truth.totals.reasoningTokens).toBe(sum((e) => e.usage.reasoningTokens ?? 0));
    expect(truth.totals.cachedTokens).toBe(sum((e) => e.usage.cachedTokens ?? 0));
    expect(truth.totals.costUsd).toBeCloseTo(sum((e) => e.costUsd), 6);
    for (const [model, t] of Object.entries(truth.byModel)) {
      const mine = parsed.filter((e) => e.model === model);
      expect(t.requests).toBe(mine.length);
      expect(t.promptTokens).toBe(mine.reduce((a, e) => a + e.usage.promptTokens, 0));
      expect(t.costUsd).toBeCloseTo(mine.reduce((a, e) => a + e.costUsd, 0), 6);
    }
    expect(Object.values(truth.categories).reduce((a, b) => a + b, 0)).toBe(events);
    expect(Object.keys(truth.categories).sort()).toEqual([...CATEGORY_IDS].sort());
  });

  it('follows the study category shares, with programming rising over the window', () => {
    const plans = buildTrafficPlan(Date.parse(`${start}T00:00:00Z`), weeks);
    const perWeek = eventsPerWeek(events, weeks);
    for (const c of CATEGORY_IDS) {
      const expected = plans.reduce((acc, p, w) => acc + (perWeek[w]! / events) * p.categoryShare[c], 0);
      expect(summary.truth.categories[c]! / events, c).toBeCloseTo(expected, 1);
      expect(Math.abs(summary.truth.categories[c]! / events - expected), c).toBeLessThan(0.015);
    }
    expect(plans[weeks - 1]!.categoryShare.programming).toBeGreaterThan(plans[0]!.categoryShare.programming + 0.03);
    const largest = Object.entries(summary.truth.categories).sort((a, b) => b[1] - a[1]);
    expect(largest[0]![0]).toBe('programming');
    expect(largest[1]![0]).toBe('roleplay');
  });

  it('follows the model request shares and the closed / open token split', () => {
    const plans = buildTrafficPlan(Date.parse(`${start}T00:00:00Z`), weeks);
    const perWeek = eventsPerWeek(events, weeks);
    const expected = new Map<string, number>();
    plans.forEach((p, w) => p.models.forEach((m, i) => expected.set(m.id, (expected.get(m.id) ?? 0) + (perWeek[w]! / events) * p.modelShare[i]!)));
    for (const [id, share] of expected) {
      const observed = (summary.truth.byModel[id]?.requests ?? 0) / events;
      expect(Math.abs(observed - share), id).toBeLessThan(0.01);
    }
    const tokensBySource = new Map<string, number>();
    let all = 0;
    for (const [id, t] of Object.entries(summary.truth.byModel)) {
      const source = MODEL_CATALOG.find((m) => m.id === id)!.source;
      const tokens = t.promptTokens + t.completionTokens + t.reasoningTokens;
      tokensBySource.set(source, (tokensBySource.get(source) ?? 0) + tokens);
      all += tokens;
    }
    for (const [source, share] of Object.entries(SOURCE_TOKEN_SHARE)) {
      expect(Math.abs(tokensBySource.get(source)! / all - share), source).toBeLessThan(0.05);
    }
  });

  it('never routes to a model before its release date', () => {
    const released = new Map(MODEL_CATALOG.map((m) => [m.id, m.releasedOn ? Date.parse(m.releasedOn) : 0]));
    for (const e of parsed) expect(Date.parse(e.createdAt)).toBeGreaterThanOrEqual(released.get(e.model)!);
  });

  it('mixes prompt shapes: strings, chat messages (some with a system message) and content parts with images', () => {
    const shapes = { string: 0, messages: 0, system: 0, parts: 0, long: 0, cjk: 0, emoji: 0 };
    for (const e of parsed) {
      const p = e.prompt;
      if (typeof p === 'string') shapes.string++;
      else {
        shapes.messages++;
        if (p[0].role === 'system') shapes.system++;
        if (p.some((m: any) => Array.isArray(m.content) && m.content.some((part: any) => part.type === 'image_url'))) shapes.parts++;
      }
      const text = JSON.stringify(p);
      if (text.length > 1000) shapes.long++;
      if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text)) shapes.cjk++;
      if (/\p{Extended_Pictographic}/u.test(text)) shapes.emoji++;
    }
    for (const [k, v] of Object.entries(shapes)) expect(v / events, k).toBeGreaterThan(0.005);
    expect(shapes.string / events).toBeGreaterThan(0.3);
    expect(shapes.messages / events).toBeGreaterThan(0.5);
  });

  it('keeps model-specific mixes: roleplay leads DeepSeek V3, programming leads Claude', () => {
    const mix = (model: string) => {
      const counts = new Map<string, number>();
      const mine = parsed.filter((e) => e.model === model);
      // The true category is not in the event; recover it from the prompt grammar's tell-tale shapes.
      for (const e of mine) {
        const text = JSON.stringify(e.prompt);
        const k = /\{\{char\}\}|\*[^*]+\*|stay in character/i.test(text) ? 'roleplay' : /```|<task>|function|SQL/.test(text) ? 'code' : 'other';
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      return (k: string) => (counts.get(k) ?? 0) / mine.length;
    };
    expect(mix('deepseek/deepseek-chat-v3-0324')('roleplay')).toBeGreaterThan(0.4);
    expect(mix('anthropic/claude-sonnet-4')('code')).toBeGreaterThan(0.5);
  });

  it('draws users from a pool of about N/20 and gives billing countries led by the US', () => {
    const users = new Set(parsed.map((e) => e.userId));
    expect(users.size).toBeLessThanOrEqual(events / 20);
    expect(users.size).toBeGreaterThan(events / 80);
    const countries = new Map<string, number>();
    for (const e of parsed) countries.set(e.billingCountry, (countries.get(e.billingCountry) ?? 0) + 1);
    const ranked = [...countries.entries()].sort((a, b) => b[1] - a[1]);
    expect(ranked[0]![0]).toBe('US');
    expect(ranked.length).toBeGreaterThan(20);
  });

  it('sprinkles consent flags at the default shares and leaves most events without one', () => {
    const denied = parsed.filter((e) => e.consent === 'denied').length / events;
    const granted = parsed.filter((e) => e.consent === 'granted').length / events;
    expect(denied).toBeGreaterThan(0.005);
    expect(denied).toBeLessThan(0.015);
    expect(granted).toBeGreaterThan(0.012);
    expect(granted).toBeLessThan(0.028);
  });

  it('uses every finish reason, reasoning tokens on reasoning models, and cached tokens sometimes', () => {
    const reasons = new Set(parsed.map((e) => e.finishReason));
    for (const r of ['stop', 'length', 'tool_calls', 'content_filter', 'error']) expect(reasons.has(r), r).toBe(true);
    const r1 = parsed.filter((e) => e.model === 'deepseek/deepseek-r1-0528');
    expect(r1.length).toBeGreaterThan(0);
    expect(r1.every((e) => typeof e.usage.reasoningTokens === 'number')).toBe(true);
    expect(parsed.filter((e) => e.model === 'openai/gpt-4o').every((e) => e.usage.reasoningTokens === undefined)).toBe(true);
    expect(parsed.some((e) => (e.usage.cachedTokens ?? 0) > 0)).toBe(true);
    expect(parsed.every((e) => (e.usage.cachedTokens ?? 0) <= e.usage.promptTokens)).toBe(true);
  });
});

describe('generateArchive options', () => {
  it('honours the consent shares it is given', async () => {
    const out = join(dir, 'consent.ndjson');
    await generateArchive({ events: 2000, out, consentDeniedShare: 0, consentGrantedShare: 1 });
    const lines = await readLines(out);
    expect(lines.every((l) => JSON.parse(l).consent === 'granted')).toBe(true);
  });

  it('writes an empty archive for zero events', async () => {
    const out = join(dir, 'empty.ndjson');
    const s = await generateArchive({ events: 0, out });
    expect(s.bytes).toBe(0);
    expect(s.truth.totals.requests).toBe(0);
  });

  it.each([
    [{ events: -1 }, /number of events/],
    [{ events: 1.5 }, /number of events/],
    [{ events: 10, weeks: 0 }, /number of weeks/],
    [{ events: 10, seed: -3 }, /seed/],
    [{ events: 10, start: '2025-06-03' }, /must be a Monday/],
    [{ events: 10, start: 'June 2' }, /ISO date/],
    [{ events: 10, consentDeniedShare: 2 }, /consentDeniedShare/],
  ])('rejects invalid options %j with a clear message', async (bad, message) => {
    await expect(generateArchive({ out: join(dir, 'bad.ndjson'), ...bad })).rejects.toThrow(message);
  });
});

describe('eventsPerWeek', () => {
  it('splits exactly N events over the weeks, growing week on week', () => {
    const counts = eventsPerWeek(1001, 8);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1001);
    for (let w = 1; w < counts.length; w++) expect(counts[w]!).toBeGreaterThanOrEqual(counts[w - 1]!);
  });
});
