import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { CensusApp } from '../app/census-app.js';
import { IngestBodyError } from '../ingest/ingest-body-error.js';
import type { IngestFormat } from '../ingest/ingest-format.js';
import { ingestFormats } from '../ingest/registry.js';
import { acceptRecords } from '../pipeline/accept-records.js';
import type { EventProducer } from '../queue/event-producer.js';
import { createBearerCheck } from './bearer-auth.js';

export interface HttpServerOptions {
  app: CensusApp;
  producer: EventProducer;
  /** True when the workers are running (readiness). */
  workersRunning: () => boolean;
}

export interface CensusHttpServer {
  readonly server: FastifyInstance;
  listen(): Promise<string>;
  close(): Promise<void>;
}

const RETRY_AFTER_S = 5;
/** How long ingest and /readyz wait for Redis to answer a PING before calling it unreachable. */
const REDIS_CHECK_MS = 1000;

/**
 * The sidecar's HTTP side: ingest routes for every ingest format, health, readiness and metrics.
 * Bodies are read as bytes (gzip accepted), decoded by the format, validated per record, and answered only once
 * the accepted events are in Redis. Errors name the record and field, never echo prompt text.
 */
export function createHttpServer(options: HttpServerOptions): CensusHttpServer {
  const { app, producer } = options;
  const { config, metrics, logger } = app;
  const limit = config.server.bodyLimitBytes;
  const server = Fastify({
    logger: false,
    bodyLimit: limit,
    requestTimeout: config.server.requestTimeoutMs,
    connectionTimeout: config.server.requestTimeoutMs,
    return503OnClosing: true,
  });
  // One check per ingest format: server.authTokens.<kind> if set, else server.authToken, else open.
  const checks = new Map<string, (header: string | undefined) => boolean>();
  const authorizedFor = (kind: IngestFormat['kind']) => {
    let check = checks.get(kind);
    if (!check) checks.set(kind, (check = createBearerCheck(config.server.authTokens[kind] ?? config.server.authToken)));
    return check;
  };

  let closing = false;
  server.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  // Every body is taken as raw bytes; formats decode them.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body));

  /**
   * A PING bounded by REDIS_CHECK_MS. A paused or unreachable Redis leaves ioredis commands waiting (a stopped
   * server keeps its sockets open), so ingest checks first and answers 503 instead of hanging the request.
   */
  const redisAnswers = async (): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        app.redis.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), REDIS_CHECK_MS);
        }),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  };

  let backlogCache = { at: 0, batches: 0 };
  const backlogBatches = async () => {
    const now = Date.now();
    if (now - backlogCache.at > 1000) {
      const b = await app.queues.backlog();
      backlogCache = { at: now, batches: b.ingest };
      metrics.queueBacklog.set({ queue: 'ingest' }, b.ingest);
      metrics.queueBacklog.set({ queue: 'classify' }, b.classify);
    }
    return backlogCache.batches;
  };

  const count = (route: string, status: number) => metrics.httpRequests.inc({ route, status: String(status) });
  const fail = (reply: FastifyReply, route: string, status: number, body: Record<string, unknown>, retryAfter?: number) => {
    count(route, status);
    if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
    return reply.code(status).type('application/json').send(body);
  };

  const ingestRoute = (format: IngestFormat) => async (req: FastifyRequest, reply: FastifyReply) => {
    const route = format.httpPath;
    if (!authorizedFor(format.kind)(req.headers.authorization)) {
      reply.header('www-authenticate', 'Bearer');
      return fail(reply, route, 401, { error: 'unauthorized', message: `missing or wrong bearer token (server.authTokens.${format.kind} or server.authToken)` });
    }
    const contentType = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!format.contentTypes.includes(contentType)) {
      return fail(reply, route, 415, {
        error: 'unsupported_media_type',
        message: `content-type must be one of: ${format.contentTypes.join(', ')}`,
      });
    }
    let body = req.body as Buffer | undefined;
    if (!body || body.length === 0) return fail(reply, route, 400, { error: 'empty_body', message: 'the request body is empty' });
    const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding === 'gzip') {
      try {
        body = gunzipSync(body, { maxOutputLength: limit });
      } catch (err) {
        const tooLarge = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /larger than/.test((err as Error).message);
        return fail(reply, route, tooLarge ? 413 : 400, {
          error: tooLarge ? 'body_too_large' : 'bad_gzip',
          message: tooLarge ? `the decompressed body exceeds ${limit} bytes` : 'the gzip body could not be decompressed',
        });
      }
    } else if (encoding !== 'identity') {
      return fail(reply, route, 415, { error: 'unsupported_encoding', message: 'content-encoding must be gzip or identity' });
    }
    if (!(await redisAnswers())) {
      return fail(reply, route, 503, { error: 'redis_unavailable', message: 'Redis is unreachable; nothing from this request was kept; retry later' }, RETRY_AFTER_S);
    }
    try {
      if ((await backlogBatches()) >= config.ingest.maxBacklogBatches) {
        return fail(reply, route, 429, { error: 'backlog_full', message: 'the ingest queue is over its backlog bound; retry later' }, RETRY_AFTER_S);
      }
    } catch {
      return fail(reply, route, 503, { error: 'redis_unavailable', message: 'Redis is unreachable; retry later' }, RETRY_AFTER_S);
    }
    let decoded;
    try {
      decoded = format.decodeBody(body, contentType);
    } catch (err) {
      if (err instanceof IngestBodyError) {
        metrics.eventsRejected.inc({ source: format.kind, reason: 'invalid_body' });
        return fail(reply, route, err.status, { error: 'invalid_body', message: err.message });
      }
      throw err;
    }
    for (const [reason, n] of Object.entries(decoded.ignored)) metrics.eventsIgnored.inc({ source: format.kind, reason }, n);
    const outcome = acceptRecords(decoded.records, producer);
    // One count per rejected record, under its first error (a record can carry several field errors).
    const countedRefs = new Set<string>();
    for (const e of outcome.errors) {
      if (countedRefs.has(e.ref)) continue;
      countedRefs.add(e.ref);
      metrics.eventsRejected.inc({ source: format.kind, reason: e.code });
    }
    if (outcome.rejected > countedRefs.size) {
      metrics.eventsRejected.inc({ source: format.kind, reason: 'invalid_field' }, outcome.rejected - countedRefs.size);
    }
    try {
      await Promise.all(outcome.batches);
    } catch (err) {
      logger.warn({ error: (err as Error).message }, 'could not write a batch to Redis');
      return fail(reply, route, 503, { error: 'redis_unavailable', message: 'Redis is unreachable; nothing from this request was kept; retry later' }, RETRY_AFTER_S);
    }
    // The backlog figure is cached for a second; count this request's batches in it so a burst of requests
    // inside that second cannot overshoot ingest.maxBacklogBatches by more than one request's batches.
    backlogCache.batches += outcome.batches.size;
    metrics.eventsAccepted.inc({ source: format.kind }, outcome.accepted);
    const answer = format.answer(
      {
        accepted: outcome.accepted,
        rejected: outcome.rejected,
        errors: outcome.errors.map((e) => ({ ref: e.ref, field: e.field, message: e.message })),
        ignored: decoded.ignored,
      },
      contentType,
    );
    count(route, answer.status);
    return reply.code(answer.status).type(answer.contentType).send(typeof answer.body === 'string' ? answer.body : Buffer.from(answer.body));
  };

  for (const format of ingestFormats().values()) {
    server.post(format.httpPath, ingestRoute(format));
  }

  server.get('/healthz', async (_req, reply) => reply.send({ status: 'ok' }));
  server.get('/readyz', async (_req, reply) => {
    const redis = await redisAnswers();
    const workers = options.workersRunning();
    const ready = redis && workers;
    if (!ready) reply.header('retry-after', String(RETRY_AFTER_S));
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', redis, workers });
  });
  server.get('/metrics', async (_req, reply) => {
    await backlogBatches().catch(() => undefined);
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  server.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) logger.error({ error: err.message, url: req.url }, 'request failed');
    const code = status === 413 ? 'body_too_large' : status === 500 ? 'internal_error' : (err.code ?? 'bad_request').toLowerCase();
    count(req.routeOptions?.url ?? 'unknown', status);
    // Fastify's own messages never include the body; ours never include prompt text.
    void reply.code(status).type('application/json').send({ error: code, message: status === 500 ? 'internal error' : err.message });
  });

  return {
    server,
    async listen() {
      return server.listen({ host: config.server.host, port: config.server.port });
    },
    async close() {
      // server.close() reaps only the sockets idle at that moment; a keep-alive socket whose request is in
      // flight would then sit open until keepAliveTimeout (72 s) and hold the shutdown. Answers sent from
      // now on say `Connection: close`, so each such socket ends with its response.
      closing = true;
      await server.close();
    },
  };
}
