import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

export type LineItem =
  | { kind: 'line'; lineNumber: number; text: string }
  | { kind: 'too_long'; lineNumber: number; bytes: number };

/** True when the file starts with the gzip magic bytes (whatever its name). */
export async function isGzipFile(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/**
 * Stream the lines of a (possibly gzip-compressed) file in constant memory: a line longer than maxLineBytes is
 * skipped (reported as too_long) instead of being buffered. Invalid UTF-8 becomes U+FFFD. A stream error
 * (missing file, truncated gzip) is thrown after the lines read so far have been yielded.
 */
export async function* readLines(path: string, maxLineBytes: number): AsyncGenerator<LineItem> {
  const gz = await isGzipFile(path);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = gz ? raw.pipe(createGunzip()) : raw;
  if (gz) raw.on('error', (err) => stream.destroy(err));
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  let lineNumber = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(10, start);
      const end = nl === -1 ? chunk.length : nl;
      const piece = chunk.subarray(start, end);
      if (!skipping) {
        if (pendingBytes + piece.length > maxLineBytes) {
          skipping = true;
          pendingBytes += piece.length;
          pending = [];
        } else {
          pending.push(piece);
          pendingBytes += piece.length;
        }
      } else {
        pendingBytes += piece.length;
      }
      if (nl === -1) break;
      lineNumber++;
      if (skipping) {
        yield { kind: 'too_long', lineNumber, bytes: pendingBytes };
      } else {
        const buf = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
        let text = decoder.decode(buf);
        if (text.endsWith('\r')) text = text.slice(0, -1);
        if (text.trim().length > 0) yield { kind: 'line', lineNumber, text };
      }
      pending = [];
      pendingBytes = 0;
      skipping = false;
      start = nl + 1;
    }
  }
  if (pendingBytes > 0 || pending.length > 0) {
    lineNumber++;
    if (skipping) yield { kind: 'too_long', lineNumber, bytes: pendingBytes };
    else {
      const text = decoder.decode(Buffer.concat(pending));
      if (text.trim().length > 0) yield { kind: 'line', lineNumber, text };
    }
  }
}
