import type { Classifier, ClassifyOptions, ClassifyResult } from '../../src/classifiers/classifier.js';
import { localClassifierKind } from '../../src/classifiers/local/index.js';
import { classifyWithModel } from '../../src/classifiers/local/local-classifier.js';
import { loadLocalModel } from '../../src/classifiers/local/load-local-model.js';
import { configSchema } from '../../src/config/config-schema.js';
import { memoryLogger } from '../unit/classifiers/google/google-fixtures.js';
import { classifierContract } from './classifier-contract.js';

const offline = 'the local kind runs an in-process model';
const model = await loadLocalModel();

/** The answers of the classifiers this file created, newest last (so a case can check what the model was given). */
const answers: ClassifyResult[] = [];

async function create(): Promise<Classifier> {
  const inner = await localClassifierKind.create(configSchema.parse({ classifier: { kind: 'local' } }).classifier, { logger: memoryLogger().logger });
  return {
    kind: inner.kind,
    version: inner.version,
    remote: inner.remote,
    async classify(excerpt: string, options?: ClassifyOptions): Promise<ClassifyResult> {
      const result = await inner.classify(excerpt, options);
      answers.push(result);
      return result;
    },
    close: () => inner.close(),
  };
}

classifierContract('local', {
  kind: 'local',
  remote: false,
  create,
  // The model picks its own labels; the suite checks their shape and that there is at least one.
  arrangeSuccess: () => ({ computesLabels: true, verify: () => undefined }),
  // Nothing is sent, but the model must see exactly the cut text: the answer for the long text equals the answer
  // for the cut text, so nothing after the 1,000th code point has any influence.
  arrangeCut: (sent) => {
    const before = answers.length;
    return {
      verify: () => {
        const answer = answers.at(-1);
        if (answers.length !== before + 1 || !answer) throw new Error('the local classifier did not answer exactly once');
        const expected = classifyWithModel(model, sent);
        if (JSON.stringify(answer) !== JSON.stringify(expected)) {
          throw new Error(`the answer ${JSON.stringify(answer)} differs from the cut text's ${JSON.stringify(expected)}`);
        }
      },
    };
  },
  arrangePermanentFailure: { skip: `${offline}: no input is refused, so there is no permanent failure to arrange` },
  arrangeTransientFailure: { skip: `${offline}: there is no service that could be unavailable` },
  arrangeHang: {
    skip: `${offline}: a call runs to completion synchronously in well under a millisecond, so nothing is ever in flight to abort (an already-aborted signal is covered)`,
  },
});
