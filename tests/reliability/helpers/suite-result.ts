import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What one reliability suite measured; the runner (scripts/reliability/) turns these into RELIABILITY.md. */
export interface SuiteResult {
  /** Test file name, e.g. "worker-chaos". */
  suite: string;
  /** One run inside the suite, e.g. "one replica". */
  run: string;
  /** What was injected, as a short phrase ("12 × SIGKILL of the worker at random moments"). */
  injected: string;
  /** The load it held ("200,000 events replayed (3 weeks)"). */
  load: string;
  /** Units counted (events, samples, markers…) and what N counts. */
  of: number;
  unit: string;
  /** Shortfall against the independent figures (`compared` says which), in `unit`. */
  lost: number;
  /** Excess over the independent figures, in `unit`. */
  duplicated: number;
  /** Marker strings found by the leak scan (helpers/leak-scan.ts). */
  leaked: number;
  /** What lost and duplicated were computed from ("the archive, summed by the test: totals, 12 models, ..."). */
  compared: string;
  /** The leak scan behind `leaked`: how many markers were planted, and every place scanned with its size. */
  leakScan: { markers: number; scanned: string[] };
  durationMs: number;
  /** Extra measured figures worth a line ("worker RSS peak 182 MB"). */
  notes?: string[];
}

/**
 * Record a suite's figures when RELIABILITY_RESULTS_DIR is set (the runner sets it); a no-op otherwise, so the
 * normal `npm test` writes nothing.
 */
export async function recordResult(result: SuiteResult): Promise<void> {
  const dir = process.env.RELIABILITY_RESULTS_DIR;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  const name = `${result.suite}--${result.run}`.replace(/[^a-z0-9-]+/gi, '-');
  await writeFile(join(dir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
}
