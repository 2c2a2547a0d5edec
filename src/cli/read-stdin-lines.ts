import { createInterface } from 'node:readline';

/** Lines of stdin, one at a time (constant memory). */
export async function* readStdinLines(stdin: NodeJS.ReadableStream): AsyncGenerator<{ lineNumber: number; text: string }> {
  const rl = createInterface({ input: stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim()) yield { lineNumber: n, text: line };
  }
}
