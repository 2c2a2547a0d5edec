import { createGoogleClassifier } from '../../src/classifiers/google/google-classifier.js';
import {
  googleError,
  googleConfig,
  interceptClassify,
  memoryLogger,
  useNoMetadataServer,
  type ApiVersion,
} from '../unit/classifiers/google/google-fixtures.js';
import { classifierContract, useNock } from './classifier-contract.js';

useNock();
useNoMetadataServer();

for (const version of ['v2', 'v1'] as ApiVersion[]) {
  classifierContract(`google (API ${version})`, {
    kind: 'google',
    remote: true,
    create: () => createGoogleClassifier(googleConfig({ apiVersion: version }), { logger: memoryLogger().logger }),
    arrangeSuccess(sent, labels) {
      const scope = interceptClassify(version, sent).reply(200, {
        categories: labels,
        ...(version === 'v2' ? { languageCode: 'en', languageSupported: true } : {}),
      });
      return { verify: () => scope.done() };
    },
    arrangeCut(sent) {
      const scope = interceptClassify(version, sent).reply(200, { categories: [] });
      return { verify: () => scope.done() };
    },
    arrangePermanentFailure(sent) {
      const scope = interceptClassify(version, sent).reply(
        400,
        googleError(400, 'INVALID_ARGUMENT', 'Invalid text content: too few tokens (words) to process.'),
      );
      return { verify: () => scope.done() };
    },
    arrangeTransientFailure(sent) {
      const scope = interceptClassify(version, sent).reply(503, googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.'));
      return { verify: () => scope.done() };
    },
    arrangeHang(sent) {
      const scope = interceptClassify(version, sent).delay(60_000).reply(200, { categories: [] });
      return { verify: () => scope.done() };
    },
  });
}
