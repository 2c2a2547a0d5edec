import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../../src/catalog/catalog-file-schema.js';
import { createModelCatalog } from '../../../src/catalog/model-catalog.js';

const source = 'test fixture';

const entries: CatalogEntry[] = [
  { pattern: 'acme/*', author: 'Acme (any)', origin: 'row', source },
  { pattern: 'acme/big-*', author: 'Acme (big)', openWeights: true, origin: 'row', source },
  { pattern: 'acme/big-chat*', author: 'Acme (big chat)', openWeights: true, origin: 'row', reasoning: false, source },
  { pattern: 'acme/big-cha*', author: 'Acme (same length, first)', source },
  { pattern: 'acme/big-ch*t', author: 'Acme (same length, second)', source },
  {
    id: 'acme/big-chat',
    author: 'Acme',
    openWeights: true,
    origin: 'row',
    parametersB: 72,
    activeParametersB: 8,
    reasoning: false,
    pricePer1M: { prompt: 1, completion: 2 },
    source,
  },
  { id: 'acme/big-chat-2507', author: 'Acme', openWeights: true, origin: 'row', parametersB: 72, reasoning: true, source },
  { id: 'lab/closed', author: 'Lab', openWeights: false, origin: 'chinese', reasoning: true, source },
  { id: 'lab/open', author: 'Lab', openWeights: true, origin: 'chinese', parametersB: 14.9, source },
];

const catalog = createModelCatalog('2026.1.0', entries);

describe('createModelCatalog lookup', () => {
  it('returns the exact entry with derived size class and source type', () => {
    const info = catalog.lookup('acme/big-chat');
    expect(info).toEqual({
      id: 'acme/big-chat',
      known: true,
      author: 'Acme',
      openWeights: true,
      origin: 'row',
      parametersB: 72,
      sizeClass: 'large',
      reasoning: false,
      pricePer1M: { prompt: 1, completion: 2 },
      sourceType: 'row-oss',
    });
  });

  it('derives closed and chinese-oss source types and leaves price out when unknown', () => {
    const closed = catalog.lookup('lab/closed');
    expect(closed.sourceType).toBe('closed');
    expect(closed.sizeClass).toBe('undisclosed');
    expect(closed.pricePer1M).toBeUndefined();
    const open = catalog.lookup('lab/open');
    expect(open.sourceType).toBe('chinese-oss');
    expect(open.sizeClass).toBe('small');
    expect(open.reasoning).toBeNull();
  });

  it('strips OpenRouter variant suffixes and case before the exact lookup, keeping the id as seen', () => {
    for (const id of ['acme/big-chat:free', 'acme/big-chat:nitro', 'acme/big-chat:thinking', 'ACME/Big-Chat:beta']) {
      const info = catalog.lookup(id);
      expect(info.id).toBe(id);
      expect(info.author).toBe('Acme');
      expect(info.parametersB).toBe(72);
    }
  });

  it('strips a date suffix only when the dated id is not listed itself', () => {
    expect(catalog.lookup('acme/big-chat-2024-08-06').author).toBe('Acme');
    expect(catalog.lookup('acme/big-chat-20250101:free').author).toBe('Acme');
    const dated = catalog.lookup('acme/big-chat-2507');
    expect(dated.reasoning).toBe(true);
  });

  it('prefers an exact id over any pattern', () => {
    expect(catalog.lookup('acme/big-chat').author).toBe('Acme');
  });

  it('prefers the longer pattern and breaks ties by file order', () => {
    expect(catalog.lookup('acme/big-chatter').author).toBe('Acme (big chat)');
    expect(catalog.lookup('acme/big-model').author).toBe('Acme (big)');
    expect(catalog.lookup('acme/small').author).toBe('Acme (any)');
    // 'acme/big-cha*' and 'acme/big-ch*t' are both 13 characters; the earlier one in the file wins.
    expect(catalog.lookup('acme/big-chant').author).toBe('Acme (same length, first)');
  });

  it('matches patterns after variant suffixes are stripped', () => {
    expect(catalog.lookup('acme/big-chatter:free').author).toBe('Acme (big chat)');
  });

  it('keeps fields a pattern does not set as null', () => {
    const info = catalog.lookup('acme/small');
    expect(info).toMatchObject({ known: true, openWeights: null, parametersB: null, reasoning: null });
    expect(info.sizeClass).toBe('unknown');
    expect(info.sourceType).toBe('unknown');
  });

  it('reports unknown models as such, with the author taken from the id prefix', () => {
    expect(catalog.lookup('other/thing:free')).toEqual({
      id: 'other/thing:free',
      known: false,
      author: 'other',
      openWeights: null,
      origin: null,
      parametersB: null,
      sizeClass: 'unknown',
      reasoning: null,
      sourceType: 'unknown',
    });
    expect(catalog.lookup('no-prefix').author).toBe('unknown');
  });

  it('memoises per id and returns frozen results', () => {
    const first = catalog.lookup('acme/big-chat:free');
    expect(catalog.lookup('acme/big-chat:free')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.pricePer1M)).toBe(true);
  });

  it('is deterministic across catalogs built from the same entries', () => {
    const other = createModelCatalog('2026.1.0', entries);
    for (const id of ['acme/big-chant', 'acme/big-chat-2507', 'acme/x', 'zzz/y']) {
      expect(other.lookup(id)).toEqual(catalog.lookup(id));
    }
  });
});

describe('createModelCatalog entries', () => {
  it('lists one record per entry in file order, named by id or pattern', () => {
    const list = catalog.entries();
    expect(catalog.version).toBe('2026.1.0');
    expect(list.map((e) => e.id)).toEqual(entries.map((e) => e.id ?? e.pattern));
    expect(list.every((e) => e.known)).toBe(true);
  });
});
