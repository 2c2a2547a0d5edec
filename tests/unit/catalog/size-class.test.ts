import { describe, expect, it } from 'vitest';
import { sizeClassOf } from '../../../src/catalog/size-class.js';

describe('sizeClassOf', () => {
  it.each([
    [0.5, 'small'],
    [14.9, 'small'],
    [15, 'medium'],
    [69.9, 'medium'],
    [70, 'large'],
    [1000, 'large'],
  ] as const)('puts %sB parameters in %s', (parametersB, expected) => {
    expect(sizeClassOf(parametersB, true)).toBe(expected);
    expect(sizeClassOf(parametersB, false)).toBe(expected);
    expect(sizeClassOf(parametersB, null)).toBe(expected);
  });

  it('calls a closed model without a published count undisclosed', () => {
    expect(sizeClassOf(null, false)).toBe('undisclosed');
  });

  it('calls an open or unknown model without a count unknown', () => {
    expect(sizeClassOf(null, true)).toBe('unknown');
    expect(sizeClassOf(null, null)).toBe('unknown');
  });

  it('treats a non-positive or non-finite count as no count', () => {
    expect(sizeClassOf(0, true)).toBe('unknown');
    expect(sizeClassOf(Number.NaN, false)).toBe('undisclosed');
  });
});
