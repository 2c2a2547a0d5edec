/**
 * Test support (not a test): find every number a report publishes inside a cell flagged `suppressed: true`.
 * Month offsets of retention curves are labels, not figures. `exactRows` names the top-level arrays whose rows
 * keep exact numbers by contract (byModel, byProvider, byWeek, byDay in the JSON); pass [] for published data.
 */
export const EXACT_ROWS = ['byModel', 'byProvider', 'byWeek', 'byDay'];

const LABEL_KEYS = new Set(['offset']);

export function suppressedNumbers(report: unknown, exactRows: readonly string[] = EXACT_ROWS): string[] {
  const found: string[] = [];
  const exact = new RegExp(`^(${exactRows.join('|') || '(?!)'})\\[\\d+\\]$`);
  const walk = (v: unknown, path: string, key: string, inside: boolean) => {
    if (typeof v === 'number') {
      if (inside && !LABEL_KEYS.has(key)) found.push(`${path} = ${v}`);
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`, key, inside));
      return;
    }
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const here = inside || (o.suppressed === true && !exact.test(path));
      for (const [k, x] of Object.entries(o)) walk(x, path ? `${path}.${k}` : k, k, here);
    }
  };
  walk(report, '', '', false);
  return found;
}

/** Every object flagged suppressed, by path (to check a test scenario really produced suppressed cells). */
export function suppressedPaths(report: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      if ((v as { suppressed?: unknown }).suppressed === true) out.push(path);
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    }
  };
  walk(report, '');
  return out;
}
