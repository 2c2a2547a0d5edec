import { describe, expect, it } from 'vitest';
import { getIngestFormat, ingestFormats } from '../../../src/ingest/registry.js';

describe('ingest format registry', () => {
  it('lists the four kinds with distinct routes', () => {
    const formats = ingestFormats();
    expect([...formats.keys()]).toEqual(['events', 'otlp', 'litellm', 'openrouter']);
    expect(new Set([...formats.values()].map((f) => f.httpPath)).size).toBe(4);
  });

  it('builds a fresh format per call (no shared state)', () => {
    expect(getIngestFormat('otlp')).not.toBe(getIngestFormat('otlp'));
  });

  it('names the known kinds when asked for an unknown one', () => {
    expect(() => getIngestFormat('langfuse')).toThrow('Unknown ingest format "langfuse"; use one of: events, otlp, litellm, openrouter.');
    expect(() => getIngestFormat('toString')).toThrow(/Unknown ingest format/);
  });
});
