/**
 * Resources register their own teardown; release() runs them in reverse order, keeps going past failures,
 * rethrows the first error, and is safe to call twice.
 */
export interface Releasers {
  add(name: string, release: () => Promise<void> | void): void;
  release(): Promise<void>;
}

export function createReleasers(onError?: (name: string, err: unknown) => void): Releasers {
  const stack: Array<{ name: string; release: () => Promise<void> | void }> = [];
  let releasing: Promise<void> | null = null;
  return {
    add(name, release) {
      if (releasing) throw new Error(`cannot register "${name}": resources are already being released`);
      stack.push({ name, release });
    },
    release() {
      if (releasing) return releasing;
      releasing = (async () => {
        let first: unknown = null;
        while (stack.length) {
          const r = stack.pop()!;
          try {
            await r.release();
          } catch (err) {
            onError?.(r.name, err);
            first ??= err;
          }
        }
        if (first) throw first;
      })();
      return releasing;
    },
  };
}
