import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINISH_REASON_ALIASES, normalizeFinishReason } from '../../../src/ingest/finish-reason-aliases.js';
import {
  GENAI_ATTRIBUTE_ALIASES,
  GENERATION_OPENINFERENCE_KINDS,
  GENERATION_OPERATIONS,
  NON_GENERATION_MODEL_OPERATIONS,
  NON_GENERATION_OPENINFERENCE_KINDS,
} from '../../../src/ingest/otlp/genai-attribute-aliases.js';

const doc = readFileSync(new URL('../../../docs/ingest-formats.md', import.meta.url), 'utf8');

describe('docs/ingest-formats.md stays in step with the alias tables', () => {
  it('lists every OTLP attribute alias and every span-selection value', () => {
    const names = [
      ...Object.values(GENAI_ATTRIBUTE_ALIASES).flat(),
      ...GENERATION_OPERATIONS,
      ...NON_GENERATION_MODEL_OPERATIONS,
      ...GENERATION_OPENINFERENCE_KINDS,
      ...NON_GENERATION_OPENINFERENCE_KINDS,
    ];
    const missingFromDoc = names.filter((n) => !doc.includes(`\`${n}\``));
    expect(missingFromDoc).toEqual([]);
  });

  it('lists every finish-reason alias', () => {
    const missingFromDoc = Object.keys(FINISH_REASON_ALIASES).filter((n) => !doc.includes(`\`${n}\``));
    expect(missingFromDoc).toEqual([]);
  });
});

describe('finish reason normalization', () => {
  it('maps aliases case-insensitively and returns unknown reasons unchanged', () => {
    expect(normalizeFinishReason('END_TURN')).toBe('stop');
    expect(normalizeFinishReason(' max_tokens ')).toBe('length');
    expect(normalizeFinishReason('pause_turn')).toBe('pause_turn');
  });
});
