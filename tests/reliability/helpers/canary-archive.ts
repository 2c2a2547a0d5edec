import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/**
 * Copy an archive, planting unique marker strings: every prompt starts with `<tag>P<n>Z ` (so it sits inside any
 * excerpt) and every user id becomes `<tag>U<n>Z`. Scanning anything for `tag` then finds any leaked marker.
 * Returns how many prompts and user ids were marked.
 */
export async function plantCanaries(src: string, dst: string, tag: string): Promise<{ prompts: number; users: number; events: number }> {
  const input = src.endsWith('.gz') ? createReadStream(src).pipe(createGunzip()) : createReadStream(src);
  const rl = createInterface({ input, crlfDelay: Infinity });
  const out = createWriteStream(dst);
  let n = 0;
  let prompts = 0;
  let users = 0;
  for await (const line of rl) {
    if (!line.trim()) continue;
    const e = JSON.parse(line);
    n++;
    const marker = `${tag}P${n}Z `;
    if (typeof e.prompt === 'string') {
      e.prompt = marker + e.prompt;
      prompts++;
    } else if (Array.isArray(e.prompt) && e.prompt.length > 0) {
      const first = e.prompt[0];
      first.content = typeof first.content === 'string' ? marker + first.content : marker;
      prompts++;
    } else {
      e.prompt = `${marker}hello`;
      prompts++;
    }
    if (e.userId !== undefined) {
      e.userId = `${tag}U${n}Z`;
      users++;
    }
    if (!out.write(`${JSON.stringify(e)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { prompts, users, events: n };
}

/** Every place `tag` occurs in `text`, with a little context (for failure messages). */
export function findMarkers(text: string, tag: string, max = 5): string[] {
  const hits: string[] = [];
  let i = text.indexOf(tag);
  while (i !== -1 && hits.length < max) {
    hits.push(text.slice(Math.max(0, i - 40), i + 60));
    i = text.indexOf(tag, i + 1);
  }
  return hits;
}

export function countMarkers(text: string, tag: string): number {
  let n = 0;
  let i = text.indexOf(tag);
  while (i !== -1) {
    n++;
    i = text.indexOf(tag, i + tag.length);
  }
  return n;
}
