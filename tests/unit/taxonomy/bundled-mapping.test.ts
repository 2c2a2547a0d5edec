import { describe, expect, it } from 'vitest';
import { CANONICAL_PATHS } from '../../../src/classifiers/local/categories.js';
import { CATEGORY_DISPLAY_NAMES, CATEGORY_IDS, isCategoryId, type CategoryId } from '../../../src/taxonomy/categories.js';
import { loadKnownPaths } from '../../../src/taxonomy/known-paths.js';
import { loadMapping } from '../../../src/taxonomy/load-mapping.js';

const mapping = loadMapping();
const known = loadKnownPaths();

describe('categories', () => {
  it('lists the 18 contract ids in order, each with a display name', () => {
    expect(CATEGORY_IDS[0]).toBe('programming');
    expect(CATEGORY_IDS.at(-1)).toBe('others');
    expect(CATEGORY_IDS).toHaveLength(18);
    for (const id of CATEGORY_IDS) expect(CATEGORY_DISPLAY_NAMES[id]).toMatch(/\S/);
    expect(CATEGORY_DISPLAY_NAMES['general-qa']).toBe('General Q&A / Knowledge');
  });

  it('recognises category ids and nothing else', () => {
    expect(isCategoryId('seo')).toBe(true);
    expect(isCategoryId('SEO')).toBe(false);
    expect(isCategoryId('games')).toBe(false);
  });
});

describe('known Google paths', () => {
  it('holds the complete V1 list (620 paths, 27 top-levels, no duplicates)', () => {
    expect(known.v1).toHaveLength(620);
    expect(new Set(known.v1).size).toBe(620);
    expect(new Set(known.v1.map((p) => p.split('/')[1])).size).toBe(27);
    expect(known.v1[0]).toBe('/Adult');
  });

  it('holds the known V2 paths without comment lines', () => {
    expect(known.v2Known).toContain('/Business & Industrial/Advertising & Marketing/Marketing');
    expect(known.v2Known).toContain('/Internet & Telecom/Web Services/Search Engine Optimization & Marketing');
    expect(known.v2Known).toContain('/Travel & Transportation/Other');
    expect(known.v2Known.every((p) => p.startsWith('/'))).toBe(true);
  });
});

describe('bundled mapping', () => {
  it('has a version and declares every tag as <category>[/slug] with a display name', () => {
    expect(mapping.version).toMatch(/\S/);
    for (const tag of mapping.tags()) {
      expect(tag.id.split('/')[0]).toBe(tag.category);
      expect(tag.name).toMatch(/\S/);
    }
  });

  it('maps every V1 path to a valid category and a declared tag of that category', () => {
    const tagCategory = new Map(mapping.tags().map((t) => [t.id, t.category]));
    for (const path of known.v1) {
      const m = mapping.map(path);
      expect(isCategoryId(m.category), path).toBe(true);
      expect(tagCategory.get(m.tag), path).toBe(m.category);
    }
  });

  it('decides every V1 path by an explicit rule (the long tail is others on purpose, not by default)', () => {
    expect(known.v1.filter((p) => mapping.map(p).rule === null)).toEqual([]);
  });

  it('maps every canonical path of docs/categories.md to its category', () => {
    // The table the local classifier emits from (src/classifiers/local/categories.ts).
    const canonical = CANONICAL_PATHS;
    expect(Object.keys(canonical).length).toBe(17);
    for (const [category, path] of Object.entries(canonical)) {
      expect(mapping.map(path).category, path).toBe(category);
    }
  });

  it.each([
    ['/Computers & Electronics/Programming/Java (Programming Language)', 'programming', 'programming/general-programming'],
    ['/Science/Computer Science', 'programming', 'programming/general-programming'],
    ['/Games/Roleplaying Games', 'roleplay', 'roleplay/roleplaying-games'],
    ['/Books & Literature/Writers Resources', 'roleplay', 'roleplay/writers-resources'],
    ['/Arts & Entertainment/Performing Arts/Acting & Theater', 'roleplay', 'roleplay/creative-dialogue'],
    ['/Reference/Language Resources', 'translation', 'translation/general'],
    ['/Reference/Language Resources/Foreign Language Resources', 'translation', 'translation/foreign-language-resources'],
    ['/Reference/General Reference/Dictionaries & Encyclopedias', 'general-qa', 'general-qa/general-reference'],
    ['/News/Politics', 'general-qa', 'general-qa/news'],
    ['/Computers & Electronics/Software/Business & Productivity Software', 'productivity', 'productivity/productivity-software'],
    ['/Business & Industrial/Business Services/Writing & Editing Services', 'productivity', 'productivity/writing-editing'],
    ['/Jobs & Education/Education/Homeschooling', 'education', 'education/education'],
    ['/Books & Literature/Poetry', 'creative-writing', 'creative-writing/poetry'],
    ['/Books & Literature/Literary Classics', 'creative-writing', 'creative-writing/books-literature'],
    ['/Arts & Entertainment/Movies', 'creative-writing', 'creative-writing/narrative-media'],
    ['/Adult', 'adult', 'adult/adult'],
    ['/Science/Computer Science/Machine Learning & Artificial Intelligence', 'science', 'science/machine-learning-ai'],
    ['/Computers & Electronics/Software/Operating Systems', 'technology', 'technology/software'],
    ['/Health/Mental Health/Depression', 'health', 'health/general'],
    ['/Health/Health Foundations & Medical Research', 'health', 'health/research'],
    ['/Finance/Investing/Currencies & Foreign Exchange', 'finance', 'finance/currencies'],
    ['/Finance/Investing/Stocks & Bonds', 'finance', 'finance/stocks'],
    ['/Finance/Investing/Commodities & Futures Trading', 'finance', 'finance/investing'],
    ['/Finance/Accounting & Auditing/Tax Preparation & Planning', 'finance', 'finance/accounting'],
    ['/Jobs & Education/Education/Colleges & Universities', 'academia', 'academia/educational'],
    ['/Business & Industrial/Business Education', 'academia', 'academia/management'],
    ['/Law & Government/Government/Courts & Judiciary', 'legal', 'legal/government'],
    ['/Law & Government/Legal/Legal Services', 'legal', 'legal/legal'],
    ['/Business & Industrial/Advertising & Marketing/Marketing', 'marketing', 'marketing/marketing'],
    ['/Business & Industrial/Advertising & Marketing/Sales', 'marketing', 'marketing/sales'],
    ['/Internet & Telecom/Web Services/Search Engine Optimization & Marketing', 'seo', 'seo/seo'],
    ['/Arts & Entertainment/Fun & Trivia/Fun Tests & Silly Surveys', 'trivia', 'trivia/trivia'],
    ['/Food & Drink/Cooking & Recipes', 'others', 'others/food-drink'],
    ['/Autos & Vehicles/Classic Vehicles', 'others', 'others/autos-vehicles'],
    ['/Sports/Team Sports/Soccer', 'others', 'others/sports'],
    ['/Travel/Air Travel', 'others', 'others/travel'],
  ])('maps the study example %s to %s (%s)', (path, category, tag) => {
    expect(mapping.map(path)).toMatchObject({ path, category, tag });
  });

  it('lets the longest prefix win at every depth', () => {
    expect(mapping.map('/Computers & Electronics/Hardware Nobody Knows').category).toBe('technology');
    expect(mapping.map('/Computers & Electronics/Software').category).toBe('technology');
    expect(mapping.map('/Computers & Electronics/Software/Business & Productivity Software').category).toBe('productivity');
    expect(mapping.map('/Science/Physics')).toMatchObject({ category: 'science', rule: '/Science' });
    expect(mapping.map('/Science/Computer Science/Other')).toMatchObject({
      category: 'programming',
      rule: '/Science/Computer Science',
    });
    expect(mapping.map('/Science/Computer Science/Machine Learning & Artificial Intelligence/Other').category).toBe(
      'science',
    );
  });

  it('matches whole segments only and tolerates surrounding whitespace and trailing slashes', () => {
    expect(mapping.map('/Sciencefoo')).toEqual({ path: '/Sciencefoo', category: 'others', tag: 'others', rule: null });
    expect(mapping.map('/Health care/X').rule).toBeNull();
    expect(mapping.map('/Science/')).toMatchObject({ path: '/Science/', category: 'science', rule: '/Science' });
    expect(mapping.map(' /Adult// ')).toMatchObject({ category: 'adult', rule: '/Adult' });
  });

  it('maps unseen V2 paths by prefix', () => {
    expect(mapping.map('/Computers & Electronics/Programming/Other')).toMatchObject({
      category: 'programming',
      tag: 'programming/general-programming',
    });
    expect(mapping.map('/Games/Roleplaying Games/Other').category).toBe('roleplay');
    expect(mapping.map('/Arts & Entertainment/Fun & Trivia/Other').category).toBe('trivia');
    expect(mapping.map('/Business & Industrial/Advertising & Marketing/Other').category).toBe('marketing');
  });

  it('maps the V2 spelling /Travel & Transportation like /Travel', () => {
    for (const suffix of ['', '/Other', '/Air Travel', '/']) {
      const v2 = mapping.map(`/Travel & Transportation${suffix}`);
      const v1 = mapping.map(`/Travel${suffix}`);
      expect({ category: v2.category, tag: v2.tag, rule: v2.rule }).toEqual({ category: v1.category, tag: v1.tag, rule: v1.rule });
    }
    expect(mapping.map('/Travel & Transportation/Other').tag).toBe('others/travel');
  });

  it('maps unknown top-levels, empty and non-path strings to others with tag "others"', () => {
    for (const path of ['/Other', '/Quantum Knitting', '', '/', 'Science']) {
      expect(mapping.map(path)).toEqual({ path, category: 'others', tag: 'others', rule: null });
    }
  });
});
