import { readFile } from 'node:fs/promises';

/** Resident set size of a process in bytes, read from /proc (Linux); null when the process is gone. */
export async function rssBytes(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** Sample a process's RSS every `everyMs` until stop() is called; reports the peak and the samples. */
export function watchRss(pid: number, everyMs = 100): { stop(): Promise<{ peak: number; samples: number[] }> } {
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const r = await rssBytes(pid);
      if (r !== null) samples.push(r);
      await new Promise((res) => setTimeout(res, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { peak: samples.length ? Math.max(...samples) : 0, samples };
    },
  };
}

export const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));
