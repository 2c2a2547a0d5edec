import type { CensusQueues } from '../queue/census-queues.js';

/**
 * Wait until both queues have nothing waiting, delayed or active: every batch applied and every sample's
 * classification recorded. Rejects after timeoutMs (e.g. when no worker is running).
 */
export async function waitForDrain(
  queues: Pick<CensusQueues, 'backlog'>,
  options: { timeoutMs: number; pollMs?: number; onPoll?: (b: { ingest: number; classify: number }) => void },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const poll = options.pollMs ?? 200;
  let quiet = 0;
  for (;;) {
    const b = await queues.backlog();
    options.onPoll?.(b);
    // Two quiet polls in a row: a classify job added by an in-flight flush cannot slip between them.
    quiet = b.ingest === 0 && b.classify === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return;
    if (Date.now() > deadline) {
      throw new Error(
        `still ${b.ingest} batch job(s) and ${b.classify} classify job(s) pending after ${Math.round(options.timeoutMs / 1000)} s; is a worker running (prompt-census worker)?`,
      );
    }
    await new Promise((r) => setTimeout(r, poll));
  }
}
