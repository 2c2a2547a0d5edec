/** A promise that took longer than it was given. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

/**
 * `promise`, or a DeadlineError after `ms`. A paused server (SIGSTOP) keeps its sockets open, so a command sent to it
 * waits forever; health checks and metrics use this so that they answer anyway. The original promise keeps running;
 * its late rejection is observed here and never becomes an unhandled rejection.
 */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  promise.catch(() => undefined);
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DeadlineError(`${what} did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Wraps an async check so that concurrent callers share one run instead of piling up commands on a stuck server. */
export function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | null = null;
  return () => {
    current ??= run().finally(() => {
      current = null;
    });
    return current;
  };
}
