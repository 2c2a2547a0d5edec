import { createHmac } from 'node:crypto';

/**
 * User ids never leave the edge in the clear: they become HMAC-SHA256(ingest.userHashKey, userId), 16 bytes hex,
 * and the store only ever feeds them into HyperLogLogs (distinct counts), never beside a category.
 */
export type UserHasher = (userId: string) => string;

export function createUserHasher(key: string): UserHasher {
  return (userId) => createHmac('sha256', key).update(userId).digest('hex').slice(0, 32);
}
