import { localClassifierKind } from '../../src/classifiers/local/index.js';
import { configSchema } from '../../src/config/config-schema.js';
import { memoryLogger } from '../unit/classifiers/google/google-fixtures.js';
import { classifierContract } from './classifier-contract.js';

const offline = 'the local kind runs an in-process model';

classifierContract('local', {
  kind: 'local',
  remote: false,
  create: () => localClassifierKind.create(configSchema.parse({ classifier: { kind: 'local' } }).classifier, { logger: memoryLogger().logger }),
  // The model picks its own labels; the suite checks their shape and that there is at least one.
  arrangeSuccess: () => ({ computesLabels: true, verify: () => undefined }),
  arrangeCut: { skip: `${offline}: nothing is sent and nothing is billed` },
  arrangePermanentFailure: { skip: `${offline}: no input is refused` },
  arrangeTransientFailure: { skip: `${offline}: there is no service to be unavailable` },
  arrangeHang: { skip: `${offline}: a call is synchronous and cannot hang` },
});
