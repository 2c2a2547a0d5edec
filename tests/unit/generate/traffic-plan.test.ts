import { describe, expect, it } from 'vitest';
import { MODEL_CATALOG } from '../../../src/generate/model-catalog.js';
import { CATEGORY_IDS, categorySharesAt, programmingShareAt, PROGRAMMING_SHARE_EARLY, PROGRAMMING_SHARE_LATE } from '../../../src/generate/study-shares.js';
import { buildTrafficPlan, planWeek } from '../../../src/generate/traffic-plan.js';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('study shares', () => {
  it('interpolates the programming share between the study anchors and clamps outside them', () => {
    expect(programmingShareAt(Date.parse('2024-06-01'))).toBe(PROGRAMMING_SHARE_EARLY.share);
    expect(programmingShareAt(Date.parse('2026-06-01'))).toBe(PROGRAMMING_SHARE_LATE.share);
    const mid = programmingShareAt(Date.parse('2025-06-15'));
    expect(mid).toBeGreaterThan(PROGRAMMING_SHARE_EARLY.share);
    expect(mid).toBeLessThan(PROGRAMMING_SHARE_LATE.share);
  });

  it('gives every category a positive share, summing to 1', () => {
    const shares = categorySharesAt(Date.parse('2025-09-01'));
    expect(Object.keys(shares).sort()).toEqual([...CATEGORY_IDS].sort());
    for (const c of CATEGORY_IDS) expect(shares[c], c).toBeGreaterThan(0);
    expect(sum(Object.values(shares))).toBeCloseTo(1, 12);
  });
});

describe('planWeek', () => {
  const plan = planWeek(0, Date.parse('2025-11-03T00:00:00Z'));

  it('fits the joint table to both marginals: model request shares and category shares', () => {
    expect(sum(plan.modelShare)).toBeCloseTo(1, 9);
    for (const row of plan.categoryGivenModel) expect(sum(row)).toBeCloseTo(1, 9);
    CATEGORY_IDS.forEach((c, j) => {
      const marginal = sum(plan.models.map((_, i) => plan.modelShare[i]! * plan.categoryGivenModel[i]![j]!));
      expect(marginal, c).toBeCloseTo(plan.categoryShare[c], 9);
    });
  });

  it('keeps the study per-model shapes: Claude codes, DeepSeek V3 roleplays, Grok Code Fast only codes', () => {
    const mix = (id: string, c: string) => {
      const i = plan.models.findIndex((m) => m.id === id);
      return plan.categoryGivenModel[i]![CATEGORY_IDS.indexOf(c as never)]!;
    };
    expect(mix('anthropic/claude-sonnet-4', 'programming')).toBeGreaterThan(0.7);
    expect(mix('deepseek/deepseek-chat-v3-0324', 'roleplay')).toBeGreaterThan(0.4);
    expect(mix('deepseek/deepseek-chat-v3-0324', 'roleplay')).toBeGreaterThan(mix('deepseek/deepseek-chat-v3-0324', 'programming'));
    expect(mix('x-ai/grok-code-fast-1', 'programming')).toBeGreaterThan(0.9);
  });

  it('only offers models released by the week start', () => {
    const june = planWeek(0, Date.parse('2025-06-02T00:00:00Z'));
    const ids = june.models.map((m) => m.id);
    expect(ids).toContain('deepseek/deepseek-chat-v3-0324');
    expect(ids).not.toContain('openai/gpt-5');
    expect(ids).not.toContain('minimax/minimax-m2');
    expect(plan.models).toHaveLength(MODEL_CATALOG.length);
  });

  it('raises the programming share week over week', () => {
    const plans = buildTrafficPlan(Date.parse('2025-06-02T00:00:00Z'), 8);
    for (let w = 1; w < plans.length; w++) expect(plans[w]!.categoryShare.programming).toBeGreaterThan(plans[w - 1]!.categoryShare.programming);
  });
});
