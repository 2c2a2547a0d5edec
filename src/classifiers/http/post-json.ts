import http from 'node:http';
import https from 'node:https';

/** Bodies larger than this are not read to the end (a classifyText answer is a few hundred bytes). */
export const MAX_ANSWER_BYTES = 1024 * 1024;

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as UTF-8 text. */
  body: string;
}

export class AnswerTooLargeError extends Error {
  override readonly name = 'AnswerTooLargeError';
}

/**
 * One POST of a JSON body over Node's http/https with the given keep-alive agent; resolves with the status,
 * headers and body of any answer (non-2xx included) and rejects on socket errors. Aborting `signal` destroys
 * the request and its socket.
 */
export function postJson(
  url: URL,
  json: string,
  headers: Readonly<Record<string, string>>,
  agent: http.Agent,
  signal: AbortSignal,
): Promise<HttpAnswer> {
  const transport = url.protocol === 'https:' ? https : http;
  const body = Buffer.from(json, 'utf8');
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = transport.request(url, {
      method: 'POST',
      agent,
      signal,
      headers: {
        ...headers,
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
        'content-length': String(body.length),
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          // Reject first: destroying the request makes the response emit its own "aborted" error.
          reject(new AnswerTooLargeError(`The answer is larger than ${MAX_ANSWER_BYTES} bytes.`));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', reject);
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.end(body);
  });
}
