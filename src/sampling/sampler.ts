import { createHmac, createSecretKey } from 'node:crypto';

/**
 * Deterministic sampling: HMAC-SHA256(key = sampling.salt, message = event id), the first 48 bits read as an
 * unsigned integer and divided by 2^48 give u in [0, 1); the event is sampled when u < rate.
 * Same id + same salt → same decision on every replica and every replay. Change the salt to draw a new sample.
 */
export interface Sampler {
  readonly rate: number;
  /** u in [0,1) for this id. */
  position(id: string): number;
  isSampled(id: string): boolean;
  /** Stable pseudonymous id of a sample (keyed hash, not reversible without the salt); 32 hex chars. */
  sampleId(id: string): string;
}

const TWO_48 = 2 ** 48;

export function createSampler(rate: number, salt: string): Sampler {
  if (!(rate >= 0 && rate <= 1)) throw new Error(`sampling rate must be within 0..1, got ${rate}`);
  // A KeyObject avoids re-importing the key on every call (the hot path runs once per event).
  const key = createSecretKey(Buffer.from(salt, 'utf8'));
  const digest = (id: string) => createHmac('sha256', key).update(id).digest();
  return {
    rate,
    position(id) {
      return digest(id).readUIntBE(0, 6) / TWO_48;
    },
    isSampled(id) {
      if (rate <= 0) return false;
      if (rate >= 1) return true;
      return digest(id).readUIntBE(0, 6) / TWO_48 < rate;
    },
    sampleId(id) {
      return createHmac('sha256', key).update('sample:').update(id).digest('hex').slice(0, 32);
    },
  };
}
