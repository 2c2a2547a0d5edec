import type { ClassifierConfig } from '../config/config-schema.js';
import type { Classifier } from './classifier.js';
import type { ClassifierDeps, ClassifierKind } from './classifier-kind.js';
import { googleClassifierKind } from './google/index.js';
import { httpClassifierKind } from './http/index.js';
import { localClassifierKind } from './local/index.js';

/** Every classifier kind, by its `classifier.kind` config value. A new Map each call: no shared state. */
export function classifierKinds(): ReadonlyMap<string, ClassifierKind> {
  return new Map<string, ClassifierKind>(
    [localClassifierKind, httpClassifierKind, googleClassifierKind].map((k) => [k.kind, k] as const),
  );
}

/** Creates the classifier `config.kind` names; an unknown kind is an error that lists the known ones. */
export async function createClassifier(config: ClassifierConfig, deps: ClassifierDeps): Promise<Classifier> {
  const kinds = classifierKinds();
  const kind = kinds.get(config.kind);
  if (!kind) {
    throw new Error(
      `Unknown classifier kind "${String(config.kind)}" in classifier.kind; use one of: ${[...kinds.keys()].join(', ')}.`,
    );
  }
  return kind.create(config, deps);
}
