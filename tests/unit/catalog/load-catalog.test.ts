import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCatalogPath, loadCatalog } from '../../../src/catalog/load-catalog.js';
import { ModelCatalogError } from '../../../src/catalog/model-catalog-error.js';

const dir = mkdtempSync(join(tmpdir(), 'prompt-census-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
function writeCatalog(text: string): string {
  fileNo += 1;
  const file = join(dir, `models-${fileNo}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** The error loadCatalog throws for `file`; fails the test if it does not throw. */
function loadError(file: string): ModelCatalogError {
  try {
    loadCatalog(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelCatalogError);
    return error as ModelCatalogError;
  }
  throw new Error(`loadCatalog(${file}) did not throw`);
}

const validEntry = `  - id: acme/one
    author: Acme
    openWeights: true
    origin: row
    parametersB: 7
    reasoning: false
    source: model card
`;

describe('loadCatalog', () => {
  it('loads a replacement file', () => {
    const file = writeCatalog(`version: "1.2.3"\nmodels:\n${validEntry}`);
    const catalog = loadCatalog(file);
    expect(catalog.version).toBe('1.2.3');
    expect(catalog.lookup('acme/one:free')).toMatchObject({ known: true, sizeClass: 'small', sourceType: 'row-oss' });
  });

  it('defaults to the bundled config/models.yaml', () => {
    expect(defaultCatalogPath()).toMatch(/[\\/]config[\\/]models\.yaml$/);
    expect(loadCatalog().version).toBe(loadCatalog(defaultCatalogPath()).version);
  });

  it('names a missing file', () => {
    const file = join(dir, 'nope.yaml');
    const error = loadError(file);
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toContain('does not exist');
  });

  it('names the file and line of a YAML syntax error', () => {
    const file = writeCatalog('version: "1"\nmodels:\n  - id: [unclosed\n');
    const error = loadError(file);
    expect(error.message).toContain(file);
    expect(error.message).toContain('not valid YAML');
    expect(error.message).toMatch(/line \d+/);
  });

  it('names the entry index, id and field of an invalid value', () => {
    const file = writeCatalog(
      `version: "1"\nmodels:\n${validEntry}  - id: acme/two\n    author: Acme\n    origin: mars\n    pricePer1M: { prompt: -1, completion: 2 }\n    source: note\n`,
    );
    const error = loadError(file);
    expect(error.message).toContain(file);
    expect(error.message).toContain('models[1] (id "acme/two") field "origin"');
    expect(error.message).toContain('models[1] (id "acme/two") field "pricePer1M.prompt"');
  });

  it('rejects unknown fields such as a hand-written sizeClass', () => {
    const file = writeCatalog(
      `version: "1"\nmodels:\n  - pattern: acme/*\n    author: Acme\n    sizeClass: large\n    source: note\n`,
    );
    expect(loadError(file).message).toContain('models[0] (pattern "acme/*"): has unknown field(s) "sizeClass"');
    expect(loadError(file).message).toContain('derived from parametersB');
  });

  it('requires exactly one of id and pattern', () => {
    const both = writeCatalog(`version: "1"\nmodels:\n  - id: acme/a\n    pattern: acme/*\n    author: A\n    source: s\n`);
    expect(loadError(both).message).toContain('exactly one of "id"');
    const neither = writeCatalog(`version: "1"\nmodels:\n  - author: A\n    source: s\n`);
    expect(loadError(neither).message).toContain('models[0] field "id"');
  });

  it('rejects a pattern without *, an id with upper case, and a missing source', () => {
    const file = writeCatalog(
      `version: "1"\nmodels:\n  - pattern: acme/a\n    author: A\n    source: s\n  - id: Acme/B\n    author: A\n    source: s\n  - id: acme/c\n    author: A\n`,
    );
    const message = loadError(file).message;
    expect(message).toContain('models[0] (pattern "acme/a") field "pattern"');
    expect(message).toContain('models[1] (id "Acme/B") field "id"');
    expect(message).toContain('models[2] (id "acme/c") field "source"');
  });

  it('rejects duplicate ids and patterns', () => {
    const file = writeCatalog(`version: "1"\nmodels:\n${validEntry}${validEntry}`);
    expect(loadError(file).message).toContain('models[1] (id "acme/one") field "id": repeats models[0]');
  });

  it('rejects active parameters above the total or without a total', () => {
    const file = writeCatalog(
      `version: "1"\nmodels:\n  - id: acme/a\n    author: A\n    parametersB: 10\n    activeParametersB: 12\n    source: s\n  - id: acme/b\n    author: A\n    activeParametersB: 3\n    source: s\n`,
    );
    const message = loadError(file).message;
    expect(message).toContain('models[0] (id "acme/a") field "activeParametersB"');
    expect(message).toContain('models[1] (id "acme/b") field "activeParametersB"');
  });

  it('rejects a version YAML reads as a number, and a file that is not a mapping', () => {
    expect(loadError(writeCatalog(`version: 2026.11\nmodels: []\n`)).message).toContain('field "version"');
    expect(loadError(writeCatalog(`- just a list\n`)).message).toContain(dir);
  });
});
