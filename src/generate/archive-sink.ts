import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { TransformOptions, Writable } from 'node:stream';
import { createGzip, type ZlibOptions } from 'node:zlib';

/** A file to write text into, gzip-compressed when its name ends in `.gz`, honouring backpressure. */
/**
 * zlib level 1: the fastest level. On synthetic NDJSON it still shrinks the file about fivefold, and
 * the default level 6 made compression, not generation, the bottleneck (measured in this repo).
 */
export const GZIP_LEVEL = 1;

/**
 * Bytes a stream may buffer before `write` waits for a drain. Larger than one chunk of lines, so the
 * generator keeps producing while zlib compresses on the thread pool, yet bounded so memory is flat.
 */
export const STREAM_BUFFER_BYTES = 4 * 1024 * 1024;

export interface ArchiveSink {
  /** Resolves at once, or after the stream drains when its buffer is full. */
  write(text: string): Promise<void>;
  /** Flush and close; resolves to the number of bytes in the file. */
  close(): Promise<number>;
}

export async function openArchiveSink(path: string): Promise<ArchiveSink> {
  await mkdir(dirname(path), { recursive: true });
  const file = createWriteStream(path, { highWaterMark: STREAM_BUFFER_BYTES });
  const gzipOptions: ZlibOptions & TransformOptions = { level: GZIP_LEVEL, chunkSize: 256 * 1024, writableHighWaterMark: STREAM_BUFFER_BYTES };
  const gzip = path.endsWith('.gz') ? createGzip(gzipOptions) : undefined;
  const head: Writable = gzip ?? file;
  let failure: Error | undefined;
  const fail = (err: Error) => {
    failure ??= new Error(`Could not write the archive to ${path}: ${err.message}. Check that the directory is writable and the disk is not full.`);
  };
  file.on('error', fail);
  gzip?.on('error', fail);
  gzip?.pipe(file);
  try {
    await once(file, 'open');
  } catch (err) {
    fail(err as Error);
    throw failure;
  }

  return {
    async write(text) {
      if (failure) throw failure;
      if (!head.write(text)) {
        // Wait for room in the buffer, or for the file to close after an error (so a failed write
        // cannot leave us waiting for a drain that never comes). The loser's listeners are removed.
        const done = new AbortController();
        try {
          await Promise.race([once(head, 'drain', { signal: done.signal }), once(file, 'close', { signal: done.signal })]);
        } catch (err) {
          if (!done.signal.aborted) fail(err as Error);
        } finally {
          done.abort();
        }
        if (failure) throw failure;
      }
    },
    async close() {
      head.end();
      await finished(file).catch(() => undefined);
      if (failure) throw failure;
      return file.bytesWritten;
    },
  };
}
