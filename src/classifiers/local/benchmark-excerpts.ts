import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { excerptOf } from '../../event/excerpt.js';
import { generateArchive } from '../../generate/generate-archive.js';
import { prepareExcerpt } from '../shared/prepare-excerpt.js';
import { hashString, seededRandom } from './labeled-dataset.js';

/**
 * Realistic, distinct 1,000-character excerpts for the throughput benchmark. Repeating one short text to 1,000
 * characters would overstate the rate (few distinct features), so the benchmark uses two kinds:
 * - `concatenated`: different labeled texts joined with a newline, in a seeded shuffled order, until the excerpt
 *   is full (mixed topics, and often mixed languages);
 * - `generated`: prompts of the synthetic archive (`prompt-census generate`) whose excerpt is at least
 *   `minCodePoints` long, cut like the pipeline cuts them.
 * Every excerpt is cut with the classifiers' own prepareExcerpt (at most 1,000 code points).
 */

export const BENCHMARK_EXCERPT_CODE_POINTS = 1000;

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
    n++;
  }
  return n;
}

/** `count` excerpts, each of different texts concatenated until it reaches 1,000 code points. */
export function concatenatedExcerpts(texts: readonly string[], count: number, seed = 1): string[] {
  const pool = texts.map((t) => t.trim()).filter((t) => t.length > 0);
  if (pool.length === 0) throw new Error('No non-empty texts to build benchmark excerpts from.');
  const rand = seededRandom(hashString(`benchmark-excerpts#${seed}`));
  const order = pool.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const out: string[] = [];
  let next = 0;
  for (let e = 0; e < count; e++) {
    let s = '';
    const first = next;
    while (codePoints(s) < BENCHMARK_EXCERPT_CODE_POINTS) {
      s += (s ? '\n' : '') + pool[order[next % order.length]!]!;
      next++;
      if (next - first > order.length) break; // fewer texts than one excerpt needs: use what there is
    }
    out.push(prepareExcerpt(s));
  }
  return out;
}

/**
 * Up to `count` excerpts of synthetic-archive prompts (`prompt-census generate`, same seed → same prompts) whose
 * 1,000-code-point excerpt holds at least `minCodePoints` code points.
 */
export async function generatedPromptExcerpts(count: number, options: { seed?: number; events?: number; minCodePoints?: number } = {}): Promise<string[]> {
  const minCodePoints = options.minCodePoints ?? 900;
  const dir = await mkdtemp(join(tmpdir(), 'pc-bench-prompts-'));
  try {
    const out = join(dir, 'archive.ndjson');
    await generateArchive({ events: options.events ?? 16_000, seed: options.seed ?? 1, out });
    const excerpts: string[] = [];
    for (const line of (await readFile(out, 'utf8')).split('\n')) {
      if (excerpts.length >= count) break;
      if (!line) continue;
      const event = JSON.parse(line) as { prompt?: Parameters<typeof excerptOf>[0] };
      const excerpt = prepareExcerpt(excerptOf(event.prompt, BENCHMARK_EXCERPT_CODE_POINTS));
      if (codePoints(excerpt) >= minCodePoints) excerpts.push(excerpt);
    }
    return excerpts;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Mean length in code points. */
export function meanCodePoints(excerpts: readonly string[]): number {
  return excerpts.length === 0 ? 0 : excerpts.reduce((a, e) => a + codePoints(e), 0) / excerpts.length;
}
