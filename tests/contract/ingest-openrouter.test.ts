import { fixture, runIngestFormatContract } from './ingest-format-contract.js';

const jsonRejected = (a: { body: string | Uint8Array }): number => JSON.parse(String(a.body)).rejected;
const jsonError = (a: { body: string | Uint8Array }) => {
  const { error, message } = JSON.parse(String(a.body));
  return { code: error, message };
};

runIngestFormatContract({
  kind: 'openrouter',
  httpPath: '/v1/openrouter',
  fixtures: [
    { name: 'JSON array of wrapped and bare records', body: fixture('openrouter/generations.json'), contentType: 'application/json', records: 3 },
    { name: 'one record per line', body: fixture('openrouter/generations.ndjson'), contentType: 'application/x-ndjson', records: 3 },
    { name: 'one wrapped record', body: fixture('openrouter/wrapped-single.json'), contentType: 'application/json', records: 1 },
  ],
  // Generation records carry no prompt text.
  promptMarkers: [],
  malformed: { body: fixture('openrouter/malformed.json'), contentType: 'application/json', valid: 1, invalid: 3 },
  garbage: { body: Buffer.from('SECRET-PROMPT-TEXT\nstill not json\n'), contentType: 'application/x-ndjson' },
  line: { text: fixture('openrouter/generations.ndjson').toString('utf8').split('\n')[0]!, records: 1 },
  rejectedInAnswer: jsonRejected,
  errorInAnswer: jsonError,
  sniffsUntypedJson: true,
});
