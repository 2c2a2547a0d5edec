import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { buildLocalModel, type LocalModel } from './local-model.js';

/** The model shipped with the package (built by `npm run train:classifier`). */
export function bundledModelPath(): string {
  return fileURLToPath(new URL('../../../taxonomy/local-classifier/model.json', import.meta.url));
}

/** Reads and checks a model file. A missing, unreadable or corrupt file throws an Error that names the path. */
export async function loadLocalModel(path: string = bundledModelPath()): Promise<LocalModel> {
  const fullPath = resolve(path);
  let raw: string;
  try {
    raw = await readFile(fullPath, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new Error(
      `The local classifier model file ${fullPath} could not be read (${code ?? String(cause)}). ` +
        'Set classifier.local.model to an existing model file, or leave it unset to use the bundled model ' +
        '(rebuild it with `npm run train:classifier`).',
      { cause },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new Error(
      `The local classifier model file ${fullPath} is not valid JSON (${(cause as Error).message}). ` +
        'Rebuild it with `npm run train:classifier` or point classifier.local.model at a valid model.',
      { cause },
    );
  }
  try {
    return buildLocalModel(json);
  } catch (cause) {
    throw new Error(
      `The local classifier model file ${fullPath} is corrupt: ${(cause as Error).message}. ` +
        'Rebuild it with `npm run train:classifier` or point classifier.local.model at a valid model.',
      { cause },
    );
  }
}
