import { describe, expect, it } from 'vitest';
import { IngestBodyError } from '../../../src/ingest/ingest-body-error.js';
import { decodeJsonRecordLine, decodeJsonRecordsBody, type JsonItemMapper } from '../../../src/ingest/json-records.js';

const echo: JsonItemMapper = (value, ref) => ({ ref, value });
const decode = (text: string) => decodeJsonRecordsBody(Buffer.from(text), 'records', echo);

function bodyError(text: string): IngestBodyError {
  try {
    decode(text);
  } catch (err) {
    if (err instanceof IngestBodyError) return err;
    throw err;
  }
  throw new Error('expected an IngestBodyError');
}

describe('JSON records body', () => {
  it('reads an array with index refs, an object as one record, and NDJSON with line refs', () => {
    expect(decode('[{"a":1},{"a":2}]').records).toEqual([
      { ref: '[0]', value: { a: 1 } },
      { ref: '[1]', value: { a: 2 } },
    ]);
    expect(decode('\uFEFF{"a":1}').records).toEqual([{ ref: '(body)', value: { a: 1 } }]);
    expect(decode('{"a":1}\r\n\n{"a":2}\n').records).toEqual([
      { ref: 'line 1', value: { a: 1 } },
      { ref: 'line 3', value: { a: 2 } },
    ]);
  });

  it('reports a bad NDJSON line as its own record error without quoting it', () => {
    const r = decode('{"a":1}\n{"prompt": "private words\n');
    expect(r.records[1]).toMatchObject({ ref: 'line 2', error: { field: '(line)', code: 'invalid_json' } });
    expect(JSON.stringify(r)).not.toContain('private words');
  });

  it('rejects empty, scalar and non-JSON bodies as a whole, without quoting them', () => {
    expect(bodyError('').status).toBe(400);
    expect(bodyError('42').message).toContain('JSON number');
    expect(bodyError('null').message).toContain('JSON null');
    const e = bodyError('private words that are not json\nmore private words');
    expect(e.status).toBe(400);
    expect(e.message).not.toContain('private');
  });

  it('expands an array on an archive line and skips blank lines', () => {
    expect(decodeJsonRecordLine('[{"a":1},{"a":2}]', 5, echo).records.map((r) => r.ref)).toEqual(['line 5[0]', 'line 5[1]']);
    expect(decodeJsonRecordLine('  ', 6, echo).records).toEqual([]);
    expect(decodeJsonRecordLine('{"a":', 7, echo).records[0]).toMatchObject({ ref: 'line 7', error: { code: 'invalid_json' } });
  });
});
