import type { ClassifierConfig } from '../config/config-schema.js';
import type { Logger } from '../logging/create-logger.js';
import type { Classifier } from './classifier.js';

export interface ClassifierDeps {
  logger: Logger;
}

/** What each kind's folder exports; the registry maps `classifier.kind` to one of these. */
export interface ClassifierKind {
  readonly kind: string;
  create(config: ClassifierConfig, deps: ClassifierDeps): Promise<Classifier>;
}
