import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { mappingDocumentSchema } from './mapping-document.js';
import { findDocumentProblems } from './mapping-problems.js';
import { createTaxonomyMapping, type TaxonomyMapping } from './taxonomy-mapping.js';

/** The bundled mapping, taxonomy/mapping.yaml at the package root (works from src/ and from dist/). */
export function defaultMappingPath(): string {
  return fileURLToPath(new URL('../../taxonomy/mapping.yaml', import.meta.url));
}

/**
 * Reads, validates and compiles a mapping file (YAML; JSON is valid YAML). Synchronous: it runs once at start-up.
 * Throws one Error naming the file and listing every problem (shape errors from the schema, then the problems of
 * findDocumentProblems) when the file cannot be used.
 */
export function loadMapping(file: string = defaultMappingPath()): TaxonomyMapping {
  const fail = (problems: readonly string[]): never => {
    throw new Error(
      `The taxonomy mapping file ${file} is invalid; fix it and run \`prompt-census taxonomy check\`:\n` +
        problems.map((p) => `- ${p}`).join('\n'),
    );
  };

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(
      `Cannot read the taxonomy mapping file ${file}: ${(err as Error).message}. ` +
        'Set taxonomy.mapping to an existing file, or leave it unset to use the bundled taxonomy/mapping.yaml.',
    );
  }

  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    return fail([`It is not valid YAML: ${(err as Error).message.split('\n')[0]}`]);
  }

  const parsed = mappingDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    return fail(
      parsed.error.issues.map((issue) => {
        const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
        return `${where}: ${issue.message}.`;
      }),
    );
  }
  const problems = findDocumentProblems(parsed.data);
  if (problems.length > 0) fail(problems);
  return createTaxonomyMapping(parsed.data, file);
}
