import type { ClassifierKind } from '../classifier-kind.js';
import { createGoogleClassifier } from './google-classifier.js';

export const googleClassifierKind: ClassifierKind = {
  kind: 'google',
  create: (config, deps) => createGoogleClassifier(config, deps),
};
