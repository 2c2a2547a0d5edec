/**
 * OTLP AnyValue ({stringValue|boolValue|intValue|doubleValue|arrayValue|kvlistValue|bytesValue}) → a plain JS value.
 * intValue may be a decimal string (int64 in OTLP/JSON) or a number; doubleValue may be "NaN"/"Infinity" strings.
 * Bytes are never needed by the mapper and become undefined, as does anything malformed.
 */
export function anyValueToJs(v: unknown): unknown {
  if (!isRecord(v)) return undefined;
  if ('stringValue' in v) return typeof v.stringValue === 'string' ? v.stringValue : undefined;
  if ('boolValue' in v) return typeof v.boolValue === 'boolean' ? v.boolValue : undefined;
  if ('intValue' in v) return toNumber(v.intValue, /^-?\d+$/);
  if ('doubleValue' in v) return toNumber(v.doubleValue, /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|NaN|-?Infinity)$/);
  if ('arrayValue' in v) {
    const values = isRecord(v.arrayValue) && Array.isArray(v.arrayValue.values) ? v.arrayValue.values : [];
    return values.map(anyValueToJs);
  }
  if ('kvlistValue' in v) {
    const values = isRecord(v.kvlistValue) && Array.isArray(v.kvlistValue.values) ? v.kvlistValue.values : [];
    return Object.fromEntries(attributeEntries(values));
  }
  return undefined;
}

/** OTLP attributes ([{key, value: AnyValue}]) → a Map; later duplicates win, entries without a usable value are skipped. */
export function attributesToMap(attributes: unknown): Map<string, unknown> {
  return new Map(Array.isArray(attributes) ? attributeEntries(attributes) : []);
}

function attributeEntries(list: unknown[]): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const kv of list) {
    if (!isRecord(kv) || typeof kv.key !== 'string') continue;
    const value = anyValueToJs(kv.value);
    if (value !== undefined) out.push([kv.key, value]);
  }
  return out;
}

function toNumber(v: unknown, pattern: RegExp): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && pattern.test(v)) return Number(v);
  return undefined;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
