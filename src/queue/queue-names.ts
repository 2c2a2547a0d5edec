/** Queue names; BullMQ keys are <redis.prefix>:<name>:* (see src/store/redis/redis-keys.ts). */
export const INGEST_QUEUE = 'ingest';
export const CLASSIFY_QUEUE = 'classify';
