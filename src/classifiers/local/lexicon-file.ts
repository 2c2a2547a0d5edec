import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { isLocalCategory } from './categories.js';

const lexiconFileSchema = z.strictObject({
  lexicon: z.record(z.string(), z.array(z.string().min(1)).min(1)),
});

/** The bundled lexicon source (copied into the model by the training script). */
export function bundledLexiconPath(): string {
  return fileURLToPath(new URL('../../../taxonomy/local-classifier/lexicons.yaml', import.meta.url));
}

/** Reads a lexicon YAML file: `lexicon: {<category>: [terms...]}`. */
export async function loadLexiconFile(path: string = bundledLexiconPath()): Promise<Record<string, string[]>> {
  const parsed = lexiconFileSchema.safeParse(parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a valid lexicon file: ${parsed.error.message}`);
  for (const c of Object.keys(parsed.data.lexicon)) {
    if (!isLocalCategory(c)) throw new Error(`${path} names an unknown category "${c}".`);
  }
  return parsed.data.lexicon;
}
