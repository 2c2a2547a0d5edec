/** The outcome of JSON.parse without the parser's message, which may quote the input (and so prompt text). */
export type JsonParse = { ok: true; value: unknown } | { ok: false; position?: number };

export function parseJsonText(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    return m ? { ok: false, position: Number(m[1]) } : { ok: false };
  }
}

/** A short sentence for an invalid JSON text that never quotes it. */
export function invalidJsonMessage(p: { position?: number }): string {
  return p.position === undefined ? 'is not valid JSON' : `is not valid JSON (syntax error at character ${p.position})`;
}
