import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../../../src/catalog/glob-pattern.js';
import { authorOfModelId, stripDateSuffix, stripVariantSuffixes } from '../../../src/catalog/model-id.js';

describe('stripVariantSuffixes', () => {
  it.each([
    ['deepseek/deepseek-r1:free', 'deepseek/deepseek-r1'],
    ['meta-llama/llama-3.3-70b-instruct:nitro', 'meta-llama/llama-3.3-70b-instruct'],
    ['openai/gpt-4o:floor', 'openai/gpt-4o'],
    ['openai/gpt-4o:online', 'openai/gpt-4o'],
    ['anthropic/claude-3.7-sonnet:thinking', 'anthropic/claude-3.7-sonnet'],
    ['anthropic/claude-3-opus:extended', 'anthropic/claude-3-opus'],
    ['anthropic/claude-3.5-sonnet:beta', 'anthropic/claude-3.5-sonnet'],
    ['z-ai/glm-4.6:exacto', 'z-ai/glm-4.6'],
    ['openai/gpt-4o:online:nitro', 'openai/gpt-4o'],
    ['  OpenAI/GPT-4o:FREE ', 'openai/gpt-4o'],
  ])('turns %s into %s', (input, expected) => {
    expect(stripVariantSuffixes(input)).toBe(expected);
  });

  it('keeps suffixes it does not know', () => {
    expect(stripVariantSuffixes('acme/model:custom')).toBe('acme/model:custom');
  });
});

describe('stripDateSuffix', () => {
  it.each([
    ['openai/gpt-4o-2024-08-06', 'openai/gpt-4o'],
    ['anthropic/claude-3-5-sonnet-20241022', 'anthropic/claude-3-5-sonnet'],
    ['cohere/command-r-08-2024', 'cohere/command-r'],
    ['google/gemini-2.5-flash-preview-05-20', 'google/gemini-2.5-flash-preview'],
    ['deepseek/deepseek-chat-v3-0324', 'deepseek/deepseek-chat-v3'],
    ['mistralai/mistral-large-2411', 'mistralai/mistral-large'],
  ])('turns %s into %s', (input, expected) => {
    expect(stripDateSuffix(input)).toBe(expected);
  });

  it('leaves ids without a trailing date alone', () => {
    expect(stripDateSuffix('openai/gpt-oss-120b')).toBe('openai/gpt-oss-120b');
    expect(stripDateSuffix('google/gemini-2.0-flash-001')).toBe('google/gemini-2.0-flash-001');
  });
});

describe('authorOfModelId', () => {
  it('takes the prefix before the first slash', () => {
    expect(authorOfModelId('acme/foo')).toBe('acme');
    expect(authorOfModelId('acme/foo/bar')).toBe('acme');
  });

  it('says unknown when there is no prefix', () => {
    expect(authorOfModelId('foo')).toBe('unknown');
    expect(authorOfModelId('/foo')).toBe('unknown');
  });
});

describe('globToRegExp', () => {
  it('matches * against any run of characters and everything else literally', () => {
    const re = globToRegExp('anthropic/claude-3.5*');
    expect(re.test('anthropic/claude-3.5-sonnet')).toBe(true);
    expect(re.test('anthropic/claude-3.5')).toBe(true);
    expect(re.test('anthropic/claude-305-sonnet')).toBe(false);
    expect(re.test('x/anthropic/claude-3.5')).toBe(false);
  });

  it('supports a * in the middle', () => {
    const re = globToRegExp('qwen/qwen3-*thinking*');
    expect(re.test('qwen/qwen3-30b-a3b-thinking-2507')).toBe(true);
    expect(re.test('qwen/qwen3-30b-a3b-instruct-2507')).toBe(false);
  });
});
