import { cut } from '../../event/excerpt.js';
import { billingUnits, CHARACTERS_PER_BILLING_UNIT } from '../classification-units.js';

/**
 * The text a network classifier sends: the excerpt without surrounding whitespace, cut to at most
 * 1,000 Unicode code points (exactly one billing unit) without splitting a surrogate pair.
 * The pipeline already cuts; this is the adapter's own guarantee. Returns '' when nothing is left to classify.
 */
export function prepareExcerpt(excerpt: string): string {
  const trimmed = excerpt.trim();
  if (trimmed === '') return '';
  return cut(trimmed, CHARACTERS_PER_BILLING_UNIT).text;
}

/**
 * The billing units of the request a network kind sends for `excerpt`: 0 when nothing is sent (blank excerpt),
 * else billingUnits of the prepared text (always 1, since it is cut to 1,000 code points).
 */
export function requestUnits(excerpt: string): number {
  const content = prepareExcerpt(excerpt);
  return content === '' ? 0 : billingUnits(content);
}
