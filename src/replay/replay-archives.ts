import type { IngestFormat } from '../ingest/ingest-format.js';
import { acceptRecords } from '../pipeline/accept-records.js';
import type { EventProducer } from '../queue/event-producer.js';
import { readLines } from './read-lines.js';

export interface ReplaySummary {
  files: number;
  linesRead: number;
  accepted: number;
  rejected: number;
  sampled: number;
  ignored: number;
  batches: number;
  /**
   * Rejections by reason ("invalid_field usage.promptTokens: must not be negative"): every rejected record counted
   * under its first error, with up to 5 examples "file:line", or "file:line#ref" for a record inside a line (an
   * OTLP span: "file:3#resourceSpans[0].scopeSpans[0].spans[2]").
   */
  rejectedByReason: Array<{ reason: string; count: number; examples: string[] }>;
  /** Files that could not be read to the end (missing, truncated gzip, …); lines before the fault were kept. */
  fileErrors: Array<{ file: string; afterLine: number; message: string }>;
}

export interface ReplayOptions {
  paths: readonly string[];
  format: IngestFormat;
  producer: EventProducer;
  maxLineBytes?: number;
  onProgress?: (s: ReplaySummary) => void;
}

/**
 * Stream archives into the queue in constant memory: lines are decoded and validated one at a time, batches
 * leave as soon as they fill, and at most a few batches are in flight (producer back-pressure).
 */
export async function replayArchives(options: ReplayOptions): Promise<ReplaySummary> {
  const { producer, format } = options;
  const maxLineBytes = options.maxLineBytes ?? 64 * 1024 * 1024;
  const summary: ReplaySummary = {
    files: 0, linesRead: 0, accepted: 0, rejected: 0, sampled: 0, ignored: 0, batches: 0, rejectedByReason: [], fileErrors: [],
  };
  const reasons = new Map<string, { count: number; examples: string[] }>();
  const note = (reason: string, where: string) => {
    let r = reasons.get(reason);
    if (!r) reasons.set(reason, (r = { count: 0, examples: [] }));
    r.count++;
    if (r.examples.length < 5) r.examples.push(where);
  };

  for (const path of options.paths) {
    summary.files++;
    let lastLine = 0;
    // Built once per file, not per line (this loop runs once per event): the line being read is lastLine.
    const acceptOptions = {
      maxErrors: 0,
      onReject: (ref: string, e: { code: string; field: string; message: string }) =>
        note(`${e.code} ${e.field}: ${e.message}`, exampleRef(path, lastLine, ref)),
    };
    try {
      for await (const item of readLines(path, maxLineBytes)) {
        lastLine = item.lineNumber;
        summary.linesRead++;
        if (item.kind === 'too_long') {
          summary.rejected++;
          note(`too_large (line): longer than ${maxLineBytes} bytes`, `${path}:${item.lineNumber}`);
          continue;
        }
        const decoded = format.decodeLine(item.text, item.lineNumber);
        for (const reason in decoded.ignored) summary.ignored += decoded.ignored[reason]!;
        const out = acceptRecords(decoded.records, producer, acceptOptions);
        summary.accepted += out.accepted;
        summary.sampled += out.sampled;
        summary.rejected += out.rejected;
        if (summary.linesRead % 1000 === 0) {
          await producer.capacity();
          options.onProgress?.(finish(summary, reasons, producer));
        }
      }
    } catch (err) {
      summary.fileErrors.push({ file: path, afterLine: lastLine, message: describe(err) });
    }
    // Batches never span files, so a file's batch ids do not depend on which files were replayed with it.
    await producer.flush();
  }
  return finish(summary, reasons, producer);
}

/** "file:7" for a record that is the whole line, "file:7#resourceSpans[0].scopeSpans[0].spans[2]" for one inside it. */
function exampleRef(path: string, lineNumber: number, ref: string): string {
  const where = `${path}:${lineNumber}`;
  const line = `line ${lineNumber}`;
  if (ref === line) return where;
  const inner = ref.startsWith(`${line}: `) ? ref.slice(line.length + 2) : ref.startsWith(line) ? ref.slice(line.length) : ref;
  return `${where}#${inner}`;
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'file not found';
  if (e.code === 'EISDIR') return 'is a directory';
  if (e.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(e.message)) return 'truncated gzip stream';
  if (e.code === 'Z_DATA_ERROR') return 'corrupt gzip data';
  return e.message;
}

function finish(s: ReplaySummary, reasons: Map<string, { count: number; examples: string[] }>, producer: EventProducer): ReplaySummary {
  s.batches = producer.stats.batches;
  s.rejectedByReason = [...reasons.entries()]
    .map(([reason, r]) => ({ reason, count: r.count, examples: r.examples }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return { ...s, rejectedByReason: s.rejectedByReason.map((r) => ({ ...r, examples: [...r.examples] })), fileErrors: [...s.fileErrors] };
}
