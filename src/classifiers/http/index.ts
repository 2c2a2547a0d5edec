import type { ClassifierKind } from '../classifier-kind.js';

export const httpClassifierKind: ClassifierKind = {
  kind: 'http',
  create: async (config, deps) => (await import('./http-classifier.js')).createHttpClassifier(config, deps),
};
