import { describe, expect, it } from 'vitest';
import { evaluationMetrics } from '../../../../src/classifiers/local/evaluation-metrics.js';

const CATS = ['a', 'b', 'others'];

describe('evaluationMetrics', () => {
  it('computes accuracy, Cohen\'s kappa and per-category precision/recall from the confusion matrix', () => {
    // truth a: 3 (2 right, 1 → b); truth b: 2 (1 right, 1 → others); truth others: 1 (right)
    const m = evaluationMetrics(
      [
        { truth: 'a', predicted: 'a' },
        { truth: 'a', predicted: 'a' },
        { truth: 'a', predicted: 'b' },
        { truth: 'b', predicted: 'b' },
        { truth: 'b', predicted: 'others' },
        { truth: 'others', predicted: 'others' },
      ],
      CATS,
    );
    expect(m.n).toBe(6);
    expect(m.accuracy).toBeCloseTo(4 / 6, 12);
    // p_e = (3/6)(2/6) + (2/6)(2/6) + (1/6)(2/6) = 12/36
    const pe = 12 / 36;
    expect(m.kappa).toBeCloseTo((4 / 6 - pe) / (1 - pe), 12);
    const a = m.perCategory.find((c) => c.category === 'a')!;
    expect(a).toMatchObject({ precision: 1, support: 3 });
    expect(a.recall).toBeCloseTo(2 / 3, 12);
    const b = m.perCategory.find((c) => c.category === 'b')!;
    expect(b.precision).toBeCloseTo(0.5, 12);
    expect(b.recall).toBeCloseTo(0.5, 12);
    expect(m.confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });

  it('counts an unknown predicted category as the fallback and reports NaN precision for a never-predicted one', () => {
    const m = evaluationMetrics(
      [
        { truth: 'a', predicted: 'somewhere-else' },
        { truth: 'b', predicted: 'others' },
      ],
      CATS,
    );
    expect(m.confusion[0]).toEqual([0, 0, 1]);
    expect(Number.isNaN(m.perCategory[0]!.precision)).toBe(true);
    expect(m.accuracy).toBe(0);
  });

  it('measures the expected calibration error of the top label over confidence bins', () => {
    // bin 0.9: confidence 0.95 twice, one right → |0.95 - 0.5| = 0.45; bin 0.6: 0.6 once, right → |0.6 - 1| = 0.4
    const m = evaluationMetrics(
      [
        { truth: 'a', predicted: 'a', topConfidence: 0.95, topCorrect: true },
        { truth: 'a', predicted: 'b', topConfidence: 0.95, topCorrect: false },
        { truth: 'b', predicted: 'b', topConfidence: 0.6, topCorrect: true },
        { truth: 'others', predicted: 'others' },
      ],
      CATS,
    );
    expect(m.labelled).toBe(3);
    expect(m.ece).toBeCloseTo((2 / 3) * 0.45 + (1 / 3) * 0.4, 12);
  });

  it('refuses a fallback that is not an evaluated category', () => {
    expect(() => evaluationMetrics([], ['a', 'b'])).toThrow(/fallback category "others"/);
  });
});
