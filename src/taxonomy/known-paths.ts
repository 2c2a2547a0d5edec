import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function readPathList(name: string): string[] {
  const file = fileURLToPath(new URL(`../../taxonomy/${name}`, import.meta.url));
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * The Google category paths the project knows: the complete V1 list (taxonomy/google-categories-v1.txt) and
 * the V2 paths known so far (taxonomy/google-categories-v2-known.txt; not the full V2 list).
 */
export function loadKnownPaths(): { v1: string[]; v2Known: string[] } {
  return { v1: readPathList('google-categories-v1.txt'), v2Known: readPathList('google-categories-v2-known.txt') };
}
