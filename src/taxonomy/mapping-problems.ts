import { CATEGORY_IDS, isCategoryId } from './categories.js';
import { categoryPathProblem, hasPathPrefix } from './category-path.js';
import type { MappingDocument } from './mapping-document.js';
import { FALLBACK_TAG } from './taxonomy-mapping.js';

const TAG_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)?$/;
const VALID_CATEGORIES = CATEGORY_IDS.join(', ');

/**
 * Every problem of a well-shaped mapping document that needs no list of known paths: malformed prefixes,
 * overlapping rules (two rules with the same prefix), unknown categories, undeclared or unused tags, a tag used by
 * two categories, rules and aliases without a reason, and rules an alias makes unreachable. Each problem is one
 * sentence that says what to fix. An empty list means the document is usable.
 */
export function findDocumentProblems(document: MappingDocument): string[] {
  const problems: string[] = [];
  const ruleName = (i: number) => `Rule ${i + 1} (prefix "${document.rules[i]?.prefix}")`;

  const tagCategory = new Map<string, string>();
  for (const tag of document.tags) {
    if (!TAG_ID.test(tag.id)) {
      problems.push(`Tag "${tag.id}" is not a valid tag id: use "<category>" or "<category>/<kebab-slug>" in lower case.`);
    }
    if (!isCategoryId(tag.category)) {
      problems.push(`Tag "${tag.id}" names the unknown category "${tag.category}"; valid categories are: ${VALID_CATEGORIES}.`);
    } else if (tag.id.split('/')[0] !== tag.category) {
      problems.push(`Tag "${tag.id}" belongs to category "${tag.category}" but its id does not start with it: rename it "${tag.category}/…".`);
    }
    const earlier = tagCategory.get(tag.id);
    if (earlier === undefined) tagCategory.set(tag.id, tag.category);
    else if (earlier !== tag.category) {
      problems.push(`Tag "${tag.id}" is used by two categories ("${earlier}" and "${tag.category}"): a tag must roll up into exactly one category.`);
    } else problems.push(`Tag "${tag.id}" is declared twice: remove one declaration.`);
  }
  const fallback = tagCategory.get(FALLBACK_TAG);
  if (fallback === undefined) {
    problems.push(`The fallback tag "${FALLBACK_TAG}" is not declared: add { id: ${FALLBACK_TAG}, category: others, name: ... } to tags.`);
  } else if (fallback !== 'others') {
    problems.push(`The fallback tag "${FALLBACK_TAG}" must belong to category "others", not "${fallback}".`);
  }

  const firstRuleOf = new Map<string, number>();
  const usedTags = new Set<string>([FALLBACK_TAG]);
  document.rules.forEach((rule, i) => {
    const pathProblem = categoryPathProblem(rule.prefix);
    if (pathProblem) problems.push(`${ruleName(i)} has a malformed prefix: ${pathProblem}.`);
    const first = firstRuleOf.get(rule.prefix);
    if (first === undefined) firstRuleOf.set(rule.prefix, i);
    else {
      problems.push(`${ruleName(i)} overlaps rule ${first + 1}: both have the same prefix, so rule ${i + 1} is never used; keep one of them.`);
    }
    if (!isCategoryId(rule.category)) {
      problems.push(`${ruleName(i)} names the unknown category "${rule.category}"; valid categories are: ${VALID_CATEGORIES}.`);
    }
    usedTags.add(rule.tag);
    const declared = tagCategory.get(rule.tag);
    if (declared === undefined) {
      problems.push(`${ruleName(i)} uses the undeclared tag "${rule.tag}": declare it under tags with its category and a display name.`);
    } else if (declared !== rule.category) {
      problems.push(`Tag "${rule.tag}" is used by two categories: declared under "${declared}", but ${ruleName(i)} maps it to "${rule.category}".`);
    }
    if (rule.reason.trim() === '') problems.push(`${ruleName(i)} has no reason: say which statement of the study or which decision it encodes.`);
  });
  for (const id of tagCategory.keys()) {
    if (!usedTags.has(id)) problems.push(`Tag "${id}" is declared but no rule uses it: remove it or add a rule for it.`);
  }

  const aliasFroms = new Set<string>();
  document.aliases.forEach((alias, i) => {
    const name = `Alias ${i + 1} ("${alias.from}" → "${alias.to}")`;
    for (const [field, value] of [['from', alias.from], ['to', alias.to]] as const) {
      const pathProblem = categoryPathProblem(value);
      if (pathProblem) problems.push(`${name} has a malformed "${field}": ${pathProblem}.`);
    }
    if (aliasFroms.has(alias.from)) problems.push(`${name} repeats an earlier alias of "${alias.from}": keep one.`);
    aliasFroms.add(alias.from);
    if (hasPathPrefix(alias.to, alias.from)) problems.push(`${name} rewrites a path to itself or below itself: "to" must lie outside "from".`);
    if (alias.reason.trim() === '') problems.push(`${name} has no reason: say why the two spellings are the same category.`);
  });
  for (const alias of document.aliases) {
    for (const other of document.aliases) {
      if (other !== alias && hasPathPrefix(alias.to, other.from)) {
        problems.push(`Alias "${alias.from}" → "${alias.to}" leads into alias "${other.from}", which is not applied again: point it at the final path.`);
      }
    }
    document.rules.forEach((rule, i) => {
      if (hasPathPrefix(rule.prefix, alias.from)) {
        problems.push(`${ruleName(i)} is unreachable: alias "${alias.from}" rewrites every matching path to "${alias.to}" first; write the rule under "${alias.to}".`);
      }
    });
  }
  return problems;
}
