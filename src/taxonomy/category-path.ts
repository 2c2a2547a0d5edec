/**
 * Google content-category paths ("/Science/Computer Science") compared on whole segments: "/Science" is a prefix
 * of "/Science/Astronomy" but not of "/Sciencefoo". Matching is exact on case and spelling, as Google returns
 * categories as exact English strings.
 */

/** Trims surrounding whitespace and trailing slashes: "/Science/ " → "/Science". */
export function normalizeCategoryPath(path: string): string {
  let p = path.trim();
  while (p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

/** True when `prefix` equals `path` or is a whole-segment ancestor of it. Both must be normalised. */
export function hasPathPrefix(path: string, prefix: string): boolean {
  return path === prefix || (path.length > prefix.length && path.startsWith(prefix) && path[prefix.length] === '/');
}

/** True when `ancestor` is a strict whole-segment ancestor of `path`. Both must be normalised. */
export function isStrictAncestorPath(ancestor: string, path: string): boolean {
  return ancestor.length > 1 && ancestor !== path && hasPathPrefix(path, ancestor);
}

/** Number of segments: "/Science/Astronomy" → 2. */
export function pathDepth(path: string): number {
  let depth = 0;
  for (const ch of path) if (ch === '/') depth++;
  return depth;
}

/**
 * Why `prefix` is not a well-formed category path, or undefined when it is: it must start with "/", have no
 * empty segment, no trailing "/" and no whitespace around a segment.
 */
export function categoryPathProblem(prefix: string): string | undefined {
  if (!prefix.startsWith('/')) return 'it must start with "/"';
  if (prefix.length === 1) return 'it has no segment';
  if (prefix.endsWith('/')) return 'it must not end with "/"';
  const segments = prefix.slice(1).split('/');
  if (segments.some((s) => s.length === 0)) return 'it has an empty segment ("//")';
  if (segments.some((s) => s.trim() !== s)) return 'a segment starts or ends with whitespace';
  return undefined;
}
