import type { ClassifierConfig } from '../../config/config-schema.js';
import type { Classifier, ClassifyOptions, ClassifyResult } from '../classifier.js';
import type { ClassifierDeps } from '../classifier-kind.js';
import { bundledModelPath, loadLocalModel } from './load-local-model.js';
import { detectLanguage } from './detect-language.js';
import { predict } from './predict.js';

export { LANGUAGE_SAMPLE_CHARS } from './detect-language.js';

/** Languages the bundled training set covers; other detected languages are reported as not supported. */
export const LOCAL_TRAINED_LANGUAGES: ReadonlySet<string> = new Set(['en', 'es', 'fr', 'de', 'pt', 'it', 'zh', 'ja', 'ru']);


function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  const message =
    reason instanceof Error && reason.message ? `The local classification was aborted: ${reason.message}` : 'The local classification was aborted.';
  return new DOMException(message, 'AbortError');
}

/**
 * The offline classifier: a multinomial logistic-regression model (taxonomy/local-classifier/model.json) scored
 * in-process. Answers canonical Google paths with calibrated confidences, and the excerpt's language via eld.
 */
export async function createLocalClassifier(config: ClassifierConfig, deps: ClassifierDeps): Promise<Classifier> {
  const path = config.local.model ?? bundledModelPath();
  const model = await loadLocalModel(path);
  deps.logger.info(
    { classifier: 'local', modelVersion: model.version, features: model.rows.size, bundled: config.local.model === undefined },
    'local classifier model loaded',
  );
  let closed = false;

  return {
    kind: 'local',
    version: `local/${model.version}`,
    remote: false,
    async classify(excerpt: string, options?: ClassifyOptions): Promise<ClassifyResult> {
      if (options?.signal?.aborted) throw abortError(options.signal);
      if (closed) throw new Error('The local classifier was closed; create a new one to classify again.');
      const { labels } = predict(model, excerpt);
      const languageCode = detectLanguage(excerpt);
      if (!languageCode) return { labels };
      return { labels, languageCode, languageSupported: LOCAL_TRAINED_LANGUAGES.has(languageCode) };
    },
    async close(): Promise<void> {
      closed = true;
    },
  };
}
