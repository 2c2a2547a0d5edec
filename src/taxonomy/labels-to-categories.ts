import type { ClassifierLabel } from '../classifiers/classifier.js';
import type { CategoryId } from './categories.js';
import { isStrictAncestorPath, normalizeCategoryPath, pathDepth } from './category-path.js';
import { FALLBACK_TAG, type TaxonomyMapping } from './taxonomy-mapping.js';

export interface Categorization {
  /** The labels at or above minConfidence, in the classifier's order (parents included). */
  kept: ClassifierLabel[];
  /** Distinct categories of the request, primary first; a request counts once under each. */
  categories: CategoryId[];
  /** Distinct tags of the request, in the same order; each rolls up into one of `categories`. */
  tags: string[];
  /** The primary category. */
  category: CategoryId;
  /** The primary tag (the tag of the label that gave the primary category). */
  tag: string;
}

interface Branch {
  path: string;
  depth: number;
  /** The branch's confidence: its own, or a dropped ancestor's when that is higher. */
  score: number;
  category: CategoryId;
  tag: string;
}

/**
 * Turns a classifier's labels into the request's categories and tags (rules in taxonomy/README.md):
 * 1. keep labels with confidence >= minConfidence;
 * 2. when a kept label is a strict ancestor of another kept label (V2 returns "/Science" with "/Science/Astronomy"),
 *    the more specific label answers for that branch and the ancestor is dropped: it only repeats the branch more
 *    coarsely. The branch keeps the highest confidence found along it;
 * 3. map each remaining label; categories and tags are the distinct results;
 * 4. the primary is the branch with the highest confidence (ties: the deeper path, then the lexically smaller one);
 * 5. no kept label: categories ['others'], category 'others', tag 'others'.
 * Pure and allocation-light: it runs once per sample.
 */
export function labelsToCategories(
  labels: readonly ClassifierLabel[],
  minConfidence: number,
  mapping: TaxonomyMapping,
): Categorization {
  const kept = labels.filter((label) => label.confidence >= minConfidence);
  if (kept.length === 0) {
    return { kept, categories: ['others'], tags: [FALLBACK_TAG], category: 'others', tag: FALLBACK_TAG };
  }

  const paths = kept.map((label) => normalizeCategoryPath(label.name));
  const branches: Branch[] = [];
  paths.forEach((path, i) => {
    if (paths.some((other) => isStrictAncestorPath(path, other))) return;
    let score = kept[i]!.confidence;
    paths.forEach((other, j) => {
      if (isStrictAncestorPath(other, path)) score = Math.max(score, kept[j]!.confidence);
    });
    const mapped = mapping.map(path);
    branches.push({ path, depth: pathDepth(path), score, category: mapped.category, tag: mapped.tag });
  });
  branches.sort((a, b) => b.score - a.score || b.depth - a.depth || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const categories: CategoryId[] = [];
  const tags: string[] = [];
  for (const branch of branches) {
    if (!categories.includes(branch.category)) categories.push(branch.category);
    if (!tags.includes(branch.tag)) tags.push(branch.tag);
  }
  const primary = branches[0]!;
  return { kept, categories, tags, category: primary.category, tag: primary.tag };
}
