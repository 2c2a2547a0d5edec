import { CATEGORY_IDS } from './categories.js';
import { findDocumentProblems } from './mapping-problems.js';
import type { TaxonomyMapping } from './taxonomy-mapping.js';

export interface MappingCheck {
  /** True when there is no problem. */
  ok: boolean;
  /** One sentence per problem, saying what to fix. */
  problems: string[];
  /** The known paths that map to category `others`, in the order given. */
  othersPaths: string[];
  /** Number of distinct known paths per category id (every category present, zero included). */
  counts: Record<string, number>;
}

/**
 * Checks a mapping against the Google paths the project knows (`taxonomy check`). Problems: everything
 * findDocumentProblems finds (overlapping rules, unknown categories, a tag used by two categories, rules without a
 * reason, ...) and unreachable rules. A rule is unreachable when it decides none of the known paths: no known path
 * lies at or under its prefix (usually a misspelt prefix), or every one that does is taken by a more specific rule.
 * Such a rule changes no answer for any path Google is known to return, so it is either dead or meant for a path
 * that belongs in taxonomy/google-categories-v2-known.txt.
 */
export function checkMapping(mapping: TaxonomyMapping, knownPaths: readonly string[]): MappingCheck {
  const problems = findDocumentProblems(mapping.document);
  const counts: Record<string, number> = Object.fromEntries(CATEGORY_IDS.map((id) => [id, 0]));
  const othersPaths: string[] = [];
  const decidingRules = new Set<string>();
  const paths = [...new Set(knownPaths)];

  for (const path of paths) {
    const mapped = mapping.map(path);
    counts[mapped.category] = (counts[mapped.category] ?? 0) + 1;
    if (mapped.rule !== null) decidingRules.add(mapped.rule);
    if (mapped.category === 'others') othersPaths.push(path);
  }

  const reported = new Set<string>();
  mapping.document.rules.forEach((rule, i) => {
    if (decidingRules.has(rule.prefix) || reported.has(rule.prefix)) return;
    reported.add(rule.prefix);
    problems.push(
      `Rule ${i + 1} (prefix "${rule.prefix}") is unreachable: it decides none of the ${paths.length} known paths ` +
        '(none lies at or under its prefix, or more specific rules take them all). Fix the prefix, remove the rule, ' +
        'or add the Google path it is meant for to taxonomy/google-categories-v2-known.txt.',
    );
  });

  return { ok: problems.length === 0, problems, othersPaths, counts };
}
