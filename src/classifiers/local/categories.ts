/**
 * The study categories the local model predicts and the canonical Google content-category path it emits for each.
 * This table is a contract with the taxonomy mapping (see notes/canonical.md): the mapping maps every path below
 * back to the category on its left. `others` has no path: an "others" text simply yields no confident label.
 */
export const LOCAL_CATEGORIES = [
  'programming',
  'roleplay',
  'translation',
  'general-qa',
  'productivity',
  'education',
  'creative-writing',
  'adult',
  'science',
  'technology',
  'health',
  'finance',
  'legal',
  'academia',
  'marketing',
  'seo',
  'trivia',
  'others',
] as const;

export type LocalCategory = (typeof LOCAL_CATEGORIES)[number];

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
  return (LOCAL_CATEGORIES as readonly string[]).includes(value);
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
