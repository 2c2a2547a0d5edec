import type { ClassifierKind } from '../classifier-kind.js';

/** The model and the language database load only when this kind is created. */
export const localClassifierKind: ClassifierKind = {
  kind: 'local',
  create: async (config, deps) => (await import('./local-classifier.js')).createLocalClassifier(config, deps),
};
