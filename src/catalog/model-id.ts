/**
 * Normalisation of OpenRouter-style model ids (`author/slug[:variant]`) before catalog lookup.
 * Pure string functions; no catalog knowledge.
 */

/** OpenRouter routing variants that do not change which model answers. */
export const VARIANT_SUFFIXES: readonly string[] = [
  ':free',
  ':nitro',
  ':floor',
  ':online',
  ':thinking',
  ':extended',
  ':beta',
  ':exacto',
];

/**
 * A trailing release date: -2024-08-06, -20241022, -08-2024, -05-20, -0324 / -2507.
 * Only used where the undated id is catalogued, so a short form that is not a date does no harm.
 */
const DATE_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|\d{8}|\d{2}-\d{4}|\d{2}-\d{2}|\d{4})$/;

/** Lower-cases, trims and removes every trailing variant suffix (`:free`, `:thinking`, ...). */
export function stripVariantSuffixes(modelId: string): string {
  let id = modelId.trim().toLowerCase();
  for (;;) {
    const suffix = VARIANT_SUFFIXES.find((s) => id.endsWith(s));
    if (suffix === undefined) return id;
    id = id.slice(0, -suffix.length);
  }
}

/** Removes one trailing date suffix; returns the id unchanged when it has none. */
export function stripDateSuffix(modelId: string): string {
  return modelId.replace(DATE_SUFFIX, '');
}

/** The author part of `author/slug`, or `unknown` when the id has no author prefix. */
export function authorOfModelId(modelId: string): string {
  const slash = modelId.indexOf('/');
  const author = slash > 0 ? modelId.slice(0, slash).trim() : '';
  return author === '' ? 'unknown' : author;
}
