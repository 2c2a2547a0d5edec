import type { ClassifierConfig } from '../../config/config-schema.js';
import type { Classifier, ClassifyOptions, ClassifyResult } from '../classifier.js';
import type { ClassifierDeps } from '../classifier-kind.js';
import { TransientClassifierError } from '../errors/transient-classifier-error.js';
import { toClassifyResult } from '../shared/classify-answer.js';
import { withDeadline } from '../shared/deadline.js';
import type { FailureContext } from '../shared/failure-context.js';
import { prepareExcerpt, requestUnits } from '../shared/prepare-excerpt.js';
import { googleFailure } from './google-failure.js';
import {
  authMode,
  isLanguageClientLike,
  newLanguageClient,
  startClassifyText,
  type ClassifyTextRequest,
  type LanguageClientLike,
} from './language-client.js';

const SERVICE = 'Google Cloud Natural Language';
const AUTH_HINT =
  'Check classifier.google.apiKey, credentials or keyFilename (or the Application Default Credentials), and that ' +
  'the Cloud Natural Language API is enabled for the project.';

/**
 * The `google` kind: Cloud Natural Language classifyText through `@google-cloud/language` in REST mode.
 * API v2 by default; v1 always asks for the V2 content-category model (version "google/v1-v2model").
 * One attempt per classify() call: the classify queue owns retries, backoff and the 429 pause.
 * `options.client` injects a ready client (tests, custom transports); it is then not closed by close().
 */
export async function createGoogleClassifier(
  config: ClassifierConfig,
  deps: ClassifierDeps,
  options?: { client?: unknown },
): Promise<Classifier> {
  const google = config.google;
  let client: LanguageClientLike;
  const owned = options?.client === undefined;
  if (options?.client !== undefined) {
    if (!isLanguageClientLike(options.client)) {
      throw new Error(
        'createGoogleClassifier: options.client must be a @google-cloud/language LanguageServiceClient ' +
          '(an object with a classifyText method).',
      );
    }
    client = options.client;
  } else {
    client = newLanguageClient(google);
  }
  if (owned && client.initialize) {
    try {
      await client.initialize();
    } catch (err) {
      throw new Error(
        `The Google Cloud Natural Language client could not start: ${err instanceof Error ? err.message : String(err)}. ` +
          AUTH_HINT,
        { cause: err },
      );
    }
  }

  const version = google.apiVersion === 'v1' ? 'google/v1-v2model' : 'google/v2';
  const endpoint = `${google.protocol}://${google.apiEndpoint ?? 'language.googleapis.com'}${google.port ? `:${google.port}` : ''}`;
  deps.logger.info(
    { classifier: 'google', apiVersion: google.apiVersion, endpoint, auth: authMode(google), timeoutMs: google.timeoutMs },
    'google classifier ready',
  );
  if (google.protocol === 'http') {
    deps.logger.warn(
      { classifier: 'google', endpoint },
      'classifier.google.protocol is http: requests and credentials travel unencrypted; use it only for a local emulator or fake',
    );
  }

  const lifetime = new AbortController();

  return {
    kind: 'google',
    version,
    remote: true,
    async classify(excerpt: string, callOptions?: ClassifyOptions): Promise<ClassifyResult> {
      if (lifetime.signal.aborted) {
        throw new TransientClassifierError('closed', 'The google classifier was closed; create a new one to classify again.');
      }
      const content = prepareExcerpt(excerpt);
      if (content === '') return { labels: [] };
      const request: ClassifyTextRequest = { document: { type: 'PLAIN_TEXT', content } };
      if (google.apiVersion === 'v1') request.classificationModelOptions = { v2Model: { contentCategoriesVersion: 'V2' } };
      const context: FailureContext = {
        service: SERVICE,
        excerpt: content,
        authHint: AUTH_HINT,
        endpointHint: 'Check classifier.google.apiEndpoint, port and protocol.',
      };
      try {
        const answer = await withDeadline(
          (signal) => {
            const call = startClassifyText(client, request, { retry: null, timeout: google.timeoutMs });
            signal.addEventListener('abort', () => call.cancel(), { once: true });
            return call.promise;
          },
          {
            timeoutMs: google.timeoutMs,
            timeoutSetting: 'classifier.google.timeoutMs',
            signals: [callOptions?.signal, lifetime.signal],
            service: SERVICE,
          },
        );
        const response = Array.isArray(answer) ? (answer[0] as unknown) : answer;
        return toClassifyResult(withoutProtoDefaults(response), SERVICE);
      } catch (err) {
        const failure = googleFailure(err, context);
        deps.logger.debug({ classifier: 'google', reason: failure.reason }, 'google classifyText failed');
        throw failure;
      }
    },
    billedUnits: requestUnits,
    async close(): Promise<void> {
      if (lifetime.signal.aborted) return;
      lifetime.abort();
      if (owned) await client.close?.();
    },
  };
}

/**
 * The REST client decodes answers as proto3 messages and fills absent scalars with their defaults
 * (`languageCode: ""`, `languageSupported: false`), so "false" without a language is what an answer with no
 * language fields decodes to, not something Google said: it is dropped. `languageSupported: true` is kept even
 * without a languageCode.
 */
function withoutProtoDefaults(response: unknown): unknown {
  if (typeof response !== 'object' || response === null) return response;
  const r = response as { languageCode?: unknown; languageSupported?: unknown };
  if (r.languageSupported !== false || (typeof r.languageCode === 'string' && r.languageCode !== '')) return response;
  const { languageSupported: _default, ...rest } = r;
  return rest;
}
