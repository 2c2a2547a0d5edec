import http from 'node:http';
import https from 'node:https';
import type { ClassifierConfig } from '../../config/config-schema.js';
import type { Classifier, ClassifyOptions, ClassifyResult } from '../classifier.js';
import type { ClassifierDeps } from '../classifier-kind.js';
import { TransientClassifierError } from '../errors/transient-classifier-error.js';
import { toClassifyResult } from '../shared/classify-answer.js';
import { withDeadline } from '../shared/deadline.js';
import type { FailureContext } from '../shared/failure-context.js';
import { httpFailure } from '../shared/http-failure.js';
import { prepareExcerpt, requestUnits } from '../shared/prepare-excerpt.js';
import { networkFailure } from '../shared/thrown-failure.js';
import { AnswerTooLargeError, postJson } from './post-json.js';

/** Header names whose values must not be changed by classifier.http.headers (the adapter sets them). */
const RESERVED_HEADERS = new Set(['content-type', 'content-length', 'accept', 'host', 'transfer-encoding', 'connection']);

/**
 * The `http` kind: POSTs {"document": {"type": "PLAIN_TEXT", "content": excerpt}} to classifier.http.url and
 * reads Google's v2 REST answer {"categories": [{"name", "confidence"}], "languageCode"?, "languageSupported"?}.
 * classifier.http.headers are sent with every request and never logged. One attempt per classify() call.
 * Version: "http/<host[:port]>".
 */
export async function createHttpClassifier(config: ClassifierConfig, deps: ClassifierDeps): Promise<Classifier> {
  const settings = config.http;
  if (!settings.url) {
    throw new Error('classifier.kind is "http" but classifier.http.url is not set; set it to the classifyText-compatible endpoint.');
  }
  const url = new URL(settings.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`classifier.http.url must be an http:// or https:// URL; "${url.protocol}" is not supported.`);
  }
  const reserved = Object.keys(settings.headers).filter((name) => RESERVED_HEADERS.has(name.toLowerCase()));
  if (reserved.length > 0) {
    throw new Error(
      `classifier.http.headers sets ${reserved.join(', ')}, which the http classifier sets itself; remove ${reserved.length > 1 ? 'them' : 'it'}.`,
    );
  }
  const headers: Record<string, string> = { ...settings.headers };
  const agent = url.protocol === 'https:' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const service = `the classifier endpoint at ${url.host}`;
  deps.logger.info(
    { classifier: 'http', host: url.host, protocol: url.protocol, headerCount: Object.keys(headers).length, timeoutMs: settings.timeoutMs },
    'http classifier ready',
  );
  const lifetime = new AbortController();

  return {
    kind: 'http',
    version: `http/${url.host}`,
    remote: true,
    async classify(excerpt: string, options?: ClassifyOptions): Promise<ClassifyResult> {
      if (lifetime.signal.aborted) {
        throw new TransientClassifierError('closed', 'The http classifier was closed; create a new one to classify again.');
      }
      const content = prepareExcerpt(excerpt);
      if (content === '') return { labels: [] };
      const context: FailureContext = {
        service,
        excerpt: content,
        authHint: 'Check the credentials in classifier.http.headers.',
        endpointHint: 'Check classifier.http.url.',
      };
      try {
        const answer = await withDeadline(
          (signal) => postJson(url, JSON.stringify({ document: { type: 'PLAIN_TEXT', content } }), headers, agent, signal),
          {
            timeoutMs: settings.timeoutMs,
            timeoutSetting: 'classifier.http.timeoutMs',
            signals: [options?.signal, lifetime.signal],
            service,
          },
        );
        if (answer.status < 200 || answer.status > 299) {
          throw httpFailure({ status: answer.status, body: answer.body, retryAfter: firstHeader(answer.headers['retry-after']) }, context);
        }
        let json: unknown;
        try {
          json = JSON.parse(answer.body);
        } catch {
          throw new TransientClassifierError(
            'bad_response',
            `The answer of ${service} (HTTP ${answer.status}) is not JSON. The sample will be retried.`,
          );
        }
        return toClassifyResult(json, service);
      } catch (err) {
        const failure = mapThrown(err, context);
        deps.logger.debug({ classifier: 'http', reason: failure.reason }, 'http classify request failed');
        throw failure;
      }
    },
    billedUnits: requestUnits,
    async close(): Promise<void> {
      if (lifetime.signal.aborted) return;
      lifetime.abort();
      agent.destroy();
    },
  };
}

function mapThrown(err: unknown, context: FailureContext) {
  const network = networkFailure(err, context);
  if (network) return network;
  if (err instanceof AnswerTooLargeError) {
    return new TransientClassifierError(
      'bad_response',
      `The answer of ${context.service} is larger than a classifyText answer can be. The sample will be retried.`,
    );
  }
  const name = err instanceof Error ? err.name : typeof err;
  return new TransientClassifierError('unknown', `The request to ${context.service} failed with an unexpected ${name}. The sample will be retried.`);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
