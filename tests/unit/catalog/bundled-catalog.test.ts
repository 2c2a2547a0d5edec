import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load-catalog.js';
import type { ModelInfo } from '../../../src/catalog/model-catalog.js';
import { sizeClassOf } from '../../../src/catalog/size-class.js';

const catalog = loadCatalog();

type Expected = Partial<Pick<ModelInfo, 'author' | 'openWeights' | 'origin' | 'reasoning' | 'sizeClass' | 'sourceType'>>;

/** Models the study names in its tables and figures, with the facts the report's dimensions depend on. */
const studyModels: Array<[string, Expected]> = [
  ['deepseek/deepseek-chat-v3-0324', { author: 'DeepSeek', openWeights: true, origin: 'chinese', reasoning: false, sizeClass: 'large' }],
  ['deepseek/deepseek-r1', { author: 'DeepSeek', openWeights: true, origin: 'chinese', reasoning: true, sourceType: 'chinese-oss' }],
  ['deepseek/deepseek-r1-0528', { openWeights: true, origin: 'chinese', reasoning: true }],
  ['qwen/qwen-2.5-72b-instruct', { author: 'Qwen', openWeights: true, origin: 'chinese', sizeClass: 'large' }],
  ['qwen/qwen-2.5-coder-32b-instruct', { openWeights: true, origin: 'chinese', sizeClass: 'medium' }],
  ['qwen/qwen3-235b-a22b', { openWeights: true, origin: 'chinese', reasoning: true, sizeClass: 'large' }],
  ['qwen/qwen3-coder', { author: 'Qwen', openWeights: true, origin: 'chinese', sourceType: 'chinese-oss', sizeClass: 'large' }],
  ['qwen/qwen3-14b', { sizeClass: 'small' }],
  ['qwen/qwen3-max', { openWeights: false, origin: 'chinese', sourceType: 'closed' }],
  ['meta-llama/llama-3.3-70b-instruct', { author: 'Meta', openWeights: true, origin: 'row', sizeClass: 'large', sourceType: 'row-oss' }],
  ['meta-llama/llama-4-maverick', { openWeights: true, origin: 'row', sizeClass: 'large' }],
  ['meta-llama/llama-3.1-8b-instruct', { sizeClass: 'small' }],
  ['mistralai/mistral-nemo', { author: 'Mistral AI', openWeights: true, origin: 'row', sizeClass: 'small' }],
  ['mistralai/mistral-small-3.2-24b-instruct', { openWeights: true, origin: 'row', sizeClass: 'medium' }],
  ['mistralai/mistral-medium-3.1', { openWeights: false, origin: 'row', sizeClass: 'undisclosed' }],
  ['openai/gpt-oss-120b', { author: 'OpenAI', openWeights: true, origin: 'row', sizeClass: 'large', reasoning: true, sourceType: 'row-oss' }],
  ['openai/gpt-oss-20b', { openWeights: true, origin: 'row', sizeClass: 'medium', reasoning: true }],
  ['moonshotai/kimi-k2', { author: 'Moonshot AI', openWeights: true, origin: 'chinese', reasoning: false, sizeClass: 'large' }],
  ['minimax/minimax-m2', { author: 'MiniMax', openWeights: true, origin: 'chinese', reasoning: true, sizeClass: 'large' }],
  ['z-ai/glm-4.5', { author: 'Z.ai', openWeights: true, origin: 'chinese', sizeClass: 'large' }],
  ['z-ai/glm-4.5-air', { openWeights: true, origin: 'chinese', sizeClass: 'large' }],
  ['google/gemma-3-27b-it', { author: 'Google', openWeights: true, origin: 'row', sizeClass: 'medium', reasoning: false }],
  ['google/gemma-3-12b-it', { sizeClass: 'small' }],
  ['anthropic/claude-sonnet-4', { author: 'Anthropic', openWeights: false, origin: 'row', sourceType: 'closed', sizeClass: 'undisclosed' }],
  ['anthropic/claude-3.7-sonnet', { openWeights: false, origin: 'row', reasoning: true }],
  ['anthropic/claude-3.5-sonnet', { openWeights: false, origin: 'row', reasoning: false }],
  ['openai/gpt-4o', { author: 'OpenAI', openWeights: false, origin: 'row', reasoning: false }],
  ['openai/gpt-4o-mini', { openWeights: false, origin: 'row', reasoning: false }],
  ['openai/gpt-5', { openWeights: false, origin: 'row', reasoning: true }],
  ['openai/o1', { openWeights: false, reasoning: true }],
  ['google/gemini-2.0-flash-001', { openWeights: false, origin: 'row', reasoning: false }],
  ['google/gemini-2.5-flash', { openWeights: false, origin: 'row', reasoning: true }],
  ['google/gemini-2.5-pro', { openWeights: false, origin: 'row', reasoning: true }],
  ['x-ai/grok-code-fast-1', { author: 'xAI', openWeights: false, origin: 'row', reasoning: true, sourceType: 'closed' }],
];

describe('bundled config/models.yaml', () => {
  it('loads with a version', () => {
    expect(catalog.version).toMatch(/^\d{4}\.\d+\.\d+$/);
  });

  it('has at least 100 distinct exact ids and patterns', () => {
    const names = new Set(catalog.entries().map((e) => e.id));
    expect(names.size).toBe(catalog.entries().length);
    expect(names.size).toBeGreaterThanOrEqual(100);
  });

  it.each(studyModels)('knows %s', (id, expected) => {
    const info = catalog.lookup(id);
    expect(info.known).toBe(true);
    expect(info).toMatchObject(expected);
  });

  it('resolves OpenRouter variants of the study models', () => {
    expect(catalog.lookup('deepseek/deepseek-r1:free')).toMatchObject({ known: true, reasoning: true, origin: 'chinese' });
    expect(catalog.lookup('anthropic/claude-3.7-sonnet:thinking')).toMatchObject({ known: true, openWeights: false });
    expect(catalog.lookup('openai/gpt-4o-2024-11-20')).toMatchObject({ known: true, pricePer1M: { prompt: 2.5, completion: 10 } });
    expect(catalog.lookup('openai/gpt-4o-2024-05-13')).toMatchObject({ pricePer1M: { prompt: 5, completion: 15 } });
    expect(catalog.lookup('mistralai/mistral-small-3.1-24b-instruct-2503')).toMatchObject({ sizeClass: 'medium' });
  });

  it('keeps dated releases that differ from the undated id apart', () => {
    expect(catalog.lookup('qwen/qwen3-235b-a22b').reasoning).toBe(true);
    expect(catalog.lookup('qwen/qwen3-235b-a22b-2507').reasoning).toBe(false);
    expect(catalog.lookup('qwen/qwen3-235b-a22b-thinking-2507').reasoning).toBe(true);
  });

  it('falls back to family and author patterns for models it does not list', () => {
    expect(catalog.lookup('anthropic/claude-opus-9')).toMatchObject({ known: true, openWeights: false, sourceType: 'closed' });
    expect(catalog.lookup('google/gemini-2.5-flash-preview-05-20')).toMatchObject({ reasoning: true, openWeights: false });
    expect(catalog.lookup('openai/gpt-oss-safeguard-20b')).toMatchObject({ openWeights: true, origin: 'row' });
    expect(catalog.lookup('openai/o3-deep-research')).toMatchObject({ openWeights: false, reasoning: true });
    expect(catalog.lookup('xiaomi/mimo-v2-flash')).toMatchObject({ known: true, origin: 'chinese', sourceType: 'unknown' });
  });

  it('reports models from unlisted developers as unknown', () => {
    expect(catalog.lookup('acme/foo')).toMatchObject({ known: false, author: 'acme', sizeClass: 'unknown', sourceType: 'unknown' });
  });

  it('has entries whose derived fields agree with their facts', () => {
    for (const entry of catalog.entries()) {
      expect(entry.sizeClass).toBe(sizeClassOf(entry.parametersB, entry.openWeights));
      if (entry.pricePer1M !== undefined) {
        expect(entry.pricePer1M.completion).toBeGreaterThanOrEqual(entry.pricePer1M.prompt);
      }
      if (entry.openWeights === true && !entry.id.includes('*')) {
        // An exact open-weight entry should say how big the model is; the study's size split needs it.
        expect(entry.parametersB, entry.id).not.toBeNull();
      }
    }
  });
});
