import { isCategoryId, type CategoryId } from './categories.js';
import { hasPathPrefix, normalizeCategoryPath } from './category-path.js';
import type { MappingDocument } from './mapping-document.js';

/** The tag (and, with category `others`, the answer) for a path no rule matches. */
export const FALLBACK_TAG = 'others';

export interface MappedPath {
  /** The path as given. */
  path: string;
  category: CategoryId;
  tag: string;
  /** The prefix of the rule that decided, or null when no rule matched (category and tag `others`). */
  rule: string | null;
}

export interface TaxonomyMapping {
  readonly version: string;
  /** Where the mapping came from (a file path, or a label for a mapping built in code). */
  readonly source: string;
  /** The declarations the mapping was built from, as written; checkMapping inspects them. */
  readonly document: MappingDocument;
  /**
   * Maps one Google category path: trims it and drops trailing slashes, rewrites an alias prefix, then takes the
   * rule with the longest whole-segment prefix of the result. Unknown paths map to `others`.
   */
  map(path: string): MappedPath;
  /** Every declared tag with its category and display name. */
  tags(): ReadonlyArray<{ id: string; category: CategoryId; name: string }>;
}

interface CompiledRule {
  prefix: string;
  category: CategoryId;
  tag: string;
}

/**
 * Builds the matching engine from a mapping document. It does not validate: loadMapping rejects invalid files,
 * and checkMapping reports every problem. Where the document is wrong the engine stays deterministic: of two rules
 * with the same prefix the first wins, and a rule with an unknown category or a malformed prefix never matches.
 */
export function createTaxonomyMapping(document: MappingDocument, source: string): TaxonomyMapping {
  const byPrefix = new Map<string, CompiledRule>();
  for (const rule of document.rules) {
    if (byPrefix.has(rule.prefix) || !isCategoryId(rule.category)) continue;
    byPrefix.set(rule.prefix, { prefix: rule.prefix, category: rule.category, tag: rule.tag });
  }
  const aliases = document.aliases
    .map((a) => ({ from: a.from, to: a.to }))
    .sort((a, b) => b.from.length - a.from.length);
  const tags = document.tags.flatMap((t) =>
    isCategoryId(t.category) ? [Object.freeze({ id: t.id, category: t.category, name: t.name })] : [],
  );

  function resolve(normalized: string): string {
    for (const alias of aliases) {
      if (hasPathPrefix(normalized, alias.from)) return alias.to + normalized.slice(alias.from.length);
    }
    return normalized;
  }

  function longestRule(p: string): CompiledRule | undefined {
    let candidate = p;
    while (candidate.length > 1) {
      const rule = byPrefix.get(candidate);
      if (rule) return rule;
      const cut = candidate.lastIndexOf('/');
      if (cut <= 0) return undefined;
      candidate = candidate.slice(0, cut);
    }
    return undefined;
  }

  return {
    version: document.version,
    source,
    document,
    map(path: string): MappedPath {
      const rule = longestRule(resolve(normalizeCategoryPath(path)));
      return rule
        ? { path, category: rule.category, tag: rule.tag, rule: rule.prefix }
        : { path, category: 'others', tag: FALLBACK_TAG, rule: null };
    },
    tags() {
      return tags;
    },
  };
}
