import { fixture, runIngestFormatContract } from './ingest-format-contract.js';

const jsonRejected = (a: { body: string | Uint8Array }): number => JSON.parse(String(a.body)).rejected;
const jsonError = (a: { body: string | Uint8Array }) => {
  const { error, message } = JSON.parse(String(a.body));
  return { code: error, message };
};

runIngestFormatContract({
  kind: 'events',
  httpPath: '/v1/events',
  fixtures: [
    { name: 'events.json (array)', body: fixture('events/events.json'), contentType: 'application/json', records: 3 },
    { name: 'events.ndjson', body: fixture('events/events.ndjson'), contentType: 'application/x-ndjson', records: 3 },
    { name: 'events.ndjson sent as application/json', body: fixture('events/events.ndjson'), contentType: 'application/json', records: 3 },
    ...['application/ndjson', 'application/jsonl', 'application/x-jsonlines'].map((contentType) => ({
      name: `events.ndjson sent as ${contentType}`,
      body: fixture('events/events.ndjson'),
      contentType,
      records: 3,
    })),
  ],
  promptMarkers: ['heat pump works', 'walrus operator'],
  malformed: { body: fixture('events/malformed.ndjson'), contentType: 'application/x-ndjson', valid: 1, invalid: 3 },
  garbage: { body: Buffer.from('SECRET-PROMPT-TEXT is not JSON at all'), contentType: 'application/json' },
  line: { text: fixture('events/events.ndjson').toString('utf8').split('\n')[0]!, records: 1 },
  rejectedInAnswer: jsonRejected,
  errorInAnswer: jsonError,
  sniffsUntypedJson: true,
});
