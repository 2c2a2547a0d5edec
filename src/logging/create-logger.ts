import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/**
 * Fields that may hold prompt text or secrets anywhere in a log object. pino removes them before
 * serialisation, so even a careless `logger.info({ event })` cannot leak a prompt.
 */
export const REDACT_PATHS = [
  'prompt', '*.prompt', '*.*.prompt',
  'excerpt', '*.excerpt', '*.*.excerpt',
  'text', '*.text', '*.*.text',
  'content', '*.content', '*.*.content',
  'messages', '*.messages', '*.*.messages',
  'document', '*.document',
  'userId', '*.userId', '*.*.userId',
  'authorization', '*.authorization', '*.*.authorization', '*.headers',
  'apiKey', '*.apiKey', '*.*.apiKey',
  'credentials', '*.credentials', '*.*.credentials',
  'authToken', '*.authToken',
  'salt', '*.salt', 'userHashKey', '*.userHashKey',
];

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stderr by default (stdout is kept for command output). Tests pass a memory stream. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: 'prompt-census',
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}
