import type { z } from 'zod';

/**
 * The keys a strict object of a schema accepts at a dotted path (["redis"] → url, prefix, cluster), looking through
 * defaults, prefaults, optionals and pipes; undefined when the path does not lead to an object schema.
 */
export function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let s: z.core.$ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (!s || s._zod.def.type !== 'object') return undefined;
    const shape: Record<string, z.core.$ZodType> = (s._zod.def as z.core.$ZodObjectDef).shape;
    s = Object.prototype.hasOwnProperty.call(shape, segment) ? unwrap(shape[String(segment)]!) : undefined;
  }
  if (!s || s._zod.def.type !== 'object') return undefined;
  return Object.keys((s._zod.def as z.core.$ZodObjectDef).shape);
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  for (;;) {
    const def = s._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (def.innerType && ['prefault', 'default', 'optional', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type)) {
      s = def.innerType;
    } else if (def.type === 'pipe' && def.in) {
      s = def.in;
    } else {
      return s;
    }
  }
}

/**
 * The known key an unknown one was probably meant to be: the same letters ignoring case, "_" and "-"
 * (max_chars → maxChars), or at most one edit away per three characters (reddis → redis, smapling → sampling).
 */
export function closestKey(unknown: string, known: readonly string[]): string | undefined {
  const norm = (k: string) => k.toLowerCase().replace(/[-_]/g, '');
  const u = norm(unknown);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(u, norm(k));
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(u.length / 3)) ? best : undefined;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}
