import { describe, expect, it } from 'vitest';
import { classifierKinds, createClassifier } from '../../src/classifiers/registry.js';
import { configSchema } from '../../src/config/config-schema.js';
import { memoryLogger } from '../unit/classifiers/google/google-fixtures.js';
import { ENDPOINT_URL } from '../unit/classifiers/http/http-fixtures.js';

describe('classifier registry', () => {
  it('knows the local, http and google kinds', () => {
    const kinds = classifierKinds();
    expect([...kinds.keys()].sort()).toEqual(['google', 'http', 'local']);
    for (const [name, kind] of kinds) expect(kind.kind).toBe(name);
  });

  it('creates the kind the config names', async () => {
    const config = configSchema.parse({ classifier: { kind: 'http', http: { url: ENDPOINT_URL } } }).classifier;
    const c = await createClassifier(config, { logger: memoryLogger().logger });
    try {
      expect(c.kind).toBe('http');
      expect(c.version).toBe('http/classify.example.test:8443');
    } finally {
      await c.close();
    }
    const local = await createClassifier(configSchema.parse({}).classifier, { logger: memoryLogger().logger });
    try {
      expect(local.kind).toBe('local');
    } finally {
      await local.close();
    }
  });

  it('rejects an unknown kind with a message listing the known kinds', async () => {
    const config = { ...configSchema.parse({}).classifier, kind: 'openai' } as unknown as Parameters<typeof createClassifier>[0];
    await expect(createClassifier(config, { logger: memoryLogger().logger })).rejects.toThrow(
      'Unknown classifier kind "openai" in classifier.kind; use one of: local, http, google.',
    );
  });
});
