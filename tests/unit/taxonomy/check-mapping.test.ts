import { describe, expect, it } from 'vitest';
import { checkMapping } from '../../../src/taxonomy/check-mapping.js';
import { loadKnownPaths } from '../../../src/taxonomy/known-paths.js';
import { loadMapping } from '../../../src/taxonomy/load-mapping.js';
import type { MappingDocument, MappingRule } from '../../../src/taxonomy/mapping-document.js';
import { createTaxonomyMapping } from '../../../src/taxonomy/taxonomy-mapping.js';

const KNOWN = ['/Science', '/Science/Physics', '/Science/Computer Science', '/Food & Drink', '/Food & Drink/Juice'];

function rule(prefix: string, category: string, tag: string, reason = 'test reason'): MappingRule {
  return { prefix, category, tag, reason };
}

/** A small valid mapping; each test breaks one thing. */
function goodDocument(): MappingDocument {
  return {
    version: 'test-1',
    aliases: [{ from: '/Food & Beverage', to: '/Food & Drink', reason: 'renamed' }],
    tags: [
      { id: 'others', category: 'others', name: 'Others' },
      { id: 'others/food', category: 'others', name: 'Food' },
      { id: 'science/general', category: 'science', name: 'Science' },
      { id: 'programming/general', category: 'programming', name: 'Programming' },
    ],
    rules: [
      rule('/Science', 'science', 'science/general'),
      rule('/Science/Computer Science', 'programming', 'programming/general'),
      rule('/Food & Drink', 'others', 'others/food'),
    ],
  };
}

function check(document: MappingDocument, known: readonly string[] = KNOWN) {
  return checkMapping(createTaxonomyMapping(document, 'test'), known);
}

describe('checkMapping', () => {
  it('passes the bundled mapping against every known path', () => {
    const { v1, v2Known } = loadKnownPaths();
    const result = checkMapping(loadMapping(), [...v1, ...v2Known]);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.othersPaths).toContain('/Sports/Team Sports/Soccer');
    expect(result.othersPaths).toContain('/Travel & Transportation/Other');
    expect(result.othersPaths).not.toContain('/Adult');
    const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(new Set([...v1, ...v2Known]).size);
    expect(result.counts.others).toBe(result.othersPaths.length);
  });

  it('passes a small good mapping and reports its others paths and counts', () => {
    const result = check(goodDocument());
    expect(result).toMatchObject({ ok: true, problems: [], othersPaths: ['/Food & Drink', '/Food & Drink/Juice'] });
    expect(result.counts).toMatchObject({ science: 2, programming: 1, others: 2, seo: 0 });
  });

  it('lists known paths no rule matches under others', () => {
    const result = check(goodDocument(), [...KNOWN, '/Sports']);
    expect(result.ok).toBe(true);
    expect(result.othersPaths).toContain('/Sports');
  });

  it('reports overlapping rules (two rules with the same prefix)', () => {
    const doc = goodDocument();
    doc.rules.push(rule('/Science', 'science', 'science/general', 'again'));
    const result = check(doc);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.stringMatching(/Rule 4 \(prefix "\/Science"\) overlaps rule 1/)]);
  });

  it('reports a rule that matches no known path (a misspelt prefix) as unreachable', () => {
    const doc = goodDocument();
    doc.rules.push(rule('/Scienec/Physics', 'science', 'science/general'));
    expect(check(doc).problems).toEqual([expect.stringMatching(/Rule 4 \(prefix "\/Scienec\/Physics"\) is unreachable/)]);
  });

  it('reports a rule whose every known path is taken by more specific rules as unreachable', () => {
    const doc = goodDocument();
    doc.rules.push(rule('/Science/Physics', 'science', 'science/general'));
    const result = check(doc, ['/Science/Physics', '/Science/Computer Science', '/Food & Drink']);
    expect(result.problems).toEqual([expect.stringMatching(/Rule 1 \(prefix "\/Science"\) is unreachable/)]);
  });

  it('reports a rule hidden behind an alias as unreachable', () => {
    const doc = goodDocument();
    doc.rules.push(rule('/Food & Beverage/Juice', 'others', 'others/food'));
    const problems = check(doc, [...KNOWN, '/Food & Beverage/Juice']).problems;
    expect(problems).toContainEqual(expect.stringMatching(/"\/Food & Beverage\/Juice"\) is unreachable: alias/));
  });

  it('reports unknown categories in rules and tags', () => {
    const doc = goodDocument();
    doc.tags.push({ id: 'games/rpg', category: 'games', name: 'RPG' });
    doc.rules.push(rule('/Science/Physics', 'games', 'games/rpg'));
    const problems = check(doc).problems;
    expect(problems).toContainEqual(expect.stringMatching(/Tag "games\/rpg" names the unknown category "games"/));
    expect(problems).toContainEqual(expect.stringMatching(/Rule 4 .* names the unknown category "games"/));
  });

  it('reports a tag used by two categories', () => {
    const doc = goodDocument();
    doc.rules[1] = rule('/Science/Computer Science', 'programming', 'science/general');
    doc.tags = doc.tags.filter((t) => t.id !== 'programming/general');
    const problems = check(doc).problems;
    expect(problems).toEqual([expect.stringMatching(/Tag "science\/general" is used by two categories/)]);
  });

  it('reports a tag declared under two categories, and a tag id that does not start with its category', () => {
    const doc = goodDocument();
    doc.tags.push({ id: 'science/general', category: 'programming', name: 'Dup' });
    doc.tags.push({ id: 'science/physics', category: 'programming', name: 'Misfiled' });
    doc.rules.push(rule('/Science/Physics', 'programming', 'science/physics'));
    const problems = check(doc).problems;
    expect(problems).toContainEqual(expect.stringMatching(/Tag "science\/general" is used by two categories \("science" and "programming"\)/));
    expect(problems).toContainEqual(expect.stringMatching(/Tag "science\/physics" belongs to category "programming" but its id/));
  });

  it('reports rules and aliases without a reason', () => {
    const doc = goodDocument();
    doc.rules[0] = rule('/Science', 'science', 'science/general', '  ');
    doc.aliases[0] = { from: '/Food & Beverage', to: '/Food & Drink', reason: '' };
    const problems = check(doc).problems;
    expect(problems).toContainEqual(expect.stringMatching(/Rule 1 \(prefix "\/Science"\) has no reason/));
    expect(problems).toContainEqual(expect.stringMatching(/Alias 1 .* has no reason/));
  });

  it('reports undeclared and unused tags, a missing fallback tag and malformed prefixes', () => {
    const doc = goodDocument();
    doc.tags = doc.tags.filter((t) => t.id !== 'others');
    doc.tags.push({ id: 'science/unused', category: 'science', name: 'Unused' });
    doc.rules.push(rule('/Science/Physics/', 'science', 'science/nope'));
    const problems = check(doc).problems;
    expect(problems).toContainEqual(expect.stringMatching(/fallback tag "others" is not declared/));
    expect(problems).toContainEqual(expect.stringMatching(/Tag "science\/unused" is declared but no rule uses it/));
    expect(problems).toContainEqual(expect.stringMatching(/undeclared tag "science\/nope"/));
    expect(problems).toContainEqual(expect.stringMatching(/malformed prefix: it must not end with "\/"/));
  });
});
