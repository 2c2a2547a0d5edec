import type { CategoryId } from '../study-shares.js';
import type { CategoryGrammar } from './category-grammar.js';
import { ACADEMIA_GRAMMAR } from './grammars/academia.js';
import { ADULT_GRAMMAR } from './grammars/adult.js';
import { CREATIVE_WRITING_GRAMMAR } from './grammars/creative-writing.js';
import { EDUCATION_GRAMMAR } from './grammars/education.js';
import { FINANCE_GRAMMAR } from './grammars/finance.js';
import { GENERAL_QA_GRAMMAR } from './grammars/general-qa.js';
import { HEALTH_GRAMMAR } from './grammars/health.js';
import { LEGAL_GRAMMAR } from './grammars/legal.js';
import { MARKETING_GRAMMAR } from './grammars/marketing.js';
import { OTHERS_GRAMMAR } from './grammars/others.js';
import { PRODUCTIVITY_GRAMMAR } from './grammars/productivity.js';
import { PROGRAMMING_GRAMMAR } from './grammars/programming.js';
import { ROLEPLAY_GRAMMAR } from './grammars/roleplay.js';
import { SCIENCE_GRAMMAR } from './grammars/science.js';
import { SEO_GRAMMAR } from './grammars/seo.js';
import { TECHNOLOGY_GRAMMAR } from './grammars/technology.js';
import { TRANSLATION_GRAMMAR } from './grammars/translation.js';
import { TRIVIA_GRAMMAR } from './grammars/trivia.js';

/** The prompt grammar of every study category (the Record type makes a missing category a compile error). */
export const CATEGORY_GRAMMARS: Readonly<Record<CategoryId, CategoryGrammar>> = {
  programming: PROGRAMMING_GRAMMAR,
  roleplay: ROLEPLAY_GRAMMAR,
  translation: TRANSLATION_GRAMMAR,
  'general-qa': GENERAL_QA_GRAMMAR,
  productivity: PRODUCTIVITY_GRAMMAR,
  education: EDUCATION_GRAMMAR,
  'creative-writing': CREATIVE_WRITING_GRAMMAR,
  adult: ADULT_GRAMMAR,
  science: SCIENCE_GRAMMAR,
  technology: TECHNOLOGY_GRAMMAR,
  health: HEALTH_GRAMMAR,
  finance: FINANCE_GRAMMAR,
  legal: LEGAL_GRAMMAR,
  academia: ACADEMIA_GRAMMAR,
  marketing: MARKETING_GRAMMAR,
  seo: SEO_GRAMMAR,
  trivia: TRIVIA_GRAMMAR,
  others: OTHERS_GRAMMAR,
};
