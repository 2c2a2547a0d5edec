/** Google bills classifyText per started block of this many Unicode characters (code points) in one request. */
export const CHARACTERS_PER_BILLING_UNIT = 1000;

/**
 * How many Google Natural Language billing units one request with this excerpt costs:
 * ceil(code points / 1,000), at least 1. An excerpt the adapters send (at most 1,000 code points) is always 1.
 */
export function billingUnits(excerpt: string): number {
  let codePoints = 0;
  for (const _ of excerpt) codePoints++;
  return Math.max(1, Math.ceil(codePoints / CHARACTERS_PER_BILLING_UNIT));
}
