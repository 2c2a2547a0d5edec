import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { CensusApp } from '../app/census-app.js';
import { IngestBodyError } from '../ingest/ingest-body-error.js';
import type { IngestErrorReply, IngestFormat } from '../ingest/ingest-format.js';
import { ingestFormats } from '../ingest/registry.js';
import { acceptRecords } from '../pipeline/accept-records.js';
import type { EventProducer } from '../queue/event-producer.js';
import { createBearerCheck } from './bearer-auth.js';
import { createReadinessChecks } from './readiness-checks.js';
import { isRedisOutOfMemory } from './redis-memory.js';
import { singleFlight, within } from './within.js';

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
/** How long ingest, /readyz and /metrics wait for Redis (or the store) to answer before calling it unreachable. */
const REDIS_CHECK_MS = 1000;

const REDIS_UNAVAILABLE: Omit<IngestErrorReply, 'status'> = {
  code: 'redis_unavailable',
  message: 'Redis is unreachable; nothing from this request was kept; retry later',
};
const REDIS_OUT_OF_MEMORY: Omit<IngestErrorReply, 'status'> = {
  code: 'redis_out_of_memory',
  message:
    'Redis is out of memory (maxmemory reached; it refuses writes under maxmemory-policy noeviction); nothing from this request was kept; retry later',
};

/**
 * The sidecar's HTTP side: ingest routes for every ingest format, health, readiness and metrics.
 * Bodies are read as bytes (gzip accepted), decoded by the format, validated per record, and answered only once
 * the accepted events are in Redis. Errors name the record and field, never echo prompt text; each route's errors
 * are shaped by its format (JSON `{"error", "message"}`, or a google.rpc.Status on the OTLP route).
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
  const formats = [...ingestFormats().values()];
  const formatByPath = new Map(formats.map((f) => [f.httpPath, f]));
  // One check per ingest format: server.authTokens.<kind> if set, else server.authToken, else open.
  const checks = new Map<string, (header: string | undefined) => boolean>();
  const authorizedFor = (kind: IngestFormat['kind']) => {
    let check = checks.get(kind);
    if (!check) checks.set(kind, (check = createBearerCheck(config.server.authTokens[kind] ?? config.server.authToken)));
    return check;
  };
  const readiness = createReadinessChecks({
    redis: app.redis,
    store: app.store,
    workersRunning: options.workersRunning,
    timeoutMs: REDIS_CHECK_MS,
  });

  let closing = false;
  server.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  // Every body is taken as raw bytes; formats decode them.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body));

  let backlogCache = { at: 0, batches: 0 };
  // One refresh at a time: while Redis is paused a second caller waits for the same one instead of adding commands.
  const refreshBacklog = singleFlight(async () => {
    const b = await app.queues.backlog();
    backlogCache = { at: Date.now(), batches: b.ingest };
    metrics.queueBacklog.set({ queue: 'ingest' }, b.ingest);
    metrics.queueBacklog.set({ queue: 'classify' }, b.classify);
  });
  /** The ingest backlog in batches (cached for a second), or a rejection after REDIS_CHECK_MS. */
  const backlogBatches = async () => {
    if (Date.now() - backlogCache.at > 1000) await within(refreshBacklog(), REDIS_CHECK_MS, 'Redis (queue backlog)');
    return backlogCache.batches;
  };

  const count = (route: string, status: number) => metrics.httpRequests.inc({ route, status: String(status) });
  /** An error answer on an ingest route, in the route's format (OTLP: google.rpc.Status in the request's encoding). */
  const fail = (
    reply: FastifyReply,
    format: IngestFormat,
    contentType: string | undefined,
    error: IngestErrorReply,
    retryAfter?: number,
  ) => {
    count(format.httpPath, error.status);
    if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
    const answer = format.errorAnswer(error, contentType ?? '');
    return reply.code(answer.status).type(answer.contentType).send(typeof answer.body === 'string' ? answer.body : Buffer.from(answer.body));
  };

  const ingestRoute = (format: IngestFormat) => async (req: FastifyRequest, reply: FastifyReply) => {
    const requestType = req.headers['content-type'];
    const failWith = (status: number, code: string, message: string, retryAfter?: number) =>
      fail(reply, format, requestType, { status, code, message }, retryAfter);
    if (!authorizedFor(format.kind)(req.headers.authorization)) {
      reply.header('www-authenticate', 'Bearer');
      return failWith(401, 'unauthorized', `missing or wrong bearer token (server.authTokens.${format.kind} or server.authToken)`);
    }
    try {
      format.checkContentType(requestType ?? '');
    } catch (err) {
      if (err instanceof IngestBodyError) return failWith(err.status, err.code, err.message);
      throw err;
    }
    let body = (req.body as Buffer | undefined) ?? Buffer.alloc(0);
    const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding === 'gzip') {
      try {
        body = gunzipSync(body, { maxOutputLength: limit });
      } catch (err) {
        const tooLarge = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /larger than/.test((err as Error).message);
        return tooLarge
          ? failWith(413, 'body_too_large', `the decompressed body exceeds ${limit} bytes`)
          : failWith(400, 'bad_gzip', 'the gzip body could not be decompressed');
      }
    } else if (encoding !== 'identity') {
      return failWith(415, 'unsupported_encoding', 'content-encoding must be gzip or identity');
    }
    if (!(await readiness.redisAnswers())) return failWith(503, REDIS_UNAVAILABLE.code, REDIS_UNAVAILABLE.message, RETRY_AFTER_S);
    try {
      if ((await backlogBatches()) >= config.ingest.maxBacklogBatches) {
        return failWith(429, 'backlog_full', 'the ingest queue is over its backlog bound; retry later', RETRY_AFTER_S);
      }
    } catch {
      return failWith(503, REDIS_UNAVAILABLE.code, 'Redis is unreachable; retry later', RETRY_AFTER_S);
    }
    let decoded;
    try {
      decoded = format.decodeBody(body, requestType ?? '');
    } catch (err) {
      if (err instanceof IngestBodyError) {
        if (err.code === 'invalid_body') metrics.eventsRejected.inc({ source: format.kind, reason: 'invalid_body' });
        return failWith(err.status, err.code, err.message);
      }
      throw err;
    }
    for (const [reason, n] of Object.entries(decoded.ignored)) metrics.eventsIgnored.inc({ source: format.kind, reason }, n);
    const outcome = acceptRecords(decoded.records, producer);
    // One count per rejected record, under the code of its first error (a record can carry several field errors).
    for (const [reason, n] of outcome.rejectedByCode) metrics.eventsRejected.inc({ source: format.kind, reason }, n);
    try {
      await Promise.all(outcome.batches);
    } catch (err) {
      if (isRedisOutOfMemory(err)) {
        readiness.noteOutOfMemory();
        logger.warn({ error: (err as Error).message }, 'Redis refused a batch: out of memory (maxmemory reached)');
        return failWith(503, REDIS_OUT_OF_MEMORY.code, REDIS_OUT_OF_MEMORY.message, RETRY_AFTER_S);
      }
      logger.warn({ error: (err as Error).message }, 'could not write a batch to Redis');
      return failWith(503, REDIS_UNAVAILABLE.code, REDIS_UNAVAILABLE.message, RETRY_AFTER_S);
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
        errorsOmitted: outcome.errorsOmitted,
        ignored: decoded.ignored,
      },
      requestType ?? '',
    );
    count(format.httpPath, answer.status);
    return reply.code(answer.status).type(answer.contentType).send(typeof answer.body === 'string' ? answer.body : Buffer.from(answer.body));
  };

  for (const format of formats) {
    server.post(format.httpPath, ingestRoute(format));
  }

  server.get('/healthz', async (_req, reply) => reply.send({ status: 'ok' }));
  server.get('/readyz', async (_req, reply) => {
    const r = await readiness.report();
    if (!r.ready) reply.header('retry-after', String(RETRY_AFTER_S));
    return reply.code(r.ready ? 200 : 503).send({
      status: r.ready ? 'ready' : 'not_ready',
      redis: r.redis,
      redisOutOfMemory: r.redisOutOfMemory,
      store: r.store,
      workers: r.workers,
      problems: r.problems,
    });
  });
  server.get('/metrics', async (_req, reply) => {
    // The backlog gauge is refreshed if Redis answers in time; the other metrics are served either way.
    await backlogBatches().catch(() => undefined);
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  server.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) logger.error({ error: err.message, url: req.url }, 'request failed');
    const code = status === 413 ? 'body_too_large' : status === 500 ? 'internal_error' : (err.code ?? 'bad_request').toLowerCase();
    // Fastify's own messages never include the body; ours never include prompt text.
    const message = status === 500 ? 'internal error' : err.message;
    const format = formatByPath.get(req.routeOptions?.url ?? '');
    if (format) {
      void fail(reply, format, req.headers['content-type'], { status, code, message });
      return;
    }
    count(req.routeOptions?.url ?? 'unknown', status);
    void reply.code(status).type('application/json').send({ error: code, message });
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
