/**
 * A command was called wrongly (a bad flag value, flags that contradict each other): the CLI prints the message
 * and exits with code 2, as for the usage errors commander itself finds. Anything else that fails exits 1.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
