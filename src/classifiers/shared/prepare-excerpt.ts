import { cut } from '../../event/excerpt.js';
import { CHARACTERS_PER_BILLING_UNIT } from '../classification-units.js';

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
