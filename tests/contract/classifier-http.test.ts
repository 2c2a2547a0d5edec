import { createHttpClassifier } from '../../src/classifiers/http/http-classifier.js';
import { memoryLogger } from '../unit/classifiers/google/google-fixtures.js';
import { httpConfig, interceptHttp } from '../unit/classifiers/http/http-fixtures.js';
import { classifierContract, useNock } from './classifier-contract.js';

useNock();

classifierContract('http', {
  kind: 'http',
  remote: true,
  create: () => createHttpClassifier(httpConfig(), { logger: memoryLogger().logger }),
  arrangeSuccess(sent, labels) {
    const scope = interceptHttp(sent).reply(200, { categories: labels, languageCode: 'en' });
    return { verify: () => scope.done() };
  },
  arrangeCut(sent) {
    const scope = interceptHttp(sent).reply(200, { categories: [] });
    return { verify: () => scope.done() };
  },
  arrangePermanentFailure(sent) {
    const scope = interceptHttp(sent).reply(400, {
      error: { code: 400, message: 'Invalid text content: too few tokens (words) to process.', status: 'INVALID_ARGUMENT' },
    });
    return { verify: () => scope.done() };
  },
  arrangeTransientFailure(sent) {
    const scope = interceptHttp(sent).reply(502, 'Bad Gateway');
    return { verify: () => scope.done() };
  },
  arrangeHang(sent) {
    const scope = interceptHttp(sent).delay(60_000).reply(200, { categories: [] });
    return { verify: () => scope.done() };
  },
});
