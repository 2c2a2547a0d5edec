import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { catalogFileSchema } from './catalog-file-schema.js';
import { createModelCatalog, type ModelCatalog } from './model-catalog.js';
import { ModelCatalogError } from './model-catalog-error.js';

/** Most problems listed in one error message; the rest are counted. */
const MAX_LISTED_ISSUES = 10;

/** The catalog shipped with the package: config/models.yaml at the package root. */
export function defaultCatalogPath(): string {
  return fileURLToPath(new URL('../../config/models.yaml', import.meta.url));
}

/**
 * Reads, validates and compiles a model catalog file (the bundled one when `file` is not given).
 * Synchronous: it runs once at start-up. Throws ModelCatalogError naming the file, and for invalid
 * entries their index, id or pattern and field.
 */
export function loadCatalog(file: string = defaultCatalogPath()): ModelCatalog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new ModelCatalogError(
      `Model catalog file ${file} ${reason}. Check the catalog path in the config, or leave it unset to use the bundled catalog.`,
      file,
      { cause: error },
    );
  }

  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const yamlError = document.errors[0];
  if (yamlError !== undefined) {
    throw new ModelCatalogError(
      `Model catalog file ${file} is not valid YAML: ${firstLine(yamlError.message)}. Fix the syntax and restart.`,
      file,
      { cause: yamlError },
    );
  }
  const raw: unknown = document.toJS();

  const parsed = catalogFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => `  - ${describeIssue(issue, raw)}`);
    if (issues.length > MAX_LISTED_ISSUES) listed.push(`  - and ${issues.length - MAX_LISTED_ISSUES} more problems`);
    throw new ModelCatalogError(
      `Model catalog file ${file} is invalid:\n${listed.join('\n')}\nFix these entries (the file's header comment describes every field) and restart.`,
      file,
    );
  }
  return createModelCatalog(parsed.data.version, parsed.data.models);
}

/** The first line of a multi-line parser message, without its trailing colon. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/[:.\s]+$/, '');
}

/** `models[12] (id "openai/gpt-4o") field "pricePer1M.prompt": must be 0 or more`. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const message = issueMessage(issue);
  const path = issue.path;
  if (path[0] === 'models' && typeof path[1] === 'number') {
    const index = path[1];
    const field = path.slice(2).map(String).join('.');
    const where = `models[${index}]${entryLabel(raw, index)}`;
    return field === '' ? `${where}: ${message}` : `${where} field "${field}": ${message}`;
  }
  const field = path.map(String).join('.');
  return field === '' ? message : `field "${field}": ${message}`;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const keys = issue.keys.map((k) => `"${k}"`).join(', ');
  const hint = issue.keys.includes('sizeClass') ? ' (sizeClass is derived from parametersB, so it is never written)' : '';
  return `has unknown field(s) ${keys}; remove or rename them${hint}`;
}

/** ` (id "x")` or ` (pattern "y")` for the raw entry at `index`, when it has one. */
function entryLabel(raw: unknown, index: number): string {
  const models = (raw as { models?: unknown } | null)?.models;
  const entry: unknown = Array.isArray(models) ? models[index] : undefined;
  if (entry === null || typeof entry !== 'object') return '';
  const { id, pattern } = entry as { id?: unknown; pattern?: unknown };
  if (typeof id === 'string') return ` (id "${id}")`;
  if (typeof pattern === 'string') return ` (pattern "${pattern}")`;
  return '';
}
