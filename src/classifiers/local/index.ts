import type { ClassifierKind } from '../classifier-kind.js';
import { createLocalClassifier } from './local-classifier.js';

export const localClassifierKind: ClassifierKind = { kind: 'local', create: createLocalClassifier };
