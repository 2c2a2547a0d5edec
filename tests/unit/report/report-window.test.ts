import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/config-schema.js';
import { parseEvent } from '../../../src/event/parse-event.js';
import { weekPartlyInWindow, weekWithinWindow } from '../../../src/report/report-filter.js';
import { renderText } from '../../../src/report/render-text.js';
import { categoryViewFor } from '../../../src/worker/category-view.js';
import { createInMemoryCensus, oracleLabels } from './in-memory-census.js';

const view = categoryViewFor(configSchema.parse({}));

interface Ev {
  day: string;
  model: string;
  user: string;
  pt: number;
  tool: boolean;
}

/**
 * Events on chosen days around the window 2025-06-10 .. 2025-06-20 (Tuesday of W24 to Friday of W25). Each day
 * has its own 12 users (so week sets and day sets differ) and its own prompt size (so every day's tokens show).
 */
const DAYS: Array<{ day: string; model: string; users: string; pt: number; tool?: boolean }> = [
  { day: '2025-06-03', model: 'openai/gpt-4o', users: 'a', pt: 1000 }, // W23, outside
  { day: '2025-06-09', model: 'openai/gpt-4o', users: 'b', pt: 2000, tool: true }, // W24 Monday, outside
  { day: '2025-06-10', model: 'openai/gpt-4o', users: 'c', pt: 300 }, // W24, inside
  { day: '2025-06-15', model: 'anthropic/claude-sonnet-4', users: 'd', pt: 400 }, // W24 Sunday, inside
  { day: '2025-06-16', model: 'openai/gpt-4o', users: 'e', pt: 500 }, // W25 Monday, inside
  { day: '2025-06-20', model: 'openai/gpt-4o', users: 'f', pt: 600 }, // W25 Friday, inside
  { day: '2025-06-21', model: 'anthropic/claude-sonnet-4', users: 'g', pt: 7000 }, // W25 Saturday, outside
];
const FROM = '2025-06-10';
const TO = '2025-06-20';

function events(): Ev[] {
  return DAYS.flatMap((d) => Array.from({ length: 12 }, (_, i) => ({ day: d.day, model: d.model, user: `${d.users}${i}`, pt: d.pt, tool: d.tool ?? false })));
}

function census() {
  const c = createInMemoryCensus({ rate: 1, salt: 's', view });
  events().forEach((e, i) => {
    const p = parseEvent({
      id: `w${i}`, createdAt: `${e.day}T${String(i % 24).padStart(2, '0')}:30:00Z`, model: e.model, provider: e.model.split('/')[0],
      usage: { promptTokens: e.pt, completionTokens: 10 }, costUsd: e.pt / 1e6, userId: e.user, billingCountry: 'US', prompt: 'p',
      ...(e.tool ? { finishReason: 'tool_calls' } : {}),
    });
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    c.classify(c.ingest(p.event)!, oracleLabels('programming'));
  });
  return c;
}

/** Sums straight from the event list, independent of the pipeline. */
function expected(pick: (e: Ev) => boolean) {
  const es = events().filter(pick);
  return {
    requests: es.length,
    promptTokens: es.reduce((a, e) => a + e.pt, 0),
    users: new Set(es.map((e) => e.user)).size,
  };
}
const inWindow = (e: Ev) => e.day >= FROM && e.day <= TO;
const inW24 = (e: Ev) => e.day >= '2025-06-09' && e.day <= '2025-06-15';
const inW25 = (e: Ev) => e.day >= '2025-06-16' && e.day <= '2025-06-22';

describe('report window --from/--to', () => {
  const c = census();
  const r = c.report({ from: FROM, to: TO });

  it('counts exactly the window\'s days in totals, byModel, byProvider, byWeek, byDay and the usage cells', () => {
    const want = expected(inWindow);
    expect(r.totals.requests).toBe(want.requests);
    expect(r.totals.promptTokens).toBe(want.promptTokens);
    expect(r.byDay.map((d) => d.day)).toEqual(['2025-06-10', '2025-06-15', '2025-06-16', '2025-06-20']);
    expect(r.byDay.map((d) => d.promptTokens)).toEqual([12 * 300, 12 * 400, 12 * 500, 12 * 600]);
    expect(r.byWeek.map((w) => [w.week, w.requests, w.promptTokens])).toEqual([
      ['2025-W24', 24, expected((e) => inWindow(e) && inW24(e)).promptTokens],
      ['2025-W25', 24, expected((e) => inWindow(e) && inW25(e)).promptTokens],
    ]);
    expect(r.byWeek.reduce((a, w) => a + w.requests, 0)).toBe(r.totals.requests);
    expect(r.byModel.map((m) => [m.model, m.requests])).toEqual([['openai/gpt-4o', 36], ['anthropic/claude-sonnet-4', 12]]);
    expect(r.byProvider.map((p) => [p.provider, p.requests]).sort()).toEqual([['anthropic', 12], ['openai', 36]]);
    expect(r.dimensions.sourceType.find((x) => x.key === 'closed')!.requests).toBe(want.requests);
    expect(r.weekly.map((p) => [p.period, p.totals.requests])).toEqual([['2025-W24', 24], ['2025-W25', 24]]);
  });

  it('counts the users of the window\'s days, not of the whole weeks it cuts', () => {
    expect(r.users.total).toBe(expected(inWindow).users); // 48; the weeks' sets would give 72
    expect(r.byWeek.map((w) => w.users)).toEqual([24, 24]);
    expect(r.byModel.find((m) => m.model === 'openai/gpt-4o')!.users).toBe(36); // c, e, f; not b
    expect(r.dimensions.model.find((x) => x.key === 'anthropic/claude-sonnet-4')!.users).toBe(12); // d; not g
    expect(r.byDay.every((d) => d.users === 12 && !d.suppressed)).toBe(true);
  });

  it('says which figures count whole weeks, and those count every overlapping week whole', () => {
    expect(r.window).toMatchObject({ from: FROM, to: TO, weeks: ['2025-W24', '2025-W25'], weeksPartial: ['2025-W24', '2025-W25'] });
    expect(r.window.exactDays).toEqual(expect.arrayContaining(['totals', 'byModel', 'byProvider', 'byWeek', 'byDay']));
    expect(r.window.wholeWeeks).toEqual(expect.arrayContaining(['toolUse', 'shapes', 'geography', 'sampling', 'categories', 'tags', 'sampled']));
    expect(r.window.note).toContain('2025-W24, 2025-W25');
    // Sampling funnel and category figures are kept per week: W24 and W25 whole (84 events minus W23's 12).
    const whole = expected((e) => inW24(e) || inW25(e));
    expect(r.sampling.eventsSeen).toBe(whole.requests);
    expect(r.sampled.samples).toBe(whole.requests);
    expect(r.categories.find((x) => x.category === 'programming')!.sampledRequests).toBe(whole.requests);
    // Tool use is kept per week: the Monday 06-09 tool calls (outside the window) are in W24's share.
    const toolTok = 12 * 2010;
    const wholeTok = whole.promptTokens + whole.requests * 10;
    expect(r.toolUse.toolCallTokenShare).toBeCloseTo(toolTok / wholeTok, 12);
    expect(r.shapes.overall.prompt.mean).toBeCloseTo(whole.promptTokens / whole.requests, 9);
    expect(r.geography.countries[0]).toMatchObject({ country: 'US', requests: whole.requests });
    expect(renderText(r)).toContain(`Window: ${r.window.note}`);
  });

  it('a window of whole weeks cuts none: every figure covers the same days', () => {
    const w = c.report({ from: '2025-06-09', to: '2025-06-22' });
    expect(w.window.weeksPartial).toEqual([]);
    expect(w.window.note).toMatch(/^Every week in the window lies wholly inside it/);
    const whole = expected((e) => inW24(e) || inW25(e));
    expect(w.totals.requests).toBe(whole.requests);
    expect(w.sampling.eventsSeen).toBe(whole.requests);
    expect(w.users.total).toBe(whole.users);
    expect(renderText(w)).not.toContain('Window:');
  });

  it('open-ended windows: --from alone and --to alone', () => {
    expect(c.report({ from: '2025-06-21' }).totals.requests).toBe(12);
    expect(c.report({ to: '2025-06-09' }).totals.requests).toBe(24);
    expect(c.report({ to: '2025-06-09' }).window.weeksPartial).toEqual(['2025-W24']);
  });

  it('week helpers: within = all seven days inside, partly = overlapping but not within', () => {
    expect(weekWithinWindow('2025-W24', { from: '2025-06-09', to: '2025-06-15' })).toBe(true);
    expect(weekWithinWindow('2025-W24', { from: '2025-06-10' })).toBe(false);
    expect(weekWithinWindow('2025-W24', { to: '2025-06-14' })).toBe(false);
    expect(weekPartlyInWindow('2025-W24', { to: '2025-06-09' })).toBe(true);
    expect(weekPartlyInWindow('2025-W25', { to: '2025-06-09' })).toBe(false); // outside altogether
    expect(weekPartlyInWindow('2025-W24', {})).toBe(false);
  });
});
