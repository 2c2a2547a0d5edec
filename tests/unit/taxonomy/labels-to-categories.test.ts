import { describe, expect, it } from 'vitest';
import { labelsToCategories } from '../../../src/taxonomy/labels-to-categories.js';
import { loadMapping } from '../../../src/taxonomy/load-mapping.js';

const mapping = loadMapping();
const label = (name: string, confidence: number) => ({ name, confidence });

describe('labelsToCategories', () => {
  it('maps a single confident label', () => {
    const c = labelsToCategories([label('/Games/Roleplaying Games', 0.8)], 0.5, mapping);
    expect(c).toEqual({
      kept: [label('/Games/Roleplaying Games', 0.8)],
      categories: ['roleplay'],
      tags: ['roleplay/roleplaying-games'],
      category: 'roleplay',
      tag: 'roleplay/roleplaying-games',
    });
  });

  it('drops labels below minConfidence and keeps those exactly at it', () => {
    const c = labelsToCategories([label('/Adult', 0.49), label('/Health', 0.5)], 0.5, mapping);
    expect(c.kept).toEqual([label('/Health', 0.5)]);
    expect(c.categories).toEqual(['health']);
  });

  it('returns others when no label is kept (none given, or all below the threshold)', () => {
    const none = { kept: [], categories: ['others'], tags: ['others'], category: 'others', tag: 'others' };
    expect(labelsToCategories([], 0.5, mapping)).toEqual(none);
    expect(labelsToCategories([label('/Health', 0.3), label('/Finance', Number.NaN)], 0.5, mapping)).toEqual(none);
  });

  it('counts a request once under each distinct category, primary first', () => {
    const c = labelsToCategories(
      [label('/Adult', 0.6), label('/Games/Roleplaying Games', 0.9), label('/Books & Literature/Writers Resources', 0.7)],
      0.5,
      mapping,
    );
    expect(c.categories).toEqual(['roleplay', 'adult']);
    expect(c.tags).toEqual(['roleplay/roleplaying-games', 'roleplay/writers-resources', 'adult/adult']);
    expect(c).toMatchObject({ category: 'roleplay', tag: 'roleplay/roleplaying-games' });
  });

  it('uses the child for a parent+child pair of the same category and drops the duplicate parent', () => {
    const c = labelsToCategories([label('/Science', 0.9), label('/Science/Astronomy', 0.6)], 0.5, mapping);
    expect(c.kept).toHaveLength(2);
    expect(c.categories).toEqual(['science']);
    expect(c.tags).toEqual(['science/general']);
    const ml = labelsToCategories(
      [label('/Science', 0.9), label('/Science/Computer Science/Machine Learning & Artificial Intelligence', 0.6)],
      0.5,
      mapping,
    );
    expect(ml.tags).toEqual(['science/machine-learning-ai']);
  });

  it('uses the child for a parent+child pair of different categories: the child says which part of the parent', () => {
    const c = labelsToCategories(
      [label('/Computers & Electronics', 0.7), label('/Computers & Electronics/Programming', 0.8)],
      0.5,
      mapping,
    );
    expect(c.categories).toEqual(['programming']);
    expect(c.tag).toBe('programming/general-programming');
  });

  it("gives a branch its dropped parent's confidence when choosing the primary", () => {
    const c = labelsToCategories(
      [label('/Sports', 0.7), label('/Science', 0.95), label('/Science/Computer Science', 0.55)],
      0.5,
      mapping,
    );
    expect(c.categories).toEqual(['programming', 'others']);
    expect(c.category).toBe('programming');
  });

  it('breaks confidence ties by the more specific path, then lexical order', () => {
    const deeper = labelsToCategories([label('/Adult', 0.8), label('/Games/Roleplaying Games', 0.8)], 0.5, mapping);
    expect(deeper.category).toBe('roleplay');
    const lexical = labelsToCategories([label('/Health', 0.8), label('/Finance', 0.8)], 0.5, mapping);
    expect(lexical.category).toBe('finance');
    expect(lexical.categories).toEqual(['finance', 'health']);
    const reversed = labelsToCategories([label('/Finance', 0.8), label('/Health', 0.8)], 0.5, mapping);
    expect(reversed).toMatchObject({ category: 'finance', categories: ['finance', 'health'] });
  });

  it('maps unseen V2 paths and keeps others labels as a category of their own', () => {
    const c = labelsToCategories(
      [label('/Travel & Transportation/Other', 0.9), label('/Computers & Electronics/Programming/Other', 0.6)],
      0.5,
      mapping,
    );
    expect(c.categories).toEqual(['others', 'programming']);
    expect(c.tags).toEqual(['others/travel', 'programming/general-programming']);
  });

  it('treats a trailing slash as the same path when looking for parents', () => {
    const c = labelsToCategories([label('/Health/', 0.9), label('/Health/Health Foundations & Medical Research', 0.6)], 0.5, mapping);
    expect(c.tags).toEqual(['health/research']);
  });
});
