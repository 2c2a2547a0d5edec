import { CATEGORY_IDS, isCategoryId, type CategoryId } from '../../taxonomy/categories.js';

/** The local model predicts exactly the study's categories. */
export const LOCAL_CATEGORIES = CATEGORY_IDS;

export type LocalCategory = CategoryId;

/**
 * The canonical Google content-category path the local model emits for each category. This table is a contract
 * with the taxonomy mapping (tests/unit/taxonomy/bundled-mapping.test.ts checks that the mapping sends every path
 * back to its category). `others` has no path: an "others" text simply yields no confident label.
 */
export const CANONICAL_PATHS: Readonly<Record<Exclude<LocalCategory, 'others'>, string>> = {
  programming: '/Computers & Electronics/Programming',
  roleplay: '/Games/Roleplaying Games',
  translation: '/Reference/Language Resources/Foreign Language Resources',
  'general-qa': '/Reference/General Reference',
  productivity: '/Business & Industrial/Business Services/Writing & Editing Services',
  education: '/Jobs & Education/Education',
  'creative-writing': '/Books & Literature',
  adult: '/Adult',
  science: '/Science',
  technology: '/Computers & Electronics/Software',
  health: '/Health',
  finance: '/Finance',
  legal: '/Law & Government/Legal',
  academia: '/Jobs & Education/Education/Colleges & Universities',
  marketing: '/Business & Industrial/Advertising & Marketing/Marketing',
  seo: '/Internet & Telecom/Web Services/Search Engine Optimization & Marketing',
  trivia: '/Arts & Entertainment/Fun & Trivia',
};

export function isLocalCategory(value: string): value is LocalCategory {
  return isCategoryId(value);
}

/** The canonical path of a category, or undefined for `others` (which is never emitted). */
export function canonicalPathOf(category: LocalCategory): string | undefined {
  return category === 'others' ? undefined : CANONICAL_PATHS[category];
}

/** Reverse lookup of the canonical table; used by the evaluation when the taxonomy mapping is not available. */
export function categoryOfCanonicalPath(path: string): LocalCategory | undefined {
  for (const category of LOCAL_CATEGORIES) {
    if (category !== 'others' && CANONICAL_PATHS[category] === path) return category;
  }
  return undefined;
}
