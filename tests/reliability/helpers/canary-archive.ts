import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';

/** What markEvent planted. */
export interface Planted {
  prompts: number;
  users: number;
}

/**
 * Plant unique marker strings in one event (mutated in place): its prompt starts with `<tag>P<n>Z ` (so the marker
 * sits inside any excerpt; a chat prompt gets it in its first message) and its user id becomes `<tag>U<n>Z`.
 * A user id is only replaced when the event has one, unless `addUser` is set. Scanning anything for `tag` then
 * finds any leaked marker.
 */
export function markEvent(e: Record<string, unknown>, tag: string, n: number | string, options: { addUser?: boolean } = {}): Planted {
  const marker = `${tag}P${n}Z `;
  if (typeof e.prompt === 'string') {
    e.prompt = marker + e.prompt;
  } else if (Array.isArray(e.prompt) && e.prompt.length > 0 && e.prompt[0] && typeof e.prompt[0] === 'object') {
    const first = e.prompt[0] as { content?: unknown };
    first.content = typeof first.content === 'string' ? marker + first.content : marker;
  } else {
    e.prompt = `${marker}hello`;
  }
  let users = 0;
  if (e.userId !== undefined || options.addUser) {
    e.userId = `${tag}U${n}Z`;
    users = 1;
  }
  return { prompts: 1, users };
}

/**
 * Copy an archive (NDJSON, gzip when the name ends in .gz; the copy is gzip when `dst` ends in .gz), planting
 * markers in every event with markEvent (n = the event's 1-based position). Returns how many prompts and user
 * ids were marked.
 */
export async function plantCanaries(src: string, dst: string, tag: string): Promise<Planted & { events: number }> {
  const input = src.endsWith('.gz') ? createReadStream(src).pipe(createGunzip()) : createReadStream(src);
  const rl = createInterface({ input, crlfDelay: Infinity });
  const file = createWriteStream(dst);
  let out: Writable = file;
  if (dst.endsWith('.gz')) {
    const gz = createGzip();
    gz.pipe(file);
    out = gz;
  }
  let n = 0;
  let prompts = 0;
  let users = 0;
  for await (const line of rl) {
    if (!line.trim()) continue;
    const e = JSON.parse(line);
    n++;
    const p = markEvent(e, tag, n);
    prompts += p.prompts;
    users += p.users;
    if (!out.write(`${JSON.stringify(e)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(file, 'finish');
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
