import { createServer, type Server } from 'node:http';

/**
 * A classifyText-compatible endpoint for the `http` classifier kind that calls every excerpt "programming" and
 * counts the requests it answers. Keeps tests independent of the bundled local model and runs the remote path.
 */
export async function startProgrammingClassifier(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ categories: [{ name: '/Computers & Electronics/Programming', confidence: 0.9 }], languageCode: 'en', languageSupported: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/v2/documents:classifyText`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
