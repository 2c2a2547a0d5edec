import { TransientClassifierError } from '../errors/transient-classifier-error.js';

export interface DeadlineOptions {
  /** How long the work may take before it fails with reason "timeout". */
  timeoutMs: number;
  /** The config key that sets timeoutMs, named in the timeout message (e.g. "classifier.http.timeoutMs"). */
  timeoutSetting: string;
  /** Signals that end the work early (the caller's shutdown signal, the classifier's own close signal). */
  signals: ReadonlyArray<AbortSignal | undefined>;
  /** Who is being called, for messages: "Google Cloud Natural Language", "the classifier endpoint at host". */
  service: string;
}

/**
 * Runs `work` with a timeout and abort support and settles as soon as either fires, whatever the work does.
 * The signal handed to `work` is aborted at that moment so it can release its socket.
 * Rejections: TransientClassifierError "timeout" after timeoutMs, "aborted" when one of `signals` fires
 * (also when one is already aborted: the work is then not started). Anything `work` throws passes through.
 */
export function withDeadline<T>(work: (signal: AbortSignal) => Promise<T>, options: DeadlineOptions): Promise<T> {
  const controller = new AbortController();
  const signals = options.signals.filter((s): s is AbortSignal => s !== undefined);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => {
      fail(
        new TransientClassifierError(
          'aborted',
          `The request to ${options.service} was abandoned because the classifier is shutting down; the sample will be retried.`,
        ),
      );
    };
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const s of signals) s.removeEventListener('abort', onAbort);
      return true;
    };
    const fail = (err: TransientClassifierError): void => {
      if (!settle()) return;
      controller.abort(err);
      reject(err);
    };
    if (signals.some((s) => s.aborted)) {
      onAbort();
      return;
    }
    for (const s of signals) s.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => {
      fail(
        new TransientClassifierError(
          'timeout',
          `${capitalize(options.service)} did not answer within ${options.timeoutMs} ms; the sample will be retried. ` +
            `Raise ${options.timeoutSetting} if the service is slow but healthy.`,
        ),
      );
    }, options.timeoutMs);
    let running: Promise<T>;
    try {
      running = work(controller.signal);
    } catch (err) {
      running = Promise.reject(err);
    }
    running.then(
      (value) => {
        if (settle()) resolve(value);
      },
      (err: unknown) => {
        if (settle()) reject(err);
      },
    );
  });
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
