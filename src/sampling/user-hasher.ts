import { createHmac } from 'node:crypto';

/**
 * User ids never leave the edge in the clear: they become HMAC-SHA256(ingest.userHashKey, userId), 16 bytes hex,
 * and the store only ever feeds them into HyperLogLogs (distinct counts), never beside a category.
 */
export type UserHasher = (userId: string) => string;

/**
 * Users repeat across events, so recent hashes are memoised (bounded: the memo is dropped when it reaches
 * `memoSize` entries). The memo lives in the edge process only, next to the raw ids it came from.
 */
export function createUserHasher(key: string, memoSize = 50_000): UserHasher {
  let memo = new Map<string, string>();
  return (userId) => {
    let h = memo.get(userId);
    if (h === undefined) {
      h = createHmac('sha256', key).update(userId).digest('hex').slice(0, 32);
      if (memo.size >= memoSize) memo = new Map();
      memo.set(userId, h);
    }
    return h;
  };
}
