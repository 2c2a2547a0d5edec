import type { CatalogEntry } from './catalog-file-schema.js';
import { globToRegExp } from './glob-pattern.js';
import { authorOfModelId, stripDateSuffix, stripVariantSuffixes } from './model-id.js';
import { sizeClassOf } from './size-class.js';
import { sourceTypeOf } from './source-type.js';

/** What the catalog knows about one model id. Dimensions of a report are computed from this at report time. */
export interface ModelInfo {
  id: string;
  known: boolean;
  author: string;
  openWeights: boolean | null;
  origin: 'chinese' | 'row' | null;
  parametersB: number | null;
  sizeClass: 'small' | 'medium' | 'large' | 'undisclosed' | 'unknown';
  reasoning: boolean | null;
  pricePer1M?: { prompt: number; completion: number };
  sourceType: 'closed' | 'chinese-oss' | 'row-oss' | 'unknown';
}

export interface ModelCatalog {
  readonly version: string;
  /** Facts for a model id as it appears in events; never throws, unknown ids give `known: false`. */
  lookup(modelId: string): ModelInfo;
  /** One record per catalog entry, in file order (`id` is the entry's id or pattern). */
  entries(): readonly ModelInfo[];
}

/** Distinct ids remembered per catalog; past this the memo starts over, so odd input cannot grow it forever. */
const MEMO_LIMIT = 10_000;

interface CompiledPattern {
  readonly regex: RegExp;
  readonly entry: CatalogEntry;
  readonly length: number;
  readonly order: number;
}

/**
 * Builds a catalog from validated entries. Lookup order for an id: the exact id as given (lower-cased),
 * then without variant suffixes (`:free`, `:thinking`, ...), then without a trailing date; failing that,
 * the longest matching pattern (first in file on a tie) against the id without variant suffixes.
 */
export function createModelCatalog(version: string, entries: readonly CatalogEntry[]): ModelCatalog {
  const exact = new Map<string, CatalogEntry>();
  const patterns: CompiledPattern[] = [];
  entries.forEach((entry, order) => {
    if (entry.id !== undefined) exact.set(entry.id, entry);
    else if (entry.pattern !== undefined) {
      patterns.push({ regex: globToRegExp(entry.pattern), entry, length: entry.pattern.length, order });
    }
  });
  patterns.sort((a, b) => b.length - a.length || a.order - b.order);

  const all: readonly ModelInfo[] = Object.freeze(
    entries.map((entry) => toModelInfo(entry.id ?? entry.pattern ?? '', entry)),
  );
  const memo = new Map<string, ModelInfo>();

  function resolve(modelId: string): ModelInfo {
    const lower = modelId.trim().toLowerCase();
    const base = stripVariantSuffixes(lower);
    const hit = exact.get(lower) ?? exact.get(base) ?? exact.get(stripDateSuffix(base));
    if (hit !== undefined) return toModelInfo(modelId, hit);
    const pattern = patterns.find((p) => p.regex.test(base));
    if (pattern !== undefined) return toModelInfo(modelId, pattern.entry);
    return unknownModelInfo(modelId);
  }

  return {
    version,
    lookup(modelId: string): ModelInfo {
      const cached = memo.get(modelId);
      if (cached !== undefined) return cached;
      const info = resolve(modelId);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(modelId, info);
      return info;
    },
    entries: () => all,
  };
}

function toModelInfo(id: string, entry: CatalogEntry): ModelInfo {
  const openWeights = entry.openWeights ?? null;
  const origin = entry.origin ?? null;
  const parametersB = entry.parametersB ?? null;
  const info: ModelInfo = {
    id,
    known: true,
    author: entry.author,
    openWeights,
    origin,
    parametersB,
    sizeClass: sizeClassOf(parametersB, openWeights),
    reasoning: entry.reasoning ?? null,
    sourceType: sourceTypeOf(openWeights, origin),
  };
  if (entry.pricePer1M !== undefined) info.pricePer1M = Object.freeze({ ...entry.pricePer1M });
  return Object.freeze(info);
}

function unknownModelInfo(id: string): ModelInfo {
  return Object.freeze({
    id,
    known: false,
    author: authorOfModelId(id),
    openWeights: null,
    origin: null,
    parametersB: null,
    sizeClass: 'unknown',
    reasoning: null,
    sourceType: 'unknown',
  });
}
