import type { ClassifierConfig } from '../../config/config-schema.js';
import type { Classifier, ClassifyOptions, ClassifyResult } from '../classifier.js';
import type { ClassifierDeps } from '../classifier-kind.js';
import { TransientClassifierError } from '../errors/transient-classifier-error.js';
import { prepareExcerpt } from '../shared/prepare-excerpt.js';
import { detectLanguage } from './detect-language.js';
import { bundledModelPath, loadLocalModel } from './load-local-model.js';
import type { LocalModel } from './local-model.js';
import { predict } from './predict.js';

export { LANGUAGE_SAMPLE_CHARS } from './detect-language.js';

/** Languages the bundled training set covers; other detected languages are reported as not supported. */
export const LOCAL_TRAINED_LANGUAGES: ReadonlySet<string> = new Set(['en', 'es', 'fr', 'de', 'pt', 'it', 'zh', 'ja', 'ru']);

/** Texts that look like code with fewer words than this get no languageCode (a language of `ls -la` is noise). */
const MIN_WORDS_FOR_LANGUAGE_OF_CODE = 8;

/**
 * Classifies one excerpt with a loaded model, synchronously: the same excerpt the network kinds would send
 * (prepareExcerpt: trimmed, cut to 1,000 code points, so nothing after the cut has any influence), the model's labels,
 * and eld's language when it is meaningful (not for very short text, not when eld is unsure, not for a line of code).
 */
export function classifyWithModel(model: LocalModel, excerpt: string): ClassifyResult {
  const text = prepareExcerpt(excerpt);
  if (text === '') return { labels: [] };
  const prediction = predict(model, text);
  if (prediction.tooShort) return { labels: prediction.labels };
  if (prediction.codeSignal && prediction.wordCount < MIN_WORDS_FOR_LANGUAGE_OF_CODE) return { labels: prediction.labels };
  const languageCode = detectLanguage(text);
  if (!languageCode) return { labels: prediction.labels };
  return { labels: prediction.labels, languageCode, languageSupported: LOCAL_TRAINED_LANGUAGES.has(languageCode) };
}

function abortedError(): TransientClassifierError {
  return new TransientClassifierError(
    'aborted',
    'The local classification was abandoned because the classifier is shutting down; the sample will be retried.',
  );
}

/**
 * The offline classifier: a multinomial logistic-regression model (taxonomy/local-classifier/model.json) scored
 * in-process. Answers canonical Google paths with calibrated confidences, and the excerpt's language via eld.
 * A call runs to completion synchronously (well under a millisecond), so abort is checked when it starts: an
 * aborted signal or a closed classifier rejects with TransientClassifierError ("aborted" / "closed"), like the
 * network kinds, so the sample is retried rather than failed.
 */
export async function createLocalClassifier(config: ClassifierConfig, deps: ClassifierDeps): Promise<Classifier> {
  const path = config.local.model ?? bundledModelPath();
  const model = await loadLocalModel(path);
  deps.logger.info(
    { classifier: 'local', modelVersion: model.version, features: model.featureCount, bundled: config.local.model === undefined },
    'local classifier model loaded',
  );
  let closed = false;

  return {
    kind: 'local',
    version: `local/${model.version}`,
    remote: false,
    async classify(excerpt: string, options?: ClassifyOptions): Promise<ClassifyResult> {
      if (options?.signal?.aborted) throw abortedError();
      if (closed) throw new TransientClassifierError('closed', 'The local classifier was closed; create a new one to classify again.');
      return classifyWithModel(model, excerpt);
    },
    async close(): Promise<void> {
      closed = true;
    },
  };
}
