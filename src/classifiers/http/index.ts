import type { ClassifierKind } from '../classifier-kind.js';
import { createHttpClassifier } from './http-classifier.js';

export const httpClassifierKind: ClassifierKind = { kind: 'http', create: createHttpClassifier };
