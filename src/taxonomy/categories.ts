/**
 * The study's categories (public contract, see docs/categories.md). Every tag of the taxonomy mapping rolls up
 * into exactly one of these; `others` is the long tail where no mapping applies.
 */
export const CATEGORY_IDS = [
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

export type CategoryId = (typeof CATEGORY_IDS)[number];

export const CATEGORY_DISPLAY_NAMES: Record<CategoryId, string> = {
  programming: 'Programming',
  roleplay: 'Roleplay',
  translation: 'Translation',
  'general-qa': 'General Q&A / Knowledge',
  productivity: 'Productivity/Writing',
  education: 'Education',
  'creative-writing': 'Literature/Creative Writing',
  adult: 'Adult',
  science: 'Science',
  technology: 'Technology',
  health: 'Health',
  finance: 'Finance',
  legal: 'Legal',
  academia: 'Academia',
  marketing: 'Marketing',
  seo: 'SEO',
  trivia: 'Trivia',
  others: 'Others',
};

const CATEGORY_ID_SET: ReadonlySet<string> = new Set(CATEGORY_IDS);

export function isCategoryId(s: string): s is CategoryId {
  return CATEGORY_ID_SET.has(s);
}
