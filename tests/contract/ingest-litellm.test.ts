import { fixture, runIngestFormatContract } from './ingest-format-contract.js';

const jsonRejected = (a: { body: string | Uint8Array }): number => JSON.parse(String(a.body)).rejected;
const jsonError = (a: { body: string | Uint8Array }) => {
  const { error, message } = JSON.parse(String(a.body));
  return { code: error, message };
};

runIngestFormatContract({
  kind: 'litellm',
  httpPath: '/v1/litellm',
  fixtures: [
    { name: 'log_format json_array', body: fixture('litellm/json-array.json'), contentType: 'application/json', records: 3 },
    { name: 'log_format ndjson (sent as application/json)', body: fixture('litellm/ndjson-batch.ndjson'), contentType: 'application/json', records: 3 },
    { name: 'log_format single (a failure payload)', body: fixture('litellm/failure-single.json'), contentType: 'application/json', records: 1 },
  ],
  promptMarkers: ['haiku about autumn rain', 'use async/await', 'quarterly report'],
  malformed: { body: fixture('litellm/malformed.json'), contentType: 'application/json', valid: 1, invalid: 3 },
  garbage: { body: Buffer.from('<html>SECRET-PROMPT-TEXT</html>'), contentType: 'application/json' },
  line: { text: fixture('litellm/ndjson-batch.ndjson').toString('utf8').split('\n')[1]!, records: 1 },
  rejectedInAnswer: jsonRejected,
  errorInAnswer: jsonError,
  sniffsUntypedJson: true,
});
