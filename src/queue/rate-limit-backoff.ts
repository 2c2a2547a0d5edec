/** The default cap on one pause of the classify queue (classifier.rateLimit.maxPauseMs). */
export const DEFAULT_MAX_PAUSE_MS = 60_000;

/** Retry-After pauses get up to this share of extra wait (at most 1 s), so replicas do not all resume at once. */
const RETRY_AFTER_JITTER = 0.1;
const MAX_RETRY_AFTER_JITTER_MS = 1000;

export interface RateLimitBackoffOptions {
  /** The first pause after a 429 without Retry-After (classifier.retry.backoffMs). */
  baseMs: number;
  /** No pause is longer than this, Retry-After included (classifier.rateLimit.maxPauseMs). */
  maxPauseMs: number;
  /** Uniform in [0, 1); Math.random by default (tests pass their own). */
  random?: () => number;
  /** Milliseconds since the epoch; Date.now by default. */
  now?: () => number;
}

/**
 * How long the classify queue pauses when the classifier pushes back. One instance per classify worker, shared by
 * all its concurrent jobs ("consecutive" is across the worker, not per job).
 *
 * - 429 without Retry-After: exponential backoff with jitter over consecutive 429s: the n-th pause is drawn
 *   uniformly from [d/2, d] with d = min(maxPauseMs, baseMs * 2^(n-1)).
 * - 429 with Retry-After: that long (bounded by maxPauseMs), plus up to 10% (at most 1 s) of jitter, never less.
 * - 429s from requests that were already in flight when the current pause was decided belong to the same wave:
 *   they re-apply what is left of the current pause and do not grow the backoff (with concurrency 4, one quota
 *   burst would otherwise count as four consecutive 429s).
 * - A success of a request sent after the latest pause began resets the streak: the next 429 starts from baseMs.
 * - 503 with Retry-After: that long (bounded, jittered), without touching the 429 streak.
 */
export class RateLimitBackoff {
  private readonly random: () => number;
  private readonly now: () => number;
  private consecutive = 0;
  /** When the latest 429 pause was decided; requests sent before it are part of that wave. */
  private waveStartedAt = Number.NEGATIVE_INFINITY;
  private pauseEndsAt = 0;

  constructor(private readonly options: RateLimitBackoffOptions) {
    if (!(options.baseMs >= 1)) throw new Error(`RateLimitBackoff: baseMs must be at least 1 ms (got ${options.baseMs}).`);
    if (!(options.maxPauseMs >= options.baseMs)) {
      throw new Error(
        `RateLimitBackoff: maxPauseMs (${options.maxPauseMs}) must be at least baseMs (${options.baseMs}); ` +
          'check classifier.rateLimit.maxPauseMs against classifier.retry.backoffMs.',
      );
    }
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** Consecutive 429 waves since the last success. */
  get streak(): number {
    return this.consecutive;
  }

  /** A request sent at `sentAt` was answered 429. Returns how long to pause the queue (ms, 0 = do not pause). */
  rateLimited(sentAt: number, retryAfterMs?: number): number {
    const now = this.now();
    const asked = retryAfterMs === undefined ? undefined : this.bounded(retryAfterMs);
    if (this.consecutive > 0 && sentAt < this.waveStartedAt) {
      // Same wave: in flight before the current pause was decided.
      const left = Math.max(0, this.pauseEndsAt - now);
      const pause = asked === undefined ? left : Math.max(left, asked);
      this.pauseEndsAt = Math.max(this.pauseEndsAt, now + pause);
      return pause;
    }
    this.consecutive++;
    const pause = asked ?? this.exponential(this.consecutive);
    this.waveStartedAt = now;
    this.pauseEndsAt = now + pause;
    return pause;
  }

  /** A 503 (or other transient answer) asked to wait `retryAfterMs`: the pause to apply, bounded and jittered. */
  retryAfter(retryAfterMs: number): number {
    return this.bounded(retryAfterMs);
  }

  /** A request sent at `sentAt` got an answer: the streak ends unless the request predates the latest pause. */
  succeeded(sentAt: number): void {
    if (sentAt >= this.waveStartedAt) {
      this.consecutive = 0;
      this.waveStartedAt = Number.NEGATIVE_INFINITY;
    }
  }

  private exponential(n: number): number {
    const ceiling = Math.min(this.options.maxPauseMs, this.options.baseMs * 2 ** Math.min(n - 1, 52));
    return Math.max(1, Math.round(ceiling / 2 + this.random() * (ceiling / 2)));
  }

  private bounded(retryAfterMs: number): number {
    const wait = Math.max(0, retryAfterMs);
    if (wait === 0) return 0;
    const jitter = this.random() * Math.min(MAX_RETRY_AFTER_JITTER_MS, wait * RETRY_AFTER_JITTER);
    return Math.min(this.options.maxPauseMs, Math.round(wait + jitter));
  }
}
