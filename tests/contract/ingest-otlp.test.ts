import { loadOtlpTraceTypes } from '../../src/ingest/otlp/otlp-trace-proto.js';
import { fixture, runIngestFormatContract } from './ingest-format-contract.js';

const types = loadOtlpTraceTypes();

/** partialSuccess.rejectedSpans from a JSON or protobuf ExportTraceServiceResponse (absent → 0). */
function rejectedSpans(a: { contentType: string; body: string | Uint8Array }): number {
  const response =
    typeof a.body === 'string'
      ? JSON.parse(a.body)
      : types.response.toObject(types.response.decode(a.body), { longs: String });
  return Number(response.partialSuccess?.rejectedSpans ?? 0);
}

runIngestFormatContract({
  kind: 'otlp',
  httpPath: '/v1/traces',
  fixtures: [
    {
      name: 'agent trace with tool spans',
      body: fixture('otlp/agent-trace-with-tools.json'),
      contentType: 'application/json',
      records: 4,
      ignored: { not_a_model_call: 4, not_a_generation: 1 },
    },
    { name: 'OpenRouter Broadcast span', body: fixture('otlp/openrouter-broadcast.json'), contentType: 'application/json', records: 1 },
    {
      name: 'OpenInference (Phoenix) export',
      body: fixture('otlp/openinference-export.json'),
      contentType: 'application/json',
      records: 1,
      ignored: { not_a_model_call: 3 },
    },
  ],
  promptMarkers: ['order 88231', 'helpful support agent', 'good morning', 'factory settings'],
  malformed: { body: fixture('otlp/malformed-spans.json'), contentType: 'application/json', valid: 1, invalid: 3 },
  garbage: { body: Buffer.from('resourceSpans: SECRET-PROMPT-TEXT'), contentType: 'application/json' },
  line: { text: fixture('otlp/collector-file-export.ndjson').toString('utf8').split('\n')[1]!, records: 1 },
  rejectedInAnswer: rejectedSpans,
});
