import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultMappingPath, loadMapping } from '../../../src/taxonomy/load-mapping.js';

const dir = mkdtempSync(join(tmpdir(), 'pc-taxonomy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const GOOD = `
version: "t1"
tags:
  - { id: others, category: others, name: Others }
  - { id: science/general, category: science, name: Science }
rules:
  - { prefix: /Science, category: science, tag: science/general, reason: test }
`;

describe('loadMapping', () => {
  it('loads the bundled mapping by default', () => {
    const mapping = loadMapping();
    expect(mapping.source).toBe(defaultMappingPath());
    expect(defaultMappingPath()).toMatch(/taxonomy[/\\]mapping\.yaml$/);
    expect(mapping.map('/Adult').category).toBe('adult');
  });

  it('loads a valid file (aliases optional) and reports its version and source', () => {
    const path = file('good.yaml', GOOD);
    const mapping = loadMapping(path);
    expect(mapping).toMatchObject({ version: 't1', source: path });
    expect(mapping.map('/Science/Physics')).toEqual({
      path: '/Science/Physics',
      category: 'science',
      tag: 'science/general',
      rule: '/Science',
    });
    expect(mapping.tags()).toEqual([
      { id: 'others', category: 'others', name: 'Others' },
      { id: 'science/general', category: 'science', name: 'Science' },
    ]);
  });

  it('accepts JSON, which is valid YAML', () => {
    const json = {
      version: 'j1',
      tags: [{ id: 'others', category: 'others', name: 'Others' }, { id: 'adult/adult', category: 'adult', name: 'Adult' }],
      rules: [{ prefix: '/Adult', category: 'adult', tag: 'adult/adult', reason: 'test' }],
    };
    expect(loadMapping(file('m.json', JSON.stringify(json))).map('/Adult').tag).toBe('adult/adult');
  });

  it('names the file when it cannot be read', () => {
    const missing = join(dir, 'missing.yaml');
    expect(() => loadMapping(missing)).toThrow(`Cannot read the taxonomy mapping file ${missing}`);
  });

  it('names the file when it is not YAML', () => {
    const path = file('broken.yaml', 'version: "x"\nrules: [\n');
    expect(() => loadMapping(path)).toThrow(new RegExp(`${path}.*invalid[\\s\\S]*not valid YAML`));
  });

  it('lists every shape problem', () => {
    const path = file('shape.yaml', 'tags: []\nrules:\n  - { prefix: /A, category: science, tag: science/x, reson: typo }\nextra: 1\n');
    let message = '';
    try {
      loadMapping(path);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(`The taxonomy mapping file ${path} is invalid`);
    expect(message).toMatch(/- version: /);
    expect(message).toMatch(/- tags: /);
    expect(message).toMatch(/- rules\.0\.reason: /);
    expect(message).toMatch(/reson/);
    expect(message).toMatch(/extra/);
  });

  it('lists every semantic problem (unknown category, overlap, missing reason)', () => {
    const path = file(
      'semantic.yaml',
      GOOD +
        '  - { prefix: /Science, category: science, tag: science/general, reason: dup }\n' +
        '  - { prefix: /Games, category: games, tag: science/general, reason: "" }\n',
    );
    let message = '';
    try {
      loadMapping(path);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(path);
    expect(message).toMatch(/- Rule 2 \(prefix "\/Science"\) overlaps rule 1/);
    expect(message).toMatch(/- Rule 3 \(prefix "\/Games"\) names the unknown category "games"/);
    expect(message).toMatch(/- Rule 3 \(prefix "\/Games"\) has no reason/);
  });
});
