import { describe, expect, it } from 'vitest';
import { generationToEvent } from '../../../src/ingest/openrouter/generation-to-event.js';
import { createOpenrouterFormat } from '../../../src/ingest/openrouter/openrouter-format.js';
import { fixture } from '../../contract/ingest-format-contract.js';

const records = JSON.parse(fixture('openrouter/generations.json').toString('utf8')) as Array<Record<string, unknown>>;
const [wrapped, bare, cancelled] = records as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];

describe('OpenRouter generation record → v1 event', () => {
  it('maps a wrapped record using native token counts', () => {
    expect(generationToEvent(wrapped, '[0]')).toEqual({
      ref: '[0]',
      value: {
        id: 'gen-1767270000-AbCdEfGhIjKlMnOp',
        createdAt: '2026-01-01T12:20:00.433273+00:00',
        model: 'anthropic/claude-sonnet-4.5',
        provider: 'Anthropic',
        usage: { promptTokens: 342, completionTokens: 95, reasoningTokens: 0, cachedTokens: 256 },
        costUsd: 0.0021588,
        latencyMs: 1840,
        finishReason: 'stop',
        streamed: true,
        cancelled: false,
        userId: 'acct-3391',
      },
    });
  });

  it('maps a bare record with reasoning tokens and no external user', () => {
    const r = generationToEvent(bare, '[1]');
    expect(r.value).toMatchObject({ usage: { promptTokens: 1190, completionTokens: 2048, reasoningTokens: 1536 }, finishReason: 'length' });
    expect(r.value).not.toHaveProperty('userId');
  });

  it('falls back to normalized counts and generation_time when native counts and latency are missing', () => {
    const r = generationToEvent(cancelled, '[2]');
    expect(r.value).toMatchObject({ usage: { promptTokens: 77, completionTokens: 12 }, latencyMs: 740, cancelled: true, streamed: true });
    expect(r.value).not.toHaveProperty('finishReason');
    expect((r.value as { usage: object }).usage).not.toHaveProperty('reasoningTokens');
  });

  it('uses native_finish_reason through the alias table when finish_reason is missing', () => {
    const data = { ...(wrapped.data as object), finish_reason: null, native_finish_reason: 'end_turn' };
    expect(generationToEvent({ data }, 'x').value).toMatchObject({ finishReason: 'stop' });
  });

  it('does not map data_region to billingCountry', () => {
    expect(generationToEvent(bare, 'x').value).not.toHaveProperty('billingCountry');
  });

  it('prefixes error fields with data. for wrapped records', () => {
    const data = { ...(wrapped.data as object), total_cost: 'free' };
    expect(generationToEvent({ data }, 'w').error).toEqual({ field: 'data.total_cost', code: 'invalid_field', message: 'must be a number' });
    expect(generationToEvent({ ...bare, id: undefined }, 'b').error).toMatchObject({ field: 'id', message: 'is required' });
  });

  it('reads a wrapped record sent alone, and NDJSON lines', () => {
    const format = createOpenrouterFormat();
    expect(format.decodeBody(fixture('openrouter/wrapped-single.json'), 'application/json').records.map((r) => r.ref)).toEqual(['(body)']);
    expect(format.decodeBody(fixture('openrouter/generations.ndjson'), 'application/x-ndjson').records.map((r) => r.ref)).toEqual([
      'line 1',
      'line 2',
      'line 3',
    ]);
  });
});
