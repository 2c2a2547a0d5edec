import type { DecodedRecord, DecodeResult } from '../ingest-format.js';
import { attributesToMap, isRecord } from './any-value.js';
import { spanToEvent } from './span-to-event.js';

/**
 * Walk an ExportTraceServiceRequest in OTLP/JSON shape and map every span. A malformed container (a resourceSpans or
 * scopeSpans entry that is not an object, or whose list is not an array) becomes one record error with its ref;
 * spans elsewhere in the request are still mapped. `refPrefix` is prepended to refs ("line 7: ").
 */
export function mapOtlpTraceRequest(request: Record<string, unknown>, refPrefix = ''): DecodeResult {
  const records: DecodedRecord[] = [];
  const ignored: Record<string, number> = {};
  const containerError = (ref: string, message: string): void => {
    records.push({ ref: refPrefix + ref, error: { field: '(event)', code: 'invalid_field', message } });
  };

  const resourceSpans = request.resourceSpans ?? [];
  if (!Array.isArray(resourceSpans)) {
    containerError('resourceSpans', 'resourceSpans must be an array');
    return { records, ignored };
  }
  resourceSpans.forEach((rs, i) => {
    const rsRef = `resourceSpans[${i}]`;
    if (!isRecord(rs)) return containerError(rsRef, 'must be a JSON object');
    const resourceAttrs = attributesToMap(isRecord(rs.resource) ? rs.resource.attributes : undefined);
    const scopeSpans = rs.scopeSpans ?? [];
    if (!Array.isArray(scopeSpans)) return containerError(`${rsRef}.scopeSpans`, 'must be an array');
    scopeSpans.forEach((ss, j) => {
      const ssRef = `${rsRef}.scopeSpans[${j}]`;
      if (!isRecord(ss)) return containerError(ssRef, 'must be a JSON object');
      const spans = ss.spans ?? [];
      if (!Array.isArray(spans)) return containerError(`${ssRef}.spans`, 'must be an array');
      spans.forEach((span, k) => {
        const m = spanToEvent(span, resourceAttrs, `${refPrefix}${ssRef}.spans[${k}]`);
        if ('ignored' in m) ignored[m.ignored] = (ignored[m.ignored] ?? 0) + 1;
        else records.push(m.record);
      });
    });
  });
  return { records, ignored };
}
