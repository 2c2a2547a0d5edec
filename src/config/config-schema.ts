import { z } from 'zod';
import { googleCredentialsSchema } from '../classifiers/google/google-credentials-schema.js';

/**
 * The one config schema. Every key has a default so an empty file is a valid config.
 * Unknown keys are rejected (strict objects) so a typo fails start-up instead of being ignored.
 */

/** A Redis URL ioredis connects to; `localhost:6379` (a valid URL with the scheme "localhost") is refused. */
const redisUrl = () => z.string().url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' });

const redisSchema = z
  .strictObject({
    url: redisUrl().default('redis://127.0.0.1:6379'),
    /** Prefix of every key prompt-census writes (queues and store). Wrapped in {braces} for Redis Cluster. */
    prefix: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9_.\-{}]+$/, 'only letters, digits, _ . - { } are allowed')
      .default('pc'),
    /** Set for Redis Cluster: a list of seed nodes; `url` is then ignored. */
    cluster: z.array(redisUrl()).optional(),
  })
  .prefault({});

const samplingSchema = z
  .strictObject({
    rate: z.number().min(0).max(1).default(0.0025),
    salt: z.string().min(1).default('prompt-census-default-salt'),
    maxChars: z.number().int().min(1).max(100_000).default(1000),
    /** When true only events with consent: granted are sampled; by default anything but denied is. */
    requireConsent: z.boolean().default(false),
  })
  .prefault({});

const rateLimitSchema = z
  .strictObject({
    perMinute: z.number().int().min(1).default(600),
    /** Longest pause of the classify queue after a 429/503: caps the exponential backoff and any Retry-After. */
    maxPauseMs: z.number().int().min(1).max(3_600_000).default(60_000),
  })
  .prefault({});

const retrySchema = z
  .strictObject({
    attempts: z.number().int().min(1).max(50).default(6),
    backoffMs: z.number().int().min(1).default(1000),
  })
  .prefault({});

const httpClassifierSchema = z
  .strictObject({
    url: z.string().url().optional(),
    headers: z.record(z.string(), z.string()).default({}),
    timeoutMs: z.number().int().min(1).default(10_000),
  })
  .prefault({});

const googleClassifierSchema = z
  .strictObject({
    apiVersion: z.enum(['v1', 'v2']).default('v2'),
    keyFilename: z.string().optional(),
    /** A credential JSON object of any type google-auth-library loads (checked by googleCredentialsSchema). */
    credentials: googleCredentialsSchema.optional(),
    apiKey: z.string().optional(),
    apiEndpoint: z.string().optional(),
    port: z.number().int().min(1).max(65535).optional(),
    protocol: z.enum(['https', 'http']).default('https'),
    timeoutMs: z.number().int().min(1).default(10_000),
  })
  .prefault({});

const localClassifierSchema = z
  .strictObject({
    /** Path of the local model file; the bundled model by default. */
    model: z.string().optional(),
  })
  .prefault({});

const classifierSchema = z
  .strictObject({
    kind: z.enum(['local', 'http', 'google']).default('local'),
    minConfidence: z.number().min(0).max(1).default(0.5),
    concurrency: z.number().int().min(1).max(256).default(4),
    rateLimit: rateLimitSchema,
    retry: retrySchema,
    http: httpClassifierSchema,
    google: googleClassifierSchema,
    local: localClassifierSchema,
  })
  .prefault({})
  .superRefine((c, ctx) => {
    if (c.kind === 'http' && !c.http.url) {
      ctx.addIssue({
        code: 'custom',
        path: ['http', 'url'],
        message: 'classifier.kind is "http" but classifier.http.url is not set',
      });
    }
  });

const taxonomySchema = z
  .strictObject({
    /** Path of the mapping file; the bundled taxonomy/mapping.yaml by default. */
    mapping: z.string().optional(),
  })
  .prefault({});

const catalogSchema = z
  .strictObject({
    /** Path of the model catalog; the bundled config/models.yaml by default. Replaces (not merges with) it. */
    models: z.string().optional(),
  })
  .prefault({});

const storeSchema = z
  .strictObject({
    kind: z.enum(['redis', 'postgres']).default('redis'),
    /**
     * How long a processed batch/sample id is remembered: replaying an archive again within this window changes
     * nothing. Each remembered batch costs ~90 bytes of Redis memory.
     */
    dedupTtlDays: z.number().int().min(1).default(35),
    /** How long raw classifier labels are kept for rebucketing. */
    labelRetentionDays: z.number().int().min(1).default(400),
    postgres: z
      .strictObject({
        url: z.string().default('postgres://postgres@127.0.0.1:5432/postgres'),
        schema: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('prompt_census'),
      })
      .prefault({}),
  })
  .prefault({});

const ingestSchema = z
  .strictObject({
    batchMaxEvents: z.number().int().min(1).max(100_000).default(1000),
    batchMaxWaitMs: z.number().int().min(1).default(1000),
    /** Ingest answers 429 with Retry-After when this many batches wait in the queue. */
    maxBacklogBatches: z.number().int().min(1).default(10_000),
    /** Secret for hashing user ids (kept only inside HyperLogLogs). */
    userHashKey: z.string().min(1).default('prompt-census-default-user-key'),
  })
  .prefault({});

const workerSchema = z
  .strictObject({
    concurrency: z.number().int().min(1).max(64).default(2),
    /** Milliseconds after which a job whose worker died is picked up again. */
    lockDurationMs: z.number().int().min(1000).default(30_000),
  })
  .prefault({});

const serverSchema = z
  .strictObject({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8787),
    bodyLimitBytes: z.number().int().min(1024).default(16 * 1024 * 1024),
    requestTimeoutMs: z.number().int().min(100).default(30_000),
    /** Bearer token required on every ingest route (compared in constant time). */
    authToken: z.string().min(1).optional(),
    /** Per-route tokens, by ingest format; each overrides authToken on its own route. */
    authTokens: z
      .strictObject({
        events: z.string().min(1).optional(),
        otlp: z.string().min(1).optional(),
        litellm: z.string().min(1).optional(),
        openrouter: z.string().min(1).optional(),
      })
      .prefault({}),
  })
  .prefault({});

const reportSchema = z
  .strictObject({
    minUsers: z.number().int().min(0).default(10),
    minSamples: z.number().int().min(0).default(5),
  })
  .prefault({});

const logSchema = z
  .strictObject({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .prefault({});

export const configSchema = z
  .strictObject({
    redis: redisSchema,
    sampling: samplingSchema,
    classifier: classifierSchema,
    taxonomy: taxonomySchema,
    catalog: catalogSchema,
    store: storeSchema,
    ingest: ingestSchema,
    worker: workerSchema,
    server: serverSchema,
    report: reportSchema,
    log: logSchema,
  })
  .prefault({});

export type Config = z.infer<typeof configSchema>;
export type ClassifierConfig = Config['classifier'];
