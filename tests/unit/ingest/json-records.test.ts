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

  it('reads an archive line holding an array as one rejected record, and skips blank lines', () => {
    const line = decodeJsonRecordLine('[{"a":1},{"a":2}]', 5, echo).records;
    expect(line).toEqual([
      { ref: 'line 5', error: { field: '(line)', code: 'not_an_object', message: 'holds a JSON array; in NDJSON each line must be one JSON object' } },
    ]);
    expect(decodeJsonRecordLine('[1,2]', 6, echo).records).toHaveLength(1);
    expect(decodeJsonRecordLine('  ', 6, echo).records).toEqual([]);
    expect(decodeJsonRecordLine('{"a":', 7, echo).records[0]).toMatchObject({ ref: 'line 7', error: { code: 'invalid_json' } });
  });

  it('reads an NDJSON body one record per line: an array line is one rejection, a whole-body JSON array is still a list', () => {
    const ndjson = decode('{"a":1}\n[{"a":2},{"a":3}]\n{"a":4}');
    expect(ndjson.records.map((r) => r.ref)).toEqual(['line 1', 'line 2', 'line 3']);
    expect(ndjson.records[1]).toMatchObject({ error: { field: '(line)', code: 'not_an_object' } });
    // In ndjson mode even a one-line body is NDJSON: its array is one rejected line.
    const strict = decodeJsonRecordsBody(Buffer.from('[{"a":1},{"a":2}]\n'), 'records', echo, 'ndjson');
    expect(strict.records).toHaveLength(1);
    expect(strict.records[0]!.error?.code).toBe('not_an_object');
    // As application/json the same body is a JSON array of two records (issue 2: "a JSON event, a JSON array, or NDJSON").
    expect(decodeJsonRecordsBody(Buffer.from('[{"a":1},{"a":2}]\n'), 'records', echo, 'json').records).toHaveLength(2);
    expect(decodeJsonRecordsBody(Buffer.from('{"a":1}\n{"a":2}'), 'records', echo, 'ndjson').records.map((r) => r.value)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('names an empty body empty_body and a non-JSON one invalid_body', () => {
    expect(bodyError('').code).toBe('empty_body');
    expect(bodyError(' \n ').code).toBe('empty_body');
    expect(bodyError('not json').code).toBe('invalid_body');
  });
});
