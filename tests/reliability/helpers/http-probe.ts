/** One HTTP request to a local server with a hard client-side deadline; reports status, headers, body and time taken. */
export interface Probe {
  status: number;
  retryAfter: string | null;
  contentType: string | null;
  body: string;
  ms: number;
}

export async function probe(url: string, init: RequestInit = {}, deadlineMs = 10_000): Promise<Probe> {
  const started = Date.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(deadlineMs) });
  const body = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), contentType: res.headers.get('content-type'), body, ms: Date.now() - started };
}

/** A small valid v1 event (for probes). */
export function probeEvent(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, createdAt: '2025-06-03T10:00:00Z', model: 'probe/model', usage: { promptTokens: 3, completionTokens: 4 }, ...extra };
}

export const postJson = (url: string, value: unknown, headers: Record<string, string> = {}) =>
  probe(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) });
