import type { ClassifierKind } from '../classifier-kind.js';

/** The Google client (gax, protos) loads only when this kind is created, so other commands start fast. */
export const googleClassifierKind: ClassifierKind = {
  kind: 'google',
  create: async (config, deps) => (await import('./google-classifier.js')).createGoogleClassifier(config, deps),
};
