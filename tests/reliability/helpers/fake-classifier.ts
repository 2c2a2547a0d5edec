import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What the fake classifyText endpoint does with one request. */
export type Fault =
  | 'ok'
  /** 429 with Retry-After (seconds, or none). */
  | 'rate_limited'
  | 'server_error'
  | 'unavailable'
  /** Answers, but only after `slowMs` (longer than the client's timeout). */
  | 'slow'
  /** Reads the request and never answers (socket kept open until the server closes). */
  | 'hang'
  /** Destroys the socket without an answer. */
  | 'reset'
  /** 200 with a body that is not JSON. */
  | 'garbage'
  /** 200 with JSON that is not a classifyText answer. */
  | 'bad_shape'
  /** 400 INVALID_ARGUMENT "too few tokens" (permanent). */
  | 'too_few_tokens';

export interface FakeClassifier {
  url: string;
  /** Requests seen, by the fault they got. */
  readonly counts: Record<Fault, number>;
  /** Total requests seen. */
  requests(): number;
  /** Replace the script: called for every request with its sequence number and the excerpt. */
  script(decide: (n: number, excerpt: string) => Fault): void;
  close(): Promise<void>;
}

const FAULTS: Fault[] = ['ok', 'rate_limited', 'server_error', 'unavailable', 'slow', 'hang', 'reset', 'garbage', 'bad_shape', 'too_few_tokens'];

/**
 * A local classifyText-compatible server (node:http on 127.0.0.1:0) with scriptable faults. A healthy answer
 * puts programming excerpts ("code", "function", …) under /Computers & Electronics/Programming and everything
 * else under /Arts & Entertainment.
 */
export async function startFakeClassifier(options: { slowMs?: number; retryAfterS?: number } = {}): Promise<FakeClassifier> {
  const counts = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>;
  let n = 0;
  let decide: (n: number, excerpt: string) => Fault = () => 'ok';
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const answerOk = (res: ServerResponse, excerpt: string) => {
    const programming = /code|function|bug|python|javascript|compile|program/i.test(excerpt);
    const name = programming ? '/Computers & Electronics/Programming' : '/Arts & Entertainment';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ categories: [{ name, confidence: 0.9 }], languageCode: 'en', languageSupported: true }));
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    let excerpt = '';
    try {
      excerpt = String((JSON.parse(raw) as { document?: { content?: unknown } }).document?.content ?? '');
    } catch {
      excerpt = '';
    }
    const fault = decide(n++, excerpt);
    counts[fault]++;
    switch (fault) {
      case 'ok':
        return answerOk(res, excerpt);
      case 'rate_limited':
        res.writeHead(429, {
          'content-type': 'application/json',
          ...(options.retryAfterS !== undefined ? { 'retry-after': String(options.retryAfterS) } : {}),
        });
        return res.end(JSON.stringify({ error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded.' } }));
      case 'server_error':
        res.writeHead(500, { 'content-type': 'text/plain' });
        return res.end('internal error');
      case 'unavailable':
        res.writeHead(503, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { code: 503, status: 'UNAVAILABLE', message: 'The service is unavailable.' } }));
      case 'slow': {
        const t = setTimeout(() => {
          timers.delete(t);
          if (!res.destroyed) answerOk(res, excerpt);
        }, options.slowMs ?? 2000);
        timers.add(t);
        return;
      }
      case 'hang':
        return; // never answers
      case 'reset':
        return req.socket.destroy();
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('\u0000\u00ff<html>not json at all');
      case 'bad_shape':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ categories: [{ name: 42, confidence: 'high' }] }));
      case 'too_few_tokens':
        res.writeHead(400, { 'content-type': 'application/json' });
        return res.end(
          JSON.stringify({ error: { code: 400, status: 'INVALID_ARGUMENT', message: 'Invalid text content: too few tokens (words) to process.' } }),
        );
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v2/documents:classifyText`,
    counts,
    requests: () => n,
    script(d) {
      decide = d;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
