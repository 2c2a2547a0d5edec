import type { Config } from '../config/config-schema.js';
import type { CategoryView } from '../pipeline/classification-deltas.js';
import { categoryViewFor } from '../worker/category-view.js';
import { UsageError } from './usage-error.js';

/** The category view named by --mapping / --min-confidence (shared by report and rebucket), checked. */
export function viewFromOptions(config: Config, opts: { mapping?: string; minConfidence?: number }): CategoryView {
  if (opts.minConfidence !== undefined && !(opts.minConfidence >= 0 && opts.minConfidence <= 1)) {
    throw new UsageError('--min-confidence must be a number within 0..1');
  }
  return categoryViewFor(config, {
    ...(opts.mapping ? { mapping: opts.mapping } : {}),
    ...(opts.minConfidence !== undefined ? { minConfidence: opts.minConfidence } : {}),
  });
}
