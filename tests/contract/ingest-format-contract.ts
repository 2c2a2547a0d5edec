import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EventError } from '../../src/event/event-error.js';
import { parseEvent } from '../../src/event/parse-event.js';
import type { GenerationEvent } from '../../src/event/generation-event-schema.js';
import { IngestBodyError } from '../../src/ingest/ingest-body-error.js';
import type { DecodeResult, HttpAnswer, IngestFormat, IngestOutcome } from '../../src/ingest/ingest-format.js';
import { getIngestFormat, ingestFormats } from '../../src/ingest/registry.js';

/** Read a file under tests/fixtures/ingest/. */
export function fixture(relPath: string): Buffer {
  return readFileSync(new URL(`../fixtures/ingest/${relPath}`, import.meta.url));
}

export interface ContractFixture {
  name: string;
  body: Buffer;
  contentType: string;
  /** How many records the body holds (all of them must become valid v1 events). */
  records: number;
  ignored?: Record<string, number>;
}

export interface IngestContractCase {
  kind: IngestFormat['kind'];
  httpPath: string;
  /** Valid bodies. */
  fixtures: ContractFixture[];
  /** Distinctive strings that occur only inside prompt text of the fixtures (empty for formats without prompts). */
  promptMarkers: string[];
  /** A body mixing valid records with malformed ones; every malformed one must yield its own error. */
  malformed: { body: Buffer; contentType: string; valid: number; invalid: number };
  /** The body is not decodable as a whole (IngestBodyError 400). */
  garbage: { body: Buffer; contentType: string };
  /** One valid archive line and how many events it holds. */
  line: { text: string; records: number };
  /** Read the rejected count from an answer body (format specific). */
  rejectedInAnswer(answer: HttpAnswer): number;
  /** Read the stable code and the message back from an error answer body (format specific). */
  errorInAnswer(answer: HttpAnswer): { code: string; message: string };
  /**
   * True when the format reads a body sent without a Content-Type or as text/plain as JSON if it looks like JSON
   * (the JSON-record formats); false when it accepts only its declared content types (OTLP).
   */
  sniffsUntypedJson: boolean;
}

/** Text that must never leave `prompt`: every malformed fixture carries it in its prompt text. */
export const SECRET = 'SECRET-PROMPT-TEXT';

interface PipelineResult {
  ref: string;
  event?: GenerationEvent;
  errors?: EventError[];
}

/** What the lead's pipeline does with a decode result: parseEvent on every value. */
function runPipeline(result: DecodeResult): PipelineResult[] {
  return result.records.map((r) => {
    if (r.error) return { ref: r.ref, errors: [r.error] };
    const parsed = parseEvent(r.value);
    return parsed.ok ? { ref: r.ref, event: parsed.event } : { ref: r.ref, errors: parsed.errors };
  });
}

function outcomeOf(results: PipelineResult[], ignored: Record<string, number>): IngestOutcome {
  const errors = results.flatMap((r) => (r.errors ?? []).map((e) => ({ ref: r.ref, field: e.field, message: e.message })));
  return {
    accepted: results.filter((r) => r.event).length,
    rejected: results.filter((r) => r.errors).length,
    errors,
    ignored,
  };
}

function withoutPrompt(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const { prompt: _prompt, ...rest } = value as Record<string, unknown>;
  return rest;
}

function bodyText(a: HttpAnswer): string {
  return typeof a.body === 'string' ? a.body : Buffer.from(a.body).toString('latin1');
}

export function runIngestFormatContract(c: IngestContractCase): void {
  describe(`ingest format contract: ${c.kind}`, () => {
    const format = getIngestFormat(c.kind);

    it('is registered under its kind with its route and lowercase parameter-free content types', () => {
      expect(ingestFormats().get(c.kind)?.kind).toBe(c.kind);
      expect(format.kind).toBe(c.kind);
      expect(format.httpPath).toBe(c.httpPath);
      expect(format.contentTypes.length).toBeGreaterThan(0);
      for (const ct of format.contentTypes) expect(ct).toMatch(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/);
    });

    for (const f of c.fixtures) {
      it(`decodes fixture "${f.name}" into valid v1 events`, () => {
        const result = format.decodeBody(f.body, f.contentType);
        const results = runPipeline(result);
        const failures = results.filter((r) => r.errors);
        expect(failures, JSON.stringify(failures)).toEqual([]);
        expect(results).toHaveLength(f.records);
        expect(result.ignored).toEqual(f.ignored ?? {});
        for (const r of result.records) expect(r.ref).not.toBe('');
      });

      it(`keeps prompt text of "${f.name}" in the prompt field only`, () => {
        const result = format.decodeBody(f.body, f.contentType);
        for (const r of result.records) {
          const outside = JSON.stringify({ ref: r.ref, value: withoutPrompt(r.value), error: r.error });
          for (const marker of c.promptMarkers) expect(outside).not.toContain(marker);
        }
      });
    }

    if (c.promptMarkers.length > 0) {
      it('carries the prompt text into the v1 prompt field (so a sampled event can be classified)', () => {
        const all = c.fixtures.flatMap((f) => format.decodeBody(f.body, f.contentType).records);
        const prompts = JSON.stringify(all.map((r) => (r.value as { prompt?: unknown } | undefined)?.prompt));
        for (const marker of c.promptMarkers) expect(prompts).toContain(marker);
      });
    }

    it('gives each malformed record its own error with a ref and a field, and still decodes the valid ones', () => {
      const result = format.decodeBody(c.malformed.body, c.malformed.contentType);
      const results = runPipeline(result);
      expect(results.filter((r) => r.event)).toHaveLength(c.malformed.valid);
      const failed = results.filter((r) => r.errors);
      expect(failed).toHaveLength(c.malformed.invalid);
      const refs = new Set(failed.map((r) => r.ref));
      expect(refs.size).toBe(failed.length);
      for (const r of failed) {
        expect(r.ref).toMatch(/\S/);
        for (const e of r.errors!) {
          expect(e.field).toMatch(/\S/);
          expect(e.message).toMatch(/\S/);
        }
      }
    });

    it('never puts prompt text in record errors or in the answer', () => {
      const result = format.decodeBody(c.malformed.body, c.malformed.contentType);
      const outside = JSON.stringify(result.records.map((r) => ({ ref: r.ref, error: r.error, value: withoutPrompt(r.value) })));
      expect(outside).not.toContain(SECRET);
      for (const ct of format.contentTypes) {
        const answer = format.answer(outcomeOf(runPipeline(result), result.ignored), ct);
        expect(bodyText(answer)).not.toContain(SECRET);
      }
    });

    it('rejects an undecodable body as a whole with IngestBodyError 400 that does not quote it', () => {
      let caught: unknown;
      try {
        format.decodeBody(c.garbage.body, c.garbage.contentType);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(IngestBodyError);
      expect((caught as IngestBodyError).status).toBe(400);
      expect((caught as IngestBodyError).message).toMatch(/\S/);
      expect((caught as IngestBodyError).message).not.toContain(SECRET);
    });

    it('rejects an empty JSON body with IngestBodyError 400 empty_body', () => {
      const ct = format.contentTypes.find((t) => t.includes('json'))!;
      expect(() => format.decodeBody(Buffer.from('  \n'), ct)).toThrow(IngestBodyError);
      try {
        format.decodeBody(Buffer.from(''), ct);
      } catch (err) {
        expect((err as IngestBodyError).status).toBe(400);
        expect((err as IngestBodyError).code).toBe('empty_body');
      }
    });

    for (const foreign of ['application/xml', 'multipart/form-data', 'image/png']) {
      it(`rejects ${foreign} with IngestBodyError 415 naming the accepted ones, before and after reading the body`, () => {
        for (const check of [() => format.checkContentType(foreign), () => format.decodeBody(c.fixtures[0]!.body, foreign)]) {
          let caught: unknown;
          try {
            check();
          } catch (err) {
            caught = err;
          }
          expect(caught).toBeInstanceOf(IngestBodyError);
          expect((caught as IngestBodyError).status).toBe(415);
          expect((caught as IngestBodyError).code).toBe('unsupported_media_type');
          for (const ct of format.contentTypes) expect((caught as IngestBodyError).message).toContain(ct);
        }
      });
    }

    it('lets every declared content type through the early check', () => {
      for (const ct of format.contentTypes) expect(() => format.checkContentType(`${ct}; charset=utf-8`)).not.toThrow();
    });

    if (c.sniffsUntypedJson) {
      it('reads a JSON body sent with no Content-Type or as text/plain (what fetch sends for a string body)', () => {
        const f = c.fixtures.find((x) => x.contentType.startsWith('application/json'))!;
        for (const ct of ['', 'text/plain', 'text/plain;charset=UTF-8']) {
          expect(() => format.checkContentType(ct)).not.toThrow();
          expect(format.decodeBody(f.body, ct).records).toHaveLength(f.records);
        }
      });

      it('refuses an untyped body that is not JSON with 415, without quoting it', () => {
        for (const ct of ['', 'text/plain']) {
          let caught: unknown;
          try {
            format.decodeBody(Buffer.from(`hello ${SECRET}`), ct);
          } catch (err) {
            caught = err;
          }
          expect(caught).toBeInstanceOf(IngestBodyError);
          expect((caught as IngestBodyError).status).toBe(415);
          expect((caught as IngestBodyError).message).not.toContain(SECRET);
        }
      });
    } else {
      it('accepts only its declared content types (no sniffing of untyped bodies)', () => {
        for (const ct of ['', 'text/plain']) {
          expect(() => format.checkContentType(ct)).toThrow(IngestBodyError);
          expect(() => format.decodeBody(c.fixtures[0]!.body, ct)).toThrow(IngestBodyError);
        }
      });
    }

    it('answers errors with the status, the code and the message, in each accepted content type', () => {
      for (const ct of [...format.contentTypes, '', 'application/xml']) {
        for (const error of [
          { status: 400, code: 'invalid_body', message: 'The request body is not valid JSON.' },
          { status: 401, code: 'unauthorized', message: 'missing or wrong bearer token' },
          { status: 503, code: 'redis_unavailable', message: 'Redis is unreachable; retry later' },
        ]) {
          const answer = format.errorAnswer(error, ct);
          expect(answer.status).toBe(error.status);
          expect(answer.contentType).toMatch(/\S/);
          expect(c.errorInAnswer(answer)).toEqual({ code: error.code, message: error.message });
          if (answer.contentType.startsWith('application/json')) expect(() => JSON.parse(bodyText(answer))).not.toThrow();
        }
      }
    });

    it('accepts its content types with parameters and in any case', () => {
      const f = c.fixtures[0]!;
      const result = format.decodeBody(f.body, `${f.contentType.toUpperCase()}; charset=utf-8`);
      expect(result.records).toHaveLength(f.records);
    });

    it('decodes an archive line, refers to it by line number, and reports a bad line as a record error', () => {
      const good = runPipeline(format.decodeLine(c.line.text, 7));
      expect(good).toHaveLength(c.line.records);
      for (const r of good) {
        expect(r.errors).toBeUndefined();
        expect(r.ref).toContain('line 7');
      }
      const bad = format.decodeLine(`{"id": "x", "prompt": "${SECRET}`, 8);
      expect(bad.records).toHaveLength(1);
      expect(bad.records[0]!.ref).toBe('line 8');
      expect(bad.records[0]!.error?.code).toBe('invalid_json');
      expect(JSON.stringify(bad)).not.toContain(SECRET);
      expect(format.decodeLine('   ', 9).records).toEqual([]);
    });

    it('answers a full success with 200 in each accepted content type', () => {
      const f = c.fixtures[0]!;
      const result = format.decodeBody(f.body, f.contentType);
      for (const ct of format.contentTypes) {
        const answer = format.answer(outcomeOf(runPipeline(result), result.ignored), ct);
        expect(answer.status).toBe(200);
        expect(answer.contentType).toMatch(/\S/);
        expect(c.rejectedInAnswer(answer)).toBe(0);
        if (answer.contentType.startsWith('application/json')) expect(() => JSON.parse(bodyText(answer))).not.toThrow();
      }
    });

    it('answers a partial success with 200 and the number of rejected records', () => {
      const result = format.decodeBody(c.malformed.body, c.malformed.contentType);
      const outcome = outcomeOf(runPipeline(result), result.ignored);
      for (const ct of format.contentTypes) {
        const answer = format.answer(outcome, ct);
        expect(answer.status).toBe(200);
        expect(c.rejectedInAnswer(answer)).toBe(c.malformed.invalid);
      }
    });
  });
}
